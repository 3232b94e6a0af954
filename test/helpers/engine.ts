// Which engine a browser test runs in, and what differs per engine in the harness (never in the product).
import { executeServerCommand } from '@web/test-runner-commands';

export type Engine = 'chromium' | 'firefox' | 'webkit';

/** Read from the user agent: WebKitGTK's MiniBrowser says "AppleWebKit … Safari" without "Chrome". */
export const engine: Engine = / Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : / Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

/**
 * How many runs a heavy property or fuzz test makes here: `full` in Chromium, about a sixth (at least `least`) in
 * Firefox and WebKit, so three engines fit the CI time budget. The sample still crosses every generator's
 * branches; the full count runs once per `npm test`, in Chromium (README, "Run the tests"). A multiple of 10, so
 * `runs(n) / 5` is still a whole number: fast-check given 333.4 runs never stops.
 */
export function runs(full: number, least = 100): number {
  return engine === 'chromium' ? full : Math.max(least, Math.ceil(full / 60) * 10);
}

/**
 * Makes the page's prefers-color-scheme `scheme` (test/helpers/color-scheme-plugin.mjs). Returns false in WebKit,
 * whose WebDriver cannot emulate it: the caller then checks the dark rules another way.
 */
export async function emulateColorScheme(scheme: 'light' | 'dark'): Promise<boolean> {
  if ((await executeServerCommand('fenqi-color-scheme', scheme)) !== 'emulated') return false;
  // Firefox's preference reaches the page's process a moment later: wait until the page sees the scheme.
  const query = matchMedia(`(prefers-color-scheme: ${scheme})`);
  for (const until = Date.now() + 5000; !query.matches;) {
    if (Date.now() > until) throw new Error(`prefers-color-scheme did not become ${scheme}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
