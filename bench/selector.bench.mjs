// The plan selector's rows for `npm run bench` (scripts/bench.mjs): the size of the entry a product page
// loads (dist/widget/fenqi.js, minified + gzip -9; run `npm run build` first), and in headless Chromium
// the median time of a first render and of an amount change (update + layout), with the demo config.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { SIZE_BUDGETS, gzipSize } from '../scripts/size-budgets.mjs';

const PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>selector bench</title>
<script type="module" src="/fenqi.js"></script><body></body></html>`;

/** Runs in the page: first renders of fresh elements, then amount changes on one element. */
async function measure(configText) {
  await customElements.whenDefined('fenqi-plan-selector');
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const settle = async (el) => {
    await el.updateComplete;
    el.shadowRoot.lastElementChild.getBoundingClientRect(); // include style and layout
  };
  const first = [];
  for (let i = 0; i < 60; i++) {
    const el = document.createElement('fenqi-plan-selector');
    el.setAttribute('amount', `${5999 + i}.00`);
    el.setAttribute('purchase-date', '2026-11-21');
    el.config = JSON.parse(configText);
    const t0 = performance.now();
    document.body.append(el);
    await settle(el);
    if (i >= 10) first.push(performance.now() - t0); // the first few compile templates and warm the JIT
    el.remove();
  }
  const el = document.createElement('fenqi-plan-selector');
  el.setAttribute('amount', '5999.00');
  el.config = JSON.parse(configText);
  el.value = 'huabei:12';
  document.body.append(el);
  await settle(el);
  const change = [];
  for (let i = 1; i <= 220; i++) {
    const t0 = performance.now();
    el.amount = `${5999 * (1 + (i % 5))}.00`;
    await settle(el);
    if (i > 20) change.push(performance.now() - t0);
  }
  return { first: median(first), change: median(change) };
}

export const selectorBench = {
  name: 'selector',
  async run(ctx) {
    const bundle = readFileSync('dist/widget/fenqi.js');
    const gzip = gzipSize('dist/widget/fenqi.js');
    const config = readFileSync('demo/public/config.json', 'utf8');
    const server = createServer((req, res) => {
      if (req.url === '/fenqi.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    try {
      const page = await ctx.page();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      const r = await page.evaluate(measure, config);
      const ms = (n) => `${n.toFixed(2)} ms`;
      return [
        {
          metric: 'selector: entry script dist/widget/fenqi.js (Lit + code), minified + gzip -9',
          value: `${(gzip / 1024).toFixed(1)} KB (${gzip} B)`,
          target: '≤ 14 KB',
          ok: gzip <= SIZE_BUDGETS['dist/widget/fenqi.js'],
        },
        {
          metric: 'selector: first render, 3 providers, with layout (median of 50)',
          value: ms(r.first),
          target: '≤ 8 ms',
          ok: r.first <= 8,
        },
        {
          metric: 'selector: amount change re-render, with layout (median of 200)',
          value: ms(r.change),
          target: '≤ 2 ms',
          ok: r.change <= 2,
        },
      ];
    } finally {
      server.close();
    }
  },
};

// `node bench/selector.bench.mjs` runs just these rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, ensureChromium } = await import('../scripts/browsers.mjs');
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const rows = await selectorBench.run({ page: () => browser.newPage() });
    for (const r of rows) console.log(`${r.ok ? 'ok ' : 'NO '} ${r.metric}: ${r.value} (target ${r.target})`);
  } finally {
    await browser.close();
  }
}
