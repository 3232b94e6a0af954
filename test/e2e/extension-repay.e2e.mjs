// The shopper's whole loop, in Chromium with the built extension and the real demo store: tracking on →
// the bills page → plans in IndexedDB and the badge right → the popup's "Repay" opens the store's bills
// page with the repay flow open → paying there updates the extension's copy and the badge moves on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, expectedBadge, launchWithExtension, readStore, startDemoStore } from '../helpers/e2e.mjs';
import { servedPlans } from '../helpers/demo-api.mjs';

describe('repaying from the extension', () => {
  let store;
  let browser;

  before(async () => {
    store = await startDemoStore();
    browser = await launchWithExtension();
  });

  after(async () => {
    await browser?.close();
    await store?.close();
  });

  it('opens the first-run screen on install', async () => {
    const welcome = await eventually(
      () => browser.context.pages().find((p) => p.url().endsWith('/options.html#welcome')),
      { message: 'welcome tab' },
    );
    await welcome.locator('#welcome').waitFor();
    assert.equal(await welcome.locator('#tracking').isChecked(), false);
    await welcome.close();
  });

  it('repays the soonest plan from the popup and the badge moves on', async () => {
    const options = await browser.extensionPage('options.html');
    await options.locator('#tracking').check();
    await options.locator('body[data-tracking="true"]').waitFor();

    const bills = await browser.context.newPage();
    await bills.goto(`${store.url}bills`);
    const served = () => servedPlans(store);
    const before = await served();
    await eventually(async () => (await readStore(options, 'plans')).length === before.length, {
      message: 'plans in IndexedDB',
    });
    const badge = () => options.evaluate(() => chrome.action.getBadgeText({}));
    await eventually(async () => (await badge()) === expectedBadge(before), {
      message: `badge ${expectedBadge(before)}`,
    });
    await bills.close();

    // The popup lists the most urgent plan first; its Repay asks the worker to open the store's page.
    const popup = await browser.extensionPage('popup.html');
    await popup.locator('body[data-ready="true"]').waitFor();
    const first = popup.locator('li.plan').first();
    const planId = await first.getAttribute('data-plan');
    assert.equal(await first.locator('.origin').textContent(), store.origin);
    const opened = browser.context.waitForEvent('page');
    await first.locator('button[data-flow="repay"]').click();
    const storePage = await opened;
    await storePage.waitForURL((url) => url.hash !== '');
    assert.equal(storePage.url(), `${store.url}bills#fenqi=repay&plan=${encodeURIComponent(planId)}`);

    // The bill panel opens its repay dialog from the deep link; paying there announces `repaid`.
    const dialog = storePage.locator('fenqi-bill-panel dialog.repay[open]');
    await dialog.waitFor();
    await dialog.locator('button.confirm').click();
    await dialog.locator('.result').waitFor();

    const after = await served();
    const repaidPlan = after.find((p) => p.id === planId);
    assert.notDeepEqual(
      repaidPlan.installments,
      before.find((p) => p.id === planId).installments,
      'the store recorded the payment',
    );
    await eventually(
      async () => {
        const copy = (await readStore(options, 'plans')).find((p) => p.id === planId && p.origin === store.origin);
        return JSON.stringify(copy?.installments) === JSON.stringify(repaidPlan.installments);
      },
      { message: "the extension's copy updated" },
    );
    await eventually(async () => (await badge()) === expectedBadge(after), {
      message: `badge ${expectedBadge(after)}`,
    });
    assert.notEqual(expectedBadge(after), expectedBadge(before), 'the badge moved on');
    await storePage.close();
    await options.close();
  });
});
