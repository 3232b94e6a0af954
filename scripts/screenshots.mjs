// `npm run screenshots`: pictures of <fenqi-plan-selector> for the README, made in headless Chromium from
// the built widget (run `npm run build` first): zh-CN, light and dark, a plan chosen and the schedule open.
// Writes docs/plan-selector-zh-CN-light.png and docs/plan-selector-zh-CN-dark.png.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

// Without a Chinese font every 字 is a box. Debian: apt-get install fonts-wqy-microhei (or fonts-noto-cjk).
const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (cjk.status === 0 && !cjk.stdout.trim()) {
  console.error('screenshots: no Chinese font installed; on Debian: apt-get install -y fonts-wqy-microhei');
  process.exit(1);
}

const ORIGIN = 'http://fenqi.screenshots';
const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <style>
      :root { color-scheme: light dark; font: 15px/1.5 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; }
      body { margin: 0; padding: 20px; inline-size: 640px; }
      @media (prefers-color-scheme: dark) { body { background: #1b1b1f; color: #e6e6e6; } }
    </style>
    <script type="module" src="/fenqi.js"></script>
  </head>
  <body>
    <fenqi-plan-selector name="plan" amount="5999.00" value="huabei:12" purchase-date="2026-11-21" config-src="/config.json"></fenqi-plan-selector>
  </body>
</html>`;

const files = {
  '/': ['text/html', PAGE],
  '/fenqi.js': ['text/javascript', readFileSync('dist/widget/fenqi.js')],
  '/config.json': ['application/json', readFileSync('demo/public/config.json')],
};

const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({
      colorScheme: scheme,
      deviceScaleFactor: 1,
      viewport: { width: 680, height: 400 },
    });
    await page.route(`${ORIGIN}/**`, (route) => {
      const [type, body] = files[new URL(route.request().url()).pathname] ?? ['text/plain', ''];
      return route.fulfill({ status: 200, contentType: type, body });
    });
    await page.goto(`${ORIGIN}/`);
    const selector = page.locator('fenqi-plan-selector');
    await selector.locator('[part="term"]').first().waitFor();
    await selector.locator('[part="details"] summary').click();
    await selector.locator('[part="schedule"]').waitFor();
    const file = `docs/plan-selector-zh-CN-${scheme}.png`;
    await page.locator('body').screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
