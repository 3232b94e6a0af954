// A web-test-runner command, `fenqi-color-scheme` ('light' | 'dark'), that makes the test page's
// prefers-color-scheme match in every engine that can: @web/test-runner-commands' emulateMedia only knows CDP,
// which Firefox does not speak.
//   Chromium: CDP media-feature emulation for the page.
//   Firefox:  the content color-scheme preference, set from the browser's own (chrome) scope over WebDriver BiDi;
//             the launcher starts Firefox with --remote-allow-system-access for that, and with one page at a time,
//             since a preference holds for every page.
//   WebKit:   WebDriver has no such command; the answer is 'unsupported' and the test says how it covers it.
const FIREFOX_SCHEME = { dark: 0, light: 1 };

async function firefoxChromeScope(page, expression) {
  const connection = page.browser().connection;
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const target = { context: result.contexts[0].context };
  const { result: evaluated } = await connection.send('script.evaluate', { expression, target, awaitPromise: true });
  if (evaluated.type === 'exception') throw new Error(`Firefox chrome scope: ${JSON.stringify(evaluated)}`);
}

export function colorSchemePlugin() {
  return {
    name: 'fenqi-color-scheme',
    async executeCommand({ command, payload, session }) {
      if (command !== 'fenqi-color-scheme') return undefined;
      if (!(payload in FIREFOX_SCHEME)) throw new Error(`fenqi-color-scheme: 'light' or 'dark', not ${payload}`);
      const launcher = session.browser;
      if (launcher.name === 'WebKit') return 'unsupported';
      const page = launcher.getPage(session.id);
      if (launcher.name === 'Firefox') {
        await firefoxChromeScope(
          page,
          `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${FIREFOX_SCHEME[payload]})`,
        );
      } else {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: payload }]);
      }
      return 'emulated';
    },
  };
}
