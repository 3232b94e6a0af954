// Finds the three browser engines the tests drive, installing Debian's packages for the missing ones:
//   chromium → Debian `chromium`          ($CHROMIUM_PATH overrides)
//   firefox  → Debian `firefox-esr`       ($FIREFOX_PATH overrides; driven over WebDriver BiDi, no geckodriver)
//   webkit   → Debian `webkit2gtk-driver` ($WEBKIT_DRIVER_PATH overrides) and its MiniBrowser, under `xvfb-run`
//              from `xvfb` (MiniBrowser needs a display even when nothing watches it)
// As root with apt-get, what is missing is installed in one apt run; otherwise this exits with the exact
// command to run. `node scripts/browsers.mjs [engine…]` prints what it found.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** How each engine is named in test output. */
export const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/** Flags every headless Chromium launch here needs: root needs --no-sandbox; the closed network needs the rest. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const firstExisting = (paths) => paths.find((p) => p && existsSync(p));

/** MiniBrowser ships in libwebkit2gtk-4.1-0 under the multiarch library folder. */
function miniBrowser() {
  const roots = existsSync('/usr/lib') ? readdirSync('/usr/lib').map((d) => `/usr/lib/${d}`) : [];
  return firstExisting([
    process.env.WEBKIT_BROWSER_PATH,
    ...roots.map((r) => `${r}/webkit2gtk-4.1/MiniBrowser`),
    '/usr/lib/webkit2gtk-4.1/MiniBrowser',
  ]);
}

const onPath = (name) => {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

/** For each engine: how to find it, and which Debian packages provide it. */
const FINDERS = {
  chromium: {
    packages: ['chromium'],
    override: 'CHROMIUM_PATH',
    find: () =>
      firstExisting([
        process.env.CHROMIUM_PATH,
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/lib/chromium/chromium',
        '/usr/bin/google-chrome',
      ]),
    advice: 'or point CHROMIUM_PATH at any Chromium or Chrome for Testing binary (it must accept --load-extension)',
  },
  firefox: {
    packages: ['firefox-esr'],
    override: 'FIREFOX_PATH',
    find: () => firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']),
    advice: 'or point FIREFOX_PATH at a Firefox ≥ 140 binary',
  },
  webkit: {
    packages: ['webkit2gtk-driver', 'xvfb', 'xauth'],
    override: 'WEBKIT_DRIVER_PATH',
    find: () => {
      const driver = firstExisting([process.env.WEBKIT_DRIVER_PATH, '/usr/bin/WebKitWebDriver']);
      const browser = miniBrowser();
      const xvfbRun = onPath('xvfb-run');
      return driver && browser && xvfbRun && onPath('xauth') ? { driver, browser, xvfbRun } : undefined;
    },
    advice: 'or point WEBKIT_DRIVER_PATH at a WebKitGTK WebKitWebDriver (WEBKIT_BROWSER_PATH at its MiniBrowser)',
  },
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages, log) {
  if (!isRoot() || !onPath('apt-get')) return;
  log(`fenqi: installing Debian packages for the test browsers: ${packages.join(' ')} (a few minutes)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Others on the machine may hold apt's lock for a while: wait for it rather than fail.
  const wait = ['-o', 'DPkg::Lock::Timeout=600'];
  try {
    execFileSync('apt-get', [...wait, 'update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', [...wait, 'install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  } catch {
    // the advice below says what to do by hand
  }
}

/**
 * Finds every engine in `engines`, installing the missing ones in one apt run when root; exits with the exact
 * install command when it cannot. Returns `{ chromium: path, firefox: path, webkit: { driver, browser, xvfbRun } }`
 * for the engines asked for.
 */
export function ensureEngines(engines = ENGINES, { log = console.error } = {}) {
  const found = {};
  const missing = () => engines.filter((e) => !(found[e] ??= FINDERS[e].find()));
  const unknown = engines.filter((e) => !FINDERS[e]);
  if (unknown.length) throw new Error(`unknown engine ${unknown.join(', ')}: use ${ENGINES.join(', ')}`);
  if (missing().length) aptInstall([...new Set(missing().flatMap((e) => FINDERS[e].packages))], log);
  const still = missing();
  if (still.length === 0) return found;
  log(
    [
      `fenqi: ${still.map((e) => ENGINE_NAMES[e]).join(', ')} not found, and it could not be installed here.`,
      `  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y ${still.flatMap((e) => FINDERS[e].packages).join(' ')}`,
      ...still.map((e) => `  ${FINDERS[e].advice}`),
      '  (npm test -- --engine chromium runs one engine only.)',
    ].join('\n'),
  );
  process.exit(2);
}

export const ensureChromium = (options) => ensureEngines(['chromium'], options).chromium;
export const ensureFirefox = (options) => ensureEngines(['firefox'], options).firefox;
export const ensureWebKit = (options) => ensureEngines(['webkit'], options).webkit;

if (import.meta.url === `file://${process.argv[1]}`) {
  const asked = process.argv.slice(2);
  console.log(JSON.stringify(ensureEngines(asked.length ? asked : ENGINES), null, 2));
}
