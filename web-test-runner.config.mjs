// Component and unit tests in three engines: headless Chromium and Firefox (both through puppeteer-core: CDP for
// Chromium, WebDriver BiDi for Firefox) and WebKit (WebKitGTK's MiniBrowser over WebDriver, scripts/webkit.mjs).
// `npm test` (scripts/test.mjs) runs this once per engine and prints the combined pass/fail line.
//
// Environment:
//   FENQI_ENGINES  which engines, comma-separated (default: all three; with --files: chromium)
//   FENQI_FILES    test files or globs, comma-separated, to run instead of all of them (scripts/test.mjs sets it)
//   FENQI_TZ       the zone for `--files` runs (default Asia/Shanghai)
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, ENGINES, ensureEngines } from './scripts/browsers.mjs';
import { webkitLauncher } from './scripts/webkit.mjs';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { browserStubPlugin } from './test/helpers/browser-stub-plugin.mjs';
import { colorSchemePlugin } from './test/helpers/color-scheme-plugin.mjs';

// `wtr --files <glob>` runs just those files in one zone ($FENQI_TZ); without it, every group runs (groups would
// otherwise run in full next to the --files selection).
const onlySomeFiles = process.argv.includes('--files');
const engines = (process.env.FENQI_ENGINES ?? (onlySomeFiles ? 'chromium' : ENGINES.join(',')))
  .split(',')
  .filter(Boolean);
const found = ensureEngines(engines);

/**
 * A page of its own window for every test file: tabs sharing a window hide each other, and a hidden page gets
 * no animation frames, so tests waiting on a frame would time out.
 */
const windowPerPage = ({ browser }) => browser.newPage({ type: 'window' });

/**
 * One browser of `engine` in `timezone`. The zone is the browser process's TZ, as on a shopper's machine: for
 * Chromium and Firefox puppeteer passes `env` to the browser; WebKitWebDriver hands its own to MiniBrowser.
 */
function browserIn(engine, timezone) {
  const env = { ...process.env, TZ: timezone };
  if (engine === 'chromium')
    return chromeLauncher({
      launchOptions: { executablePath: found.chromium, headless: true, args: CHROMIUM_ARGS, env },
      createPage: windowPerPage,
    });
  if (engine === 'firefox')
    return chromeLauncher({
      puppeteer: puppeteerCore,
      // --remote-allow-system-access lets test/helpers/color-scheme-plugin.mjs set the color-scheme preference.
      launchOptions: {
        browser: 'firefox',
        executablePath: found.firefox,
        headless: true,
        env,
        args: ['--remote-allow-system-access'],
      },
      createPage: windowPerPage,
      concurrency: 1,
    });
  return webkitLauncher({ timezone });
}

const FILES = process.env.FENQI_FILES?.split(',').filter(Boolean);
const all = FILES ?? ['test/**/*.test.ts'];
/** Domain tests again in a zone west of UTC: schedules must never depend on the machine's clock zone. */
const domain = FILES ? FILES.filter((f) => f.startsWith('test/shared/')) : ['test/shared/**/*.test.ts'];

export default {
  nodeResolve: { exportConditions: ['production'] },
  reporters: [
    defaultReporter(),
    ...(process.env.FENQI_WTR_COUNTS ? [countReporter(process.env.FENQI_WTR_COUNTS)] : []),
  ],
  // The esbuild plugin does not follow "extends": tsconfig.json itself keeps useDefineForClassFields false, which
  // FenqiElement needs (a class field would hide the accessor that makes a property reactive).
  plugins: [
    browserStubPlugin(),
    colorSchemePlugin(),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  concurrency: 2,
  // Generous limits: they only stop a hang, and a 2-core machine shared with other test runs is slow to start a
  // browser, and to run axe or a property test in a third engine. The forged-message suite sends about 2,000
  // messages through the real service worker code and took up to 122 s on a busy machine.
  browserStartTimeout: 120_000,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 30_000 } },
  ...(onlySomeFiles ? { browsers: engines.map((e) => browserIn(e, process.env.FENQI_TZ ?? 'Asia/Shanghai')) } : {}),
  groups: onlySomeFiles
    ? []
    : engines.flatMap((engine) => [
        { name: engine, files: all, browsers: [browserIn(engine, 'Asia/Shanghai')] },
        ...(domain.length
          ? [{ name: `${engine}-los-angeles`, files: domain, browsers: [browserIn(engine, 'America/Los_Angeles')] }]
          : []),
      ]),
};
