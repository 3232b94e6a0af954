// Finds the Chromium that tests and screenshots drive, installing Debian's package when it is missing.
// Order: $CHROMIUM_PATH, then the usual Debian/Ubuntu paths, then `apt-get install chromium` (root only).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
];

/** Flags every headless launch here needs: root needs --no-sandbox; the closed network needs the rest. */
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

function found() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** Returns the path of a usable Chromium, installing Debian's `chromium` if needed; exits with advice if it cannot. */
export function ensureChromium({ log = console.error } = {}) {
  const path = found();
  if (path) return path;
  if (isRoot() && hasAptGet()) {
    log("fenqi: Chromium not found; installing Debian's chromium package (about a minute)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    } catch {
      // fall through to the advice below
    }
    const installed = found();
    if (installed) return installed;
  }
  log(
    [
      'fenqi: no Chromium found and it could not be installed here.',
      '  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y chromium',
      '  Or point CHROMIUM_PATH at any Chromium or Chrome for Testing binary (it must accept --load-extension).',
    ].join('\n'),
  );
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
