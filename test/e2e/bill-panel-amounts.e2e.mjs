// What the button says is what the receipt says, wherever the shopper's browser is: the demo store's business
// date is Shanghai's, the browser is in Los Angeles (a day behind Shanghai from 00:00 to 15:00/16:00 Shanghai
// time) or on Kiritimati (a day ahead from 18:00 to 24:00); with Honolulu (a day behind until 18:00) one of
// them is on another date than the store at any hour. The panel must work out the late charge on the
// store's date (asOf), or the store refuses the figure (409 amount-changed) and the shopper sees another.
// And when the connection drops after the store booked a payment, the panel finds out and says it was paid.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

const OVERDUE = 'Redmi K70 16GB+512GB';
const money = (text) => /¥[\d,]+\.\d\d/.exec(text)?.[0];

describe('bill panel amounts against the demo store', () => {
  let browser;

  before(async () => {
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
  });

  /**
   * A fresh store and a page on its 我的分期 in `timezoneId`, with the repayment requests it sends recorded.
   * `today(asOf)` is the date the page hands the panel (none by default).
   */
  async function billsIn(timezoneId, { today } = {}) {
    const store = await startDemoStore();
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    const repayments = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/repayments') && repayments.push(r));
    // The demo's page also hands the panel the store's date (`today`); a store page need not (the panel then
    // takes GET /api/plans' asOf, as docs/merchant-api.md recommends): take it out, so the panel must.
    await page.route('**/bills', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/ today="([^"]*)"/, (_, asOf) =>
        today ? ` today="${today(asOf)}"` : '',
      );
      assert.match(body, /<fenqi-bill-panel api="\/api"( today="\d{4}-\d\d-\d\d")?>/);
      await route.fulfill({ response, body });
    });
    await page.goto(`${store.url}bills`);
    const plan = page.locator('fenqi-bill-panel li.plan', { hasText: OVERDUE });
    await plan.waitFor();
    return {
      store,
      page,
      plan,
      repayments,
      dialog: page.locator('fenqi-bill-panel dialog.repay'),
      async close() {
        await context.close();
        await store.close();
      },
    };
  }

  for (const zone of ['America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Kiritimati']) {
    it(`charges what the card and the button said, with the browser in ${zone}`, async () => {
      const { store, page, plan, dialog, repayments, close } = await billsIn(zone);
      try {
        const { asOf } = await (await fetch(`${store.url}api/plans`)).json();
        const browserDate = await page.evaluate(() => new Date().toLocaleDateString('sv'));
        const card = money(await plan.locator('.next').innerText());
        await plan.getByRole('button', { name: '立即还款' }).click();
        const button = dialog.locator('button.confirm:not([disabled])');
        await button.waitFor();
        const confirmed = money(await button.innerText());
        assert.equal(confirmed, card, `the card's 应还 is the dialog's total (store ${asOf}, browser ${browserDate})`);
        assert.match(await plan.innerText(), /含逾期费用 ¥/, 'the overdue installment carries a late charge');
        await button.click();
        await dialog.locator('.result').waitFor();
        const result = await dialog.locator('.result').innerText();
        assert.match(result, /还款成功/);
        assert.equal(money(result), confirmed, `receipt ${result}`);
        assert.equal(repayments.length, 1, 'one request: the store took the confirmed figure (no 409)');
        assert.equal(JSON.parse(repayments[0].postData()).expectedTotal, Number(confirmed.replace(/[¥,.]/g, '')));
      } finally {
        await close();
      }
    });
  }

  it('shows the new total when the store refuses a stale one (409 amount-changed), and charges it once confirmed', async () => {
    // The page's guess of the store's date is a day behind: its figure lacks a day of late charge.
    const dayBefore = (asOf) => new Date(Date.parse(`${asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const { store, plan, dialog, repayments, close } = await billsIn('Asia/Shanghai', { today: dayBefore });
    try {
      await plan.getByRole('button', { name: '立即还款' }).click();
      const button = dialog.locator('button.confirm:not([disabled])');
      await button.waitFor();
      const stale = money(await button.innerText());
      await button.click();
      // Refused, nothing charged: the dialog stays open with the store's figure, to confirm again.
      const info = dialog.locator('p.info', { hasText: '应还金额已更新为' });
      await info.waitFor();
      const fresh = money(await info.innerText());
      assert.notEqual(fresh, stale, 'a day more of late charge');
      assert.equal(store.log.filter((line) => line.startsWith('repayment ')).length, 0, 'nothing booked on the 409');
      assert.equal(money(await button.innerText()), fresh, 'the button says the new total');
      assert.equal(money(await plan.locator('.next').innerText()), fresh, "the card's 应还 follows");
      await button.click();
      await dialog.locator('.result').waitFor();
      const result = await dialog.locator('.result').innerText();
      assert.match(result, /还款成功/);
      assert.equal(money(result), fresh, `receipt ${result}`);
      assert.equal(repayments.length, 2, 'the refused request and the confirmed one');
      const [first, second] = repayments.map((r) => JSON.parse(r.postData()));
      assert.equal(first.expectedTotal, Number(stale.replace(/[¥,.]/g, '')));
      assert.equal(second.expectedTotal, Number(fresh.replace(/[¥,.]/g, '')));
      assert.equal(store.log.filter((line) => line.startsWith('repayment ')).length, 1, 'booked once');
    } finally {
      await close();
    }
  });

  it('finds a payment booked before the connection dropped, and says it was paid, charging once', async () => {
    const { store, page, plan, dialog, repayments, close } = await billsIn('Asia/Shanghai');
    try {
      let dropped = false;
      // The store receives and books the first request; its answer never reaches the page.
      await page.route('**/repayments', async (route) => {
        if (dropped) return route.continue();
        dropped = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await plan.getByRole('button', { name: '立即还款' }).click();
      const button = dialog.locator('button.confirm:not([disabled])');
      await button.waitFor();
      const confirmed = money(await button.innerText());
      await button.click();
      await dialog.locator('.result').waitFor();
      const result = await dialog.locator('.result').innerText();
      assert.match(result, /还款成功/);
      assert.equal(money(result), confirmed);
      assert.equal(repayments.length, 2, 'the first request and the one that fetched its receipt');
      assert.equal(JSON.parse(repayments[1].postData()).requestId, JSON.parse(repayments[0].postData()).requestId);
      assert.equal(store.log.filter((line) => line.startsWith('repayment ')).length, 1, 'booked once');
      assert.match(await plan.innerText(), /3\/6期/);
    } finally {
      await close();
    }
  });
});
