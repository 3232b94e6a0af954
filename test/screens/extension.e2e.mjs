// The built extension's popup, plan page and options page, at 320–1280 px, in zh-CN and English, light and
// dark: nothing scrolls sideways, no date, amount or badge is broken across lines, the main action is reachable.
import { after, before, describe, it } from 'node:test';
import {
  EXTENSION_LANGS,
  EXTENSION_SCREENS,
  SCHEMES,
  WIDTHS,
  extensionSession,
  knownFailure,
  problemsOf,
  view,
} from './screens.mjs';
import { verdict } from './verdict.mjs';

/** "订单 ORD-2401" / "Order ORD-2401" on one line wherever it is shown: never broken after 订单. */
function ordersBroken(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const el of document.querySelectorAll('.order')) {
      if (!el.getClientRects().length) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width >= 1).map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`the order "${el.textContent}" is broken across lines`);
    }
    return problems;
  });
}

let session;
before(async () => (session = await extensionSession()));
after(() => session?.close());

for (const lang of EXTENSION_LANGS) {
  describe(`extension pages in ${lang}`, () => {
    before(() => session.setLanguage(lang));
    for (const screen of EXTENSION_SCREENS) {
      describe(screen.id, () => {
        let page;
        before(async () => (page = await session.open(screen)));
        after(() => page?.close());
        // Scheme outside, width inside: the colour scheme is emulated once per screen and scheme.
        for (const scheme of SCHEMES) {
          for (const width of WIDTHS) {
            it(`${screen.id} ${width}px ${lang} ${scheme}`, async (t) => {
              await view(page, width, scheme);
              const problems = [
                ...(await problemsOf(page, screen, width, { widget: false })),
                ...(await ordersBroken(page)),
              ];
              verdict(t, problems, knownFailure(screen.id, width, lang, scheme));
            });
          }
        }
      });
    }
  });
}
