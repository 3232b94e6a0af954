// `npm run bench`: measures fenqi against the budgets in README.md (Budgets) and prints one markdown table.
//
// Each entry in BENCHES measures something and returns rows `{ metric, value, target, ok }`.
// To add one, append an entry; use `ctx.page()` for a fresh headless Chromium page and
// `ctx.bundle(entry)` to bundle a TypeScript file (iife, exports on `globalThis.fenqiBench`).
// Exits non-zero when any row misses its target.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './browsers.mjs';
import { billPanelBench } from '../bench/bill-panel.bench.mjs';
import { extensionBench } from '../bench/extension.bench.mjs';
import { layoutShiftBench } from '../bench/layout-shift.bench.mjs';
import { selectorBench } from '../bench/selector.bench.mjs';

/** @typedef {{ metric: string, value: string, target: string, ok: boolean }} Row */
/** @typedef {{ page: () => Promise<import('playwright-core').Page>, bundle: (entry: string) => Promise<string> }} Context */

/** @type {{ name: string, run: (ctx: Context) => Promise<Row[]> }[]} */
const BENCHES = [
  {
    name: 'quote',
    async run(ctx) {
      const page = await ctx.page();
      await page.addScriptTag({ path: await ctx.bundle('bench/quote.bench.ts') });
      const perSecond = await page.evaluate(() => globalThis.fenqiBench.run());
      return [
        {
          metric: 'quote(): 24-period quotes with APR per second (median of 5, headless Chromium)',
          value: Math.round(perSecond).toLocaleString('en'),
          target: '≥ 100,000',
          ok: perSecond >= 100_000,
        },
      ];
    },
  },
  extensionBench,
  selectorBench,
  billPanelBench,
  layoutShiftBench,
];

const scratch = mkdtempSync(join(tmpdir(), 'fenqi-bench-'));
let browser;
const ctx = {
  async page() {
    browser ??= await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto('about:blank');
    return page;
  },
  async bundle(entry) {
    const outfile = join(scratch, `${entry.replace(/\W+/g, '_')}.js`);
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      globalName: 'fenqiBench',
      minify: true,
      target: 'es2022',
      outfile,
      logLevel: 'warning',
    });
    return outfile;
  },
};

const rows = [];
try {
  for (const bench of BENCHES) {
    try {
      rows.push(...(await bench.run(ctx)));
    } catch (error) {
      rows.push({
        metric: `${bench.name}: failed to run (${error.message.split('\n')[0]})`,
        value: '—',
        target: '—',
        ok: false,
      });
    }
  }
} finally {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
}

console.log('| metric | value | target | ok |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ok ? 'yes' : 'NO'} |`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
