// A merchant's own component tests, run with @web/test-runner in headless Chromium: `npx wtr --config
// merchant-tests/web-test-runner.config.mjs` from examples/. CHROMIUM_PATH points at the browser (fenqi's own test
// command sets it; elsewhere install Chromium or Chrome and set it, or use @web/test-runner-playwright).
import { chromeLauncher } from '@web/test-runner-chrome';

export default {
  files: 'merchant-tests/**/*.test.js',
  nodeResolve: true,
  // One page at a time: a page in a background tab gets no animation frames, and components render on frames.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      },
    }),
  ],
};
