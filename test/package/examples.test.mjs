// The framework examples (examples/: plain HTML with the script tag, Vite + TypeScript, React 19, Vue 3) as a
// merchant's developer would build them: the packed tarball installed with npm (not the source tree), the
// typed usage in TS, TSX and Vue templates type-checked (vue-tsc), one Vite build, then each page driven in
// Chromium: set the amount from the app's state, choose a plan, get the typed fenqi-plan-change event, submit.
// Then the merchant-style component tests in examples/merchant-tests run with @web/test-runner and fenqi/testing.
// Run the build first (npm run build); `npm test` does. The examples' own dependencies are installed once into
// examples/node_modules (npm ci, again only when examples/package-lock.json changes).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';

const root = resolve(import.meta.dirname, '../..');
const examples = join(root, 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'fenqi-examples-'));
const outDir = join(scratch, 'dist');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** npm ci in examples/, unless node_modules already holds exactly what its lockfile says. */
function installExampleDependencies() {
  const lock = createHash('sha256')
    .update(readFileSync(join(examples, 'package-lock.json')))
    .digest('hex');
  const stamp = join(examples, 'node_modules', '.fenqi-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) return;
  run(npm, ['ci', '--no-audit', '--no-fund'], examples);
  writeFileSync(stamp, lock);
}

/** Serves the built examples on a free port; a page's query string (the plain form's GET) is ignored. */
function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe('the framework examples, built with Vite from the packed package', () => {
  let server;
  let browser;
  let base;
  let domain;

  before(async () => {
    assert.ok(existsSync(join(root, 'dist/npm/widget/fenqi.js')), 'dist/npm is missing: build first (npm run build)');
    const [packed] = JSON.parse(run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root));
    installExampleDependencies();
    // --no-save: the lockfile stays as committed; the tarball changes with every build.
    run(npm, ['install', '--no-save', '--no-audit', '--no-fund', join(scratch, packed.filename)], examples);
    run(
      join(examples, 'node_modules/.bin/vite'),
      ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      examples,
    );
    domain = await import(join(examples, 'node_modules/fenqi/dist/npm/widget/domain.js'));
    server = await serve(outDir);
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(async () => {
    await browser?.close();
    server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('type-checks: the typed tags and events in TS, TSX and Vue templates, and the lines that must fail do', () => {
    // examples/type-checks holds lines marked @ts-expect-error / @vue-expect-error: they pass only while the
    // package's types are real (an `any` would make them unused, which is an error too).
    run(join(examples, 'node_modules/.bin/vue-tsc'), ['--noEmit', '-p', 'tsconfig.json'], examples);
  });

  it('built the four pages with Vite; the React page does not load the bill panel', () => {
    for (const page of ['html', 'vanilla', 'react', 'vue']) assert.ok(existsSync(join(outDir, page, 'index.html')));
    assert.ok(existsSync(join(outDir, 'fenqi.js')), 'the script-tag build is served as it is');
    const reactPage = readFileSync(join(outDir, 'react/index.html'), 'utf8');
    const reactEntry = /src="\/(assets\/react-[^"]+\.js)"/.exec(reactPage)?.[1];
    assert.ok(reactEntry, reactPage);
    assert.doesNotMatch(readFileSync(join(outDir, reactEntry), 'utf8'), /bill-panel/);
  });

  it("a merchant's own component tests pass with fenqi/testing (examples/merchant-tests, @web/test-runner)", () => {
    // The suite a merchant's developer would write: the selector in their order form, the bills page against a
    // scripted merchant on a fixed business date, their error monitoring. It runs in its own test runner.
    const output = run(
      join(examples, 'node_modules/.bin/wtr'),
      ['--config', 'merchant-tests/web-test-runner.config.mjs'],
      examples,
      { CHROMIUM_PATH: ensureChromium() },
    );
    // Its progress bar is coloured even without a TTY: drop the escape sequences before reading the counts.
    const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*[A-Za-z]`, 'g'), '');
    const [, passed, failed] = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1) ?? [];
    assert.equal(failed, '0', output);
    assert.ok(Number(passed) >= 4, output);
  });

  for (const page of ['html', 'vanilla', 'react', 'vue']) {
    it(`${page}: the amount follows the app's state, the chosen plan arrives as a typed event and is submitted`, async () => {
      browser ??= await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
      const tab = await browser.newPage();
      const problems = [];
      tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      tab.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      tab.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
      try {
        await tab.goto(`${base}/${page}/`);
        const term = (n) => tab.locator(`fenqi-plan-selector [part="term"][data-term="${n}"]`);
        const provider = domain.validateMerchantConfig(domain.STARTER_CONFIG).config.providers[0];
        const perPeriod = (fen) =>
          domain.formatFen(domain.quoteProvider(provider, 6, fen, '2025-01-15').installments[0].total);

        await term(6)
          .locator('.amount', { hasText: perPeriod(599900) })
          .waitFor();
        // Two phones: the app's own state (a variable, React state, a Vue ref) sets the selector's amount.
        await tab.locator('#quantity').fill('2');
        await term(6)
          .locator('.amount', { hasText: perPeriod(1199800) })
          .waitFor();

        await term(6).click();
        await tab.locator('#chosen', { hasText: 'huabei:6' }).waitFor();

        const expected = { quantity: '2', plan: 'huabei:6' };
        if (page === 'html') {
          // A plain form: the browser submits it (GET, to the same page).
          await Promise.all([tab.waitForURL(/plan=/), tab.locator('button[type="submit"]').click()]);
          assert.deepEqual(Object.fromEntries(new URL(tab.url()).searchParams), expected);
        } else {
          await tab.locator('button[type="submit"]').click();
          await tab.locator('#submitted', { hasText: 'plan' }).waitFor();
          assert.deepEqual(JSON.parse(await tab.locator('#submitted').innerText()), expected);
        }
        assert.deepEqual(problems, []);
      } finally {
        await tab.close();
      }
    });
  }
});
