// The thin slice end to end: the demo store's bills page announces its plans, the real extension's content
// script forwards them, the background stores them in IndexedDB and sets the badge. In Chromium and Firefox
// (FENQI_E2E_ENGINE; test/helpers/extension-driver.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  badgeText,
  ENGINE_NAME,
  expectedBadge,
  launchWithExtension,
  nextAck,
  openStorePage,
  readStore,
  startDemoStore,
} from '../helpers/extension-driver.mjs';
import { servedPlans } from '../helpers/demo-api.mjs';

describe(`the extension keeps the plans a store shows (${ENGINE_NAME})`, () => {
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

  it('stores nothing while tracking is off', async () => {
    const bills = await openStorePage(browser, `${store.url}bills`, { waitFor: false });
    await bills.waitFor('fenqi-bill-panel >>> li');
    // The background answers the page's announcement only once it has decided; then nothing may be stored.
    const options = await browser.extensionPage('options.html');
    assert.deepEqual(await nextAck(bills), { of: 'plans', ok: false, reason: 'not stored' });
    assert.deepEqual(await readStore(options, 'plans'), []);
    await bills.close();
    await options.close();
  });

  it('stores the plans and counts down to the soonest due date once tracking is on', async () => {
    const options = await browser.extensionPage('options.html');
    await options.check('#tracking');
    await options.waitFor('body[data-tracking="true"]');

    const bills = await openStorePage(browser, `${store.url}bills`);
    const served = await servedPlans(store);

    const stored = await readStore(options, 'plans');
    assert.equal(stored.length, served.length, 'every plan stored by the time the page is answered');
    for (const plan of served) {
      const copy = stored.find((row) => row.id === plan.id);
      assert.ok(copy, `plan ${plan.id} stored`);
      assert.equal(copy.origin, store.origin, 'stored under the origin the browser stamped');
      assert.deepEqual(copy.installments, plan.installments);
    }

    assert.equal(await badgeText(options), expectedBadge(served));
    await bills.close();
    await options.close();
  });
});
