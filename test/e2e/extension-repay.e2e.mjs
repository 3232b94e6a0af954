// The shopper's whole loop, with the built extension and the real demo store, in Chromium and Firefox: tracking
// on → the bills page → plans in IndexedDB and the badge right → the popup's "Repay" opens the store's bills page
// with the repay flow open → paying there updates the extension's copy and the badge moves on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  badgeText,
  DEMO_STORE_NAME,
  ENGINE_NAME,
  eventually,
  expectedBadge,
  launchWithExtension,
  openStorePage,
  readStore,
  startDemoStore,
  turnTrackingOn,
} from '../helpers/extension-driver.mjs';
import { servedPlans } from '../helpers/demo-api.mjs';

describe(`repaying from the extension (${ENGINE_NAME})`, () => {
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
    const welcome = await browser.waitForTab((url) => url.endsWith('/options.html#welcome'), {
      message: 'the welcome tab',
    });
    await welcome.waitFor('#welcome');
    assert.equal(await welcome.isChecked('#tracking'), false);
    await welcome.close();
  });

  it('repays the soonest plan from the popup and the badge moves on', async () => {
    const options = await turnTrackingOn(browser);
    const served = () => servedPlans(store);
    const before = await served();
    await (await openStorePage(browser, `${store.url}bills`)).close();
    assert.equal((await readStore(options, 'plans')).length, before.length);
    assert.equal(await badgeText(options), expectedBadge(before));

    // The popup lists the most urgent plan first; its Repay asks the background to open the store's page.
    const popup = await browser.extensionPage('popup.html');
    await popup.waitFor('body[data-ready="true"]');
    const planId = await popup.attr('li.plan', 'data-plan');
    const where = await popup.texts(`li.plan[data-plan="${planId}"] .origin > span`);
    assert.deepEqual(where, [DEMO_STORE_NAME, new URL(store.origin).host], 'its name over its host');
    await popup.click('li.plan button[data-flow="repay"]');
    const want = `${store.url}bills#fenqi=repay&plan=${encodeURIComponent(planId)}`;
    const storePage = await browser.waitForTab((url) => url === want, { message: want });

    // The bill panel opens its repay dialog from the deep link; paying there announces `repaid`.
    await storePage.waitFor('fenqi-bill-panel >>> dialog.repay[open]');
    await storePage.click('fenqi-bill-panel >>> dialog.repay[open] button.confirm');
    await storePage.waitFor('fenqi-bill-panel >>> dialog.repay[open] .result');

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
    await eventually(async () => (await badgeText(options)) === expectedBadge(after), {
      message: `badge ${expectedBadge(after)}`,
    });
    assert.notEqual(expectedBadge(after), expectedBadge(before), 'the badge moved on');
    await storePage.close();
    await options.close();
  });
});
