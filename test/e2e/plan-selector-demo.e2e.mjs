// The demo store's product page: the selector quotes the order total live as the quantity changes, and
// the checkout form opens the order confirmation with the chosen plan (product id, quantity, plan=provider:term;
// never a price): GET /confirm, which writes nothing (test/e2e/purchase.e2e.mjs follows the purchase on).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

describe('the demo product page', () => {
  let store;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    store = await startDemoStore();
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(store.url);
  });

  after(async () => {
    await browser?.close();
    await store?.close();
  });

  const term = (n) => page.locator(`fenqi-plan-selector [part="term"][data-term="${n}"]`);
  /** A card's text as read, non-breaking spaces as spaces. */
  const cardText = async (n) => (await term(n).innerText()).replace(/\u00a0/g, ' ');

  it('quotes the store’s plans for the price, Huabei suggested', async () => {
    await term(12).waitFor();
    // (The card joins each part with non-breaking spaces, so it wraps before the "+" only.)
    assert.match(await cardText(12), /¥537\.40 × 11期 \+ ¥537\.53/);
    assert.match(await term(12).innerText(), /推荐/);
  });

  it('re-quotes in place when the quantity changes', async () => {
    const card = await term(12).elementHandle();
    await page.locator('#quantity').fill('2');
    await page.waitForFunction(() => document.querySelector('#total').textContent === '¥11,998.00');
    // ¥11,998 over 12: ¥999.83 principal + ¥74.98 fee (7.5 % in total) per period, the odd fen in the last.
    assert.match(await cardText(12), /¥1,074\.81 × 11期 \+ ¥1,074\.94/);
    assert.ok(await card.evaluate((el) => el.isConnected), 'the same card, updated in place');
  });

  it('does not submit without a plan', async () => {
    // The browser's form validation refuses the submission with an `invalid` event on the required selector.
    const refused = page.evaluate(
      () =>
        new Promise((resolve) =>
          document
            .querySelector('fenqi-plan-selector')
            .addEventListener('invalid', () => resolve(true), { once: true }),
        ),
    );
    await page.locator('button[type="submit"]').click();
    assert.equal(await refused, true);
    assert.equal(new URL(page.url()).pathname, '/');
  });

  it('sends the chosen plan to the order confirmation (确认订单)', async () => {
    await page.locator('fenqi-plan-selector [part="provider"]', { hasText: '小米分期' }).click();
    await term(12).click();
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/confirm'),
      page.locator('button[type="submit"]').click(),
    ]);
    assert.equal(request.method(), 'GET');
    const sent = Object.fromEntries(new URL(request.url()).searchParams);
    assert.deepEqual(sent, { product: 'xiaomi-14', quantity: '2', plan: 'mifi:12' });
    await page.getByRole('heading', { name: '确认订单' }).waitFor();
    assert.match(await page.locator('#order-plan').innerText(), /小米分期 · 12期/);
    assert.deepEqual(problems, []);
  });
});
