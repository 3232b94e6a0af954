// `npm run screenshots`: the screen gallery. Every screen the screen tests check (test/screens/screens.mjs) —
// the product page with the plan selector, 我的分期 with the bill panel, every step of the repay and payment
// method dialogs, and the extension's popup, plan page and options — at 320, 360, 390, 768 and 1280 px, in
// zh-CN, English and right-to-left (widget only), light and dark, made in headless Chromium from the build.
//
// Writes docs/screenshots/<screen>-<width>-<lang>-<scheme>.webp and docs/screenshots/index.html, which shows
// them all on one page with the problems the screen tests find on each (none, when the screens are right).
// To keep the repository small the pictures are WebP (half the size of PNG at no visible loss) and only the
// 320 px and 1280 px ones are committed (.gitignore keeps the others out): the narrowest phone and the
// desktop. Run this script to see the rest.
//
//   node scripts/screenshots.mjs [--only product,repay] [--widths 320,1280] [--png] [--out DIR]
// (--png: PNG pictures instead, for a viewer that cannot show WebP; --out: another folder than docs/screenshots.)
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  EXTENSION_LANGS,
  EXTENSION_SCREENS,
  SCHEMES,
  WIDGET_LANGS,
  WIDGET_SCREENS,
  WIDTHS,
  ensureChineseFont,
  extensionSession,
  knownFailure,
  launchBrowser,
  pictureName,
  problemsOf,
  shownIn,
  view,
  widgetSession,
} from '../test/screens/screens.mjs';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    widths: { type: 'string' },
    png: { type: 'boolean' },
    out: { type: 'string', default: 'docs/screenshots' },
  },
});
const OUT = values.out;
const only = values.only ? new Set(values.only.split(',')) : null;
const widths = values.widths ? values.widths.split(',').map(Number) : WIDTHS;

ensureChineseFont();
mkdirSync(OUT, { recursive: true });
if (!only && !values.widths) {
  for (const file of readdirSync(OUT)) if (/\.(png|webp)$/.test(file)) rmSync(join(OUT, file));
}

/** @type {{ file: string, screen: string, width: number, lang: string, scheme: string, problems: string[], known: string | null }[]} */
const shots = [];
const started = Date.now();

/** Pictures of `screen` on `page` in every width and scheme; pages whole, dialogs as the shopper sees them. */
async function shoot(page, screen, lang, { widget }) {
  for (const scheme of SCHEMES) {
    for (const width of widths) {
      await view(page, width, scheme);
      const problems = await problemsOf(page, screen, width, { widget, lang: widget ? WIDGET_LANGS[lang].lang : null });
      const file = pictureName(screen.id, width, lang, scheme).replace(/webp$/, values.png ? 'png' : 'webp');
      await capture(page, join(OUT, file), { fullPage: !screen.dialog });
      shots.push({
        file,
        screen: screen.id,
        width,
        lang,
        scheme,
        problems,
        known: knownFailure(screen.id, width, lang, scheme),
      });
    }
  }
}

/** A WebP picture of the viewport, or of the whole page (Chromium's own encoder, through the DevTools protocol). */
async function capture(page, path, { fullPage }) {
  const cdp = await page.context().newCDPSession(page);
  try {
    // A whole page as wide as it scrolls, so a page that scrolls sideways shows it.
    const size = await page.evaluate(
      (whole) =>
        whole
          ? { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }
          : { width: innerWidth, height: innerHeight },
      fullPage,
    );
    const { data } = await cdp.send('Page.captureScreenshot', {
      ...(path.endsWith('.png') ? { format: 'png' } : { format: 'webp', quality: 90 }),
      captureBeyondViewport: fullPage,
      clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
    });
    writeFileSync(path, Buffer.from(data, 'base64'));
  } finally {
    await cdp.detach();
  }
}

const browser = await launchBrowser();
try {
  for (const lang of Object.keys(WIDGET_LANGS)) {
    const session = await widgetSession(browser, lang);
    try {
      // Every screen is reached in order (each starts where the one before left off); only some are pictured.
      for (const screen of WIDGET_SCREENS) {
        await screen.reach(session);
        if ((!only || only.has(screen.id)) && shownIn(screen, lang)) {
          await shoot(session.page, screen, lang, { widget: true });
        }
      }
    } finally {
      await session.close();
    }
  }
} finally {
  await browser.close();
}

if (!only || EXTENSION_SCREENS.some((s) => only.has(s.id))) {
  const session = await extensionSession();
  try {
    for (const lang of EXTENSION_LANGS) {
      await session.setLanguage(lang);
      for (const screen of EXTENSION_SCREENS) {
        if (only && !only.has(screen.id)) continue;
        const page = await session.open(screen);
        await shoot(page, screen, lang, { widget: false });
        await page.close();
      }
    }
  } finally {
    await session.close();
  }
}

writeFileSync(join(OUT, 'index.html'), gallery(shots));
const failing = shots.filter((s) => s.problems.length);
console.log(
  `screenshots: ${shots.length} pictures in ${OUT}/ (${((Date.now() - started) / 1000).toFixed(0)} s), ` +
    `${failing.length} with problems; open ${OUT}/index.html`,
);

/** The review page: one section per screen, one row per language, every width and scheme side by side. */
function gallery(list) {
  const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const screens = [...new Set(list.map((s) => s.screen))];
  const sections = screens.map((screen) => {
    const rows = [...new Set(list.filter((s) => s.screen === screen).map((s) => s.lang))].map((lang) => {
      const cells = list
        .filter((s) => s.screen === screen && s.lang === lang)
        .map((s) => {
          const status = s.problems.length
            ? `<details class="bad"><summary>${s.problems.length} problem${s.problems.length > 1 ? 's' : ''}${
                s.known ? ' (known)' : ''
              }</summary><ul>${s.problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul></details>`
            : '<p class="ok">no problems</p>';
          return `<figure><a href="${s.file}"><img src="${s.file}" alt="${escape(
            `${screen}, ${s.width} px, ${lang}, ${s.scheme} (not committed: run npm run screenshots)`,
          )}" loading="lazy" width="${Math.round(s.width / 2)}"></a><figcaption>${s.width} px · ${s.scheme}</figcaption>${status}</figure>`;
        })
        .join('');
      return `<h3>${escape(lang)}</h3><div class="row">${cells}</div>`;
    });
    return `<section id="${screen}"><h2>${screen}</h2>${rows.join('')}</section>`;
  });
  const nav = screens.map((s) => `<a href="#${s}">${s}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fenqi screens</title>
<style>
  :root { color-scheme: light dark; font: 14px/1.4 system-ui, sans-serif; }
  body { margin: 1rem; }
  .row { display: flex; gap: 1rem; align-items: flex-start; overflow-x: auto; padding-block-end: 0.5rem; }
  figure { margin: 0; flex: none; }
  img { display: block; border: 1px solid #8886; height: auto; max-height: 40rem; object-fit: cover; object-position: top; }
  figcaption { font-weight: 600; }
  .ok { color: #1b6e2a; margin: 0; }
  .bad summary { color: #c5221f; }
  .bad ul { max-inline-size: 20rem; padding-inline-start: 1rem; font-size: 12px; }
</style>
<h1>fenqi screens</h1>
<p>Made by <code>npm run screenshots</code> from the screen tests' own walk (test/screens). Each picture is half
size; click for the full picture. Only the 320 px and 1280 px pictures are committed; the others appear after
running the script. Problems are what the screen tests find on that screen (“known” ones are excused, with a reason,
in test/screens/screens.mjs).</p>
<p>${nav}</p>
${sections.join('\n')}
</html>
`;
}
