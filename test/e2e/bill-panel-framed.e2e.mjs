// Clickjacking (issue 12): another site frames 我的分期 (here on another port of the same host, so the session
// cookie still goes with it, and with the store's frame-ancestors/X-Frame-Options headers taken off, as a
// merchant who forgot them would serve it) and waits for the shopper's click on 立即还款. The panel refuses
// to open a payment or method flow in a cross-origin frame and says so; the same page opened directly works.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browsers.mjs';
import { startDemoStore } from '../helpers/e2e.mjs';

describe('bill panel in a frame of another origin', () => {
  let store;
  let browser;

  before(async () => {
    store = await startDemoStore();
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await store?.close();
  });

  it('opens no payment or method dialog, and tells the shopper why', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const bills = new URL('bills', store.url).href;
      const other = new URL(store.url);
      other.port = String(Number(other.port) === 1 ? 2 : 1);
      await context.route(`${other.origin}/**`, (route) =>
        route.fulfill({ contentType: 'text/html', body: `<iframe src="${bills}" width="800" height="900"></iframe>` }),
      );
      await context.route(bills, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        delete headers['x-frame-options'];
        await route.fulfill({ response, headers });
      });
      await page.goto(`${other.origin}/`);
      const frame = page.frameLocator('iframe');
      const plan = frame.locator('fenqi-bill-panel li.plan').first();
      await plan.waitFor();
      await plan.getByRole('button', { name: '立即还款' }).click();
      await frame.locator('fenqi-bill-panel .notice').getByText('本页嵌在其他网站中时不能还款').waitFor();
      assert.equal(await frame.locator('fenqi-bill-panel dialog').count(), 0);
      await plan.getByRole('button', { name: '修改支付方式' }).click();
      await frame.locator('fenqi-bill-panel .notice').getByText('本页嵌在其他网站中时不能还款').waitFor();
      assert.equal(await frame.locator('fenqi-bill-panel dialog').count(), 0);

      // The same page, not framed: the dialog opens.
      await page.goto(bills);
      await page.locator('fenqi-bill-panel li.plan').first().getByRole('button', { name: '立即还款' }).click();
      await page.locator('fenqi-bill-panel dialog.repay').waitFor();
    } finally {
      await context.close();
    }
  });
});
