// Every screen of the widget on the demo store, at 320–1280 px, in zh-CN, English and right-to-left, light and
// dark: nothing scrolls sideways, no date, 期数, amount or badge is broken across lines, dialogs fit the screen
// with their primary button in view, and touch targets are 44 × 44 px on phones (see inspect.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SCHEMES,
  WIDGET_LANGS,
  WIDGET_SCREENS,
  WIDTHS,
  knownFailure,
  launchBrowser,
  problemsOf,
  view,
  widgetSession,
} from './screens.mjs';
import { verdict } from './verdict.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(() => browser?.close());

for (const lang of Object.keys(WIDGET_LANGS)) {
  describe(`widget screens in ${lang}`, () => {
    let session;
    before(async () => (session = await widgetSession(browser, lang)));
    after(async () => {
      await session?.close();
      assert.deepEqual(session?.errors ?? [], [], 'no script errors on the page');
    });

    for (const screen of WIDGET_SCREENS) {
      describe(screen.id, () => {
        before(() => screen.reach(session));
        // Scheme outside, width inside: the colour scheme is emulated once per screen and scheme.
        for (const scheme of SCHEMES) {
          for (const width of WIDTHS) {
            it(`${screen.id} ${width}px ${lang} ${scheme}`, async (t) => {
              await view(session.page, width, scheme);
              verdict(t, await problemsOf(session.page, screen, width), knownFailure(screen.id, width, lang, scheme));
            });
          }
        }
      });
    }
  });
}
