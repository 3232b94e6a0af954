// The built selector (dist/widget/fenqi.js) on a stranger's page with a strict Content-Security-Policy and
// Trusted Types: the script loaded twice (two URLs, two copies of Lit), the element inside another
// component's shadow root and added after load. Counted: page errors, console errors, CSP violations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';

/** The policy README.md documents for merchants. */
const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'";

const CONFIG = readFileSync('demo/public/config.json', 'utf8');

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>strict page</title>
    <script type="module" src="/fenqi.js"></script>
    <script type="module" src="/fenqi.js?copy=2"></script>
    <script type="module" src="/page.js"></script>
  </head>
  <body>
    <form id="light"><fenqi-plan-selector name="plan" amount="5999.00" config-src="/config.json" purchase-date="2024-01-31"></fenqi-plan-selector></form>
    <div id="shadow-host"></div>
    <div id="later"></div>
  </body>
</html>`;

// The page's own script: no inline script is allowed here. It reports CSP violations where the test can read them.
const PAGE_JS = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
const root = document.getElementById('shadow-host').attachShadow({ mode: 'open' });
const inner = document.createElement('fenqi-plan-selector');
inner.setAttribute('amount', '3000.00');
inner.setAttribute('config-src', '/config.json');
root.append(inner);
setTimeout(() => {
  const late = document.createElement('fenqi-plan-selector');
  late.setAttribute('amount', '120.00');
  late.setAttribute('config-src', '/config.json');
  document.getElementById('later').append(late);
}, 300);
`;

function serve(policy) {
  const files = {
    '/': ['text/html; charset=utf-8', PAGE],
    '/page.js': ['text/javascript', PAGE_JS],
    '/fenqi.js': ['text/javascript', readFileSync('dist/widget/fenqi.js')],
    '/config.json': ['application/json', CONFIG],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const file = files[path];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'content-security-policy': policy });
    res.end(file[1]);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Opens the page under `policy` and returns what went wrong and how many selectors show plans. */
async function visit(browser, policy) {
  const server = await serve(policy);
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  const firstError = page.waitForEvent('pageerror').catch(() => undefined);
  // `load` comes after every module script ran, so by then the element is defined, or never will be.
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  if (await page.evaluate(() => customElements.get('fenqi-plan-selector') !== undefined)) {
    // Wait for the state, not an event this script might register for too late: all three selectors, the late
    // one too, have loaded their config and show their plans.
    await page.waitForFunction(() => {
      const all = [
        document.querySelector('#light fenqi-plan-selector'),
        document.getElementById('shadow-host').shadowRoot?.querySelector('fenqi-plan-selector'),
        document.querySelector('#later fenqi-plan-selector'),
      ];
      return all.every((el) => el?.shadowRoot?.querySelector('[part="term"]'));
    });
  } else {
    // The script failed: its error is the acknowledgement that nothing will render.
    await firstError;
  }
  const state = await page.evaluate(() => {
    const all = [
      document.querySelector('#light fenqi-plan-selector'),
      document.getElementById('shadow-host').shadowRoot.querySelector('fenqi-plan-selector'),
      document.querySelector('#later fenqi-plan-selector'),
    ];
    return {
      violations: window.violations ?? [],
      terms: all.map((el) => el?.shadowRoot?.querySelectorAll('[part="term"]').length ?? 0),
      copies: globalThis.litHtmlVersions?.length ?? 0,
    };
  });
  await page.close();
  server.close();
  return { problems, ...state };
}

describe('the selector under a strict CSP with Trusted Types', () => {
  let browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  });
  after(() => browser?.close());

  it('renders everywhere with 0 errors and 0 violations, loaded twice, in a shadow root and added late', async () => {
    const result = await visit(browser, STRICT);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.violations, []);
    assert.equal(result.copies, 2, 'both copies of the script ran');
    assert.deepEqual(result.terms, [4, 4, 4]);
  });

  it('submits the chosen plan from there too', async () => {
    const server = await serve(STRICT);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator('#light fenqi-plan-selector [part="term"][data-term="6"]').click();
    const value = await page.evaluate(() => new FormData(document.getElementById('light')).get('plan'));
    assert.equal(value, 'huabei:6');
    await page.close();
    server.close();
  });

  it('fails visibly when the policy does not allow Lit’s Trusted Types policy (so the test above means something)', async () => {
    const result = await visit(
      browser,
      STRICT.replace("trusted-types lit-html 'allow-duplicates'", "trusted-types 'none'"),
    );
    assert.ok(result.problems.length > 0, 'errors are reported');
    assert.deepEqual(result.terms, [0, 0, 0]);
  });

  it('needs allow-duplicates only because the script is loaded twice', async () => {
    const result = await visit(browser, STRICT.replace(" 'allow-duplicates'", ''));
    assert.ok(
      result.problems.some((p) => /lit-html/.test(p)),
      result.problems.join('\n'),
    );
    // The first copy still defined the element, so the page works; only the duplicate copy failed.
    assert.deepEqual(result.terms, [4, 4, 4]);
  });
});
