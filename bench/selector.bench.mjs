// The plan selector's rows for `npm run bench` (scripts/bench.mjs): the size of the entry a product page
// loads (dist/widget/fenqi.js, minified + gzip -9; run `npm run build` first), and in each engine — headless
// Chromium, headless Firefox, WebKit — the median time of a first render and of an amount change (update +
// layout), with the demo config.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { SIZE_BUDGETS, gzipSize } from '../scripts/size-budgets.mjs';

export const ENGINES = [
  ['chromium', 'headless Chromium'],
  ['firefox', 'headless Firefox'],
  ['webkit', 'WebKit'],
];

const PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>selector bench</title>
<script type="module" src="/fenqi.js"></script><body></body></html>`;

/**
 * Runs in the page: first renders of fresh elements, then amount changes on one element. Firefox and WebKit give
 * pages a clock of 1 ms steps or coarser, so each sample times a batch of renders and divides: the median is over
 * 10 batches of 5 first renders and 20 batches of 10 changes (the same 50 and 200 renders as before batching).
 */
async function measure(configText) {
  await customElements.whenDefined('fenqi-plan-selector');
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const settle = async (el) => {
    await el.updateComplete;
    el.shadowRoot.lastElementChild.getBoundingClientRect(); // include style and layout
  };
  const fresh = (i) => {
    const el = document.createElement('fenqi-plan-selector');
    el.setAttribute('amount', `${5999 + i}.00`);
    el.setAttribute('purchase-date', '2026-11-21');
    el.config = JSON.parse(configText);
    return el;
  };
  // The first few compile templates and warm the JIT.
  for (let i = 0; i < 10; i++) {
    const el = fresh(i);
    document.body.append(el);
    await settle(el);
    el.remove();
  }
  const first = [];
  for (let batch = 0; batch < 10; batch++) {
    const els = Array.from({ length: 5 }, (_, i) => fresh(10 + batch * 5 + i));
    const t0 = performance.now();
    for (const el of els) {
      document.body.append(el);
      await settle(el);
    }
    first.push((performance.now() - t0) / els.length);
    for (const el of els) el.remove();
  }
  const el = fresh(0);
  el.setAttribute('amount', '5999.00');
  el.value = 'huabei:12';
  document.body.append(el);
  await settle(el);
  let i = 0;
  const change = async () => {
    i++;
    el.amount = `${5999 * (1 + (i % 5))}.00`;
    await settle(el);
  };
  for (let warm = 0; warm < 20; warm++) await change();
  const changes = [];
  for (let batch = 0; batch < 20; batch++) {
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) await change();
    changes.push((performance.now() - t0) / 10);
  }
  return { first: median(first), change: median(changes) };
}

/** Serves the built entry and a bare page; resolves with its address and a way to stop it. */
async function serve() {
  const bundle = readFileSync('dist/widget/fenqi.js');
  const server = createServer((req, res) => {
    if (req.url === '/fenqi.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

export const selectorBench = {
  name: 'selector',
  async run(ctx) {
    const gzip = gzipSize('dist/widget/fenqi.js');
    const config = readFileSync('demo/public/config.json', 'utf8');
    const rows = [
      {
        metric: 'selector: entry script dist/widget/fenqi.js (Lit + code), minified + gzip -9',
        value: `${(gzip / 1024).toFixed(1)} KB (${gzip} B)`,
        target: `≤ ${SIZE_BUDGETS['dist/widget/fenqi.js'] / 1024} KB`,
        ok: gzip <= SIZE_BUDGETS['dist/widget/fenqi.js'],
      },
    ];
    const server = await serve();
    const ms = (n) => `${n.toFixed(2)} ms`;
    try {
      const results = [];
      for (const [engine, name] of ENGINES) {
        try {
          const page = await ctx.enginePage(engine);
          await page.goto(server.url);
          results.push([name, await page.evaluate(measure, config)]);
        } catch (error) {
          results.push([name, { error: error.message.split('\n')[0] }]);
        }
      }
      for (const [what, key, budget, batches] of [
        ['first render, 3 providers, with layout', 'first', 8, '10 batches × 5'],
        ['amount change re-render, with layout', 'change', 2, '20 batches × 10'],
      ]) {
        for (const [name, r] of results) {
          rows.push(
            r.error
              ? { metric: `selector: ${what}, ${name}: failed (${r.error})`, value: '—', target: '—', ok: false }
              : {
                  metric: `selector: ${what} (median of ${batches}), ${name}`,
                  value: ms(r[key]),
                  target: `≤ ${budget} ms`,
                  ok: r[key] <= budget,
                },
          );
        }
      }
      return rows;
    } finally {
      server.close();
    }
  },
};
