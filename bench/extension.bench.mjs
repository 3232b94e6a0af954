// The extension's rows for `npm run bench` (scripts/bench.mjs): 10,000 stored plans in headless Chromium.
// IndexedDB needs a real origin, so the page is served from a throw-away local server rather than
// about:blank, and webextension-polyfill is swapped for the test browser stub while bundling.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const stubPlugin = {
  name: 'fenqi-browser-stub',
  setup(b) {
    b.onResolve({ filter: /^webextension-polyfill$/ }, () => ({ path: resolve('test/helpers/browser-stub.ts') }));
  },
};

async function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'fenqi-bench-ext-'));
  const outfile = join(dir, 'extension.bench.js');
  await build({ entryPoints: ['bench/extension.bench.ts'], bundle: true, format: 'iife', globalName: 'fenqiExtensionBench', minify: true, target: 'es2022', outfile, plugins: [stubPlugin], logLevel: 'warning' });
  const code = readFileSync(outfile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return code;
}

export const extensionBench = {
  name: 'extension',
  async run(ctx) {
    const code = await bundle();
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>fenqi bench</title>'));
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    try {
      const page = await ctx.page();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.addScriptTag({ content: code });
      const r = await page.evaluate(() => globalThis.fenqiExtensionBench.run());
      const ms = (n) => `${n.toFixed(1)} ms`;
      return [
        { metric: 'extension: popup first render with 10,000 plans (load + DOM, median of 5)', value: ms(r.popup), target: '≤ 300 ms', ok: r.popup <= 300 },
        { metric: 'extension: badge recompute with 10,000 plans (median of 5)', value: ms(r.badge), target: '≤ 100 ms', ok: r.badge <= 100 },
        { metric: 'extension: sync of 100 plans from one store, 10,000 stored (median of 5)', value: ms(r.sync), target: 'measured', ok: true },
        { metric: 'extension: schema migration v1 → v2 with 10,000 plans', value: ms(r.migrate), target: '≤ 2,000 ms', ok: r.migrate <= 2000 },
      ];
    } finally {
      await new Promise((done) => server.close(done));
    }
  },
};
