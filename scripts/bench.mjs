// `npm run bench`: measures fenqi against the budgets in README.md (Budgets) and prints one markdown table.
//
// Each entry in BENCHES measures something and returns rows `{ metric, value, target, ok }`.
// To add one, append an entry; use `ctx.page()` for a fresh headless Chromium page, `ctx.enginePage(engine)` for a
// page in Chromium, Firefox or WebKit with just `goto(url)` and `evaluate(fn, arg)`, and `ctx.bundle(entry)` to
// bundle a TypeScript file (iife, exports on `globalThis.fenqiBench`).
// `npm run bench -- <name>…` runs only the named entries. Exits non-zero when any row misses its target.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium, ensureFirefox } from './browsers.mjs';
import { webkitPage } from './webkit.mjs';
import { billPanelBench } from '../bench/bill-panel.bench.mjs';
import { extensionBench } from '../bench/extension.bench.mjs';
import { layoutShiftBench } from '../bench/layout-shift.bench.mjs';
import { selectorBench } from '../bench/selector.bench.mjs';

/** @typedef {{ metric: string, value: string, target: string, ok: boolean }} Row */
/** @typedef {{ goto: (url: string) => Promise<unknown>, evaluate: (fn: Function, arg?: unknown) => Promise<any> }} EnginePage */
/**
 * @typedef {{
 *   page: () => Promise<import('playwright-core').Page>,
 *   enginePage: (engine: 'chromium' | 'firefox' | 'webkit') => Promise<EnginePage>,
 *   bundle: (entry: string) => Promise<string>,
 * }} Context
 */

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
/** Browsers other than the playwright Chromium, closed at the end. */
const others = [];
const ctx = {
  async page() {
    browser ??= await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto('about:blank');
    return page;
  },
  async enginePage(engine) {
    if (engine === 'chromium') return ctx.page();
    if (engine === 'webkit') {
      const page = await webkitPage();
      others.push(page);
      return page;
    }
    const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: ensureFirefox(), headless: true });
    others.push(firefox);
    return firefox.newPage();
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

// `npm run bench -- selector quote` runs just those entries.
const only = process.argv.slice(2);
const rows = [];
try {
  for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
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
  for (const other of others) await other.close();
  rmSync(scratch, { recursive: true, force: true });
}

console.log('| metric | value | target | ok |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.metric} | ${r.value} | ${r.target} | ${r.ok ? 'yes' : 'NO'} |`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
