// Every screen of the widget on the demo store, at 320–1280 px, in zh-CN, English and right-to-left, light and
// dark: nothing scrolls sideways, no date, 期数, amount or badge is broken across lines, dialogs fit the screen
// with their primary button in view, touch targets are 44 × 44 px on phones, and a zh-CN page shows no English
// (see inspect.mjs). The demo's own order pages (确认订单, the provider's authorization) are judged in zh-CN.
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
  shownIn,
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

    // A screen not looked at in this language is still walked through, on the way to the next one.
    let walkFirst = [];
    for (const screen of WIDGET_SCREENS) {
      if (!shownIn(screen, lang)) {
        walkFirst.push(screen);
        continue;
      }
      const walk = [...walkFirst, screen];
      walkFirst = [];
      describe(screen.id, () => {
        before(async () => {
          for (const step of walk) await step.reach(session);
        });
        // Scheme outside, width inside: the colour scheme is emulated once per screen and scheme.
        for (const scheme of SCHEMES) {
          for (const width of WIDTHS) {
            it(`${screen.id} ${width}px ${lang} ${scheme}`, async (t) => {
              await view(session.page, width, scheme);
              const problems = await problemsOf(session.page, screen, width, { lang: WIDGET_LANGS[lang].lang });
              verdict(t, problems, knownFailure(screen.id, width, lang, scheme));
            });
          }
        }
      });
    }
  });
}
