// Component and unit tests in headless Chromium. Run through `npm test` (scripts/test.mjs),
// which finds or installs Chromium first and prints the combined pass/fail line.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { browserStubPlugin } from './test/helpers/browser-stub-plugin.mjs';

const executablePath = ensureChromium();

/** A second Chromium in another time zone proves that schedules never depend on the machine's clock zone. */
function chromium(timezoneId) {
  return chromeLauncher({
    launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    // Each test page gets a browser context (a window) of its own: tabs sharing one window are hidden behind
    // each other, and hidden pages get no animation frames, so tests waiting on a frame would time out.
    async createPage({ browser }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.once('close', () => void context.close().catch(() => {}));
      if (timezoneId) await page.emulateTimezone(timezoneId);
      return page;
    },
  });
}

// `wtr --files <glob>` runs just those files, in one browser (zone $FENQI_TZ, default Asia/Shanghai);
// without it, every group runs (groups would otherwise run in full next to the --files selection).
const onlySomeFiles = process.argv.includes('--files');

export default {
  nodeResolve: { exportConditions: ['production'] },
  reporters: [
    defaultReporter(),
    ...(process.env.FENQI_WTR_COUNTS ? [countReporter(process.env.FENQI_WTR_COUNTS)] : []),
  ],
  // The esbuild plugin does not follow "extends": tsconfig.json itself keeps useDefineForClassFields false, which
  // FenqiElement needs (a class field would hide the accessor that makes a property reactive).
  plugins: [browserStubPlugin(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  concurrency: 2,
  // A file's tests must end within this (wtr's default is 2 minutes): the forged-message suite sends about 2,000
  // messages through the real service worker code and took up to 122 s on a busy machine. A bound, not a wait.
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10000 } },
  ...(onlySomeFiles ? { browsers: [chromium(process.env.FENQI_TZ ?? 'Asia/Shanghai')] } : {}),
  groups: onlySomeFiles
    ? []
    : [
        { name: 'shanghai', files: 'test/**/*.test.ts', browsers: [chromium('Asia/Shanghai')] },
        { name: 'los-angeles', files: 'test/shared/**/*.test.ts', browsers: [chromium('America/Los_Angeles')] },
      ],
};
