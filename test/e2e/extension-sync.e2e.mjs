// The thin slice end to end: the demo store's bills page announces its plans, the real extension's content
// script forwards them, the service worker stores them in IndexedDB and sets the badge.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  eventually,
  expectedBadge,
  launchWithExtension,
  nextAck,
  openStorePage,
  readStore,
  startDemoStore,
} from '../helpers/e2e.mjs';
import { servedPlans } from '../helpers/demo-api.mjs';

describe('the extension keeps the plans a store shows', () => {
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
    // The worker acknowledges the page's plans only once it has handled them: then nothing may be stored.
    const bills = await openStorePage(browser.context, `${store.url}bills`, { waitFor: false });
    assert.deepEqual(await nextAck(bills), { of: 'plans', ok: false, reason: 'not stored' });
    const options = await browser.extensionPage('options.html');
    assert.deepEqual(await readStore(options, 'plans'), []);
    await bills.close();
    await options.close();
  });

  it('stores the plans and counts down to the soonest due date once tracking is on', async () => {
    const options = await browser.extensionPage('options.html');
    await options.locator('#tracking').check();
    await options.locator('body[data-tracking="true"]').waitFor();

    const bills = await browser.context.newPage();
    await bills.goto(`${store.url}bills`);
    const served = await servedPlans(store);

    const stored = await eventually(
      async () => {
        const rows = await readStore(options, 'plans');
        return rows.length === served.length && rows;
      },
      { message: 'plans in IndexedDB' },
    );
    for (const plan of served) {
      const copy = stored.find((row) => row.id === plan.id);
      assert.ok(copy, `plan ${plan.id} stored`);
      assert.equal(copy.origin, store.origin, 'stored under the origin the browser stamped');
      assert.deepEqual(copy.installments, plan.installments);
    }

    const expected = expectedBadge(served);
    const badge = await eventually(
      async () => {
        const text = await options.evaluate(() => chrome.action.getBadgeText({}));
        return text === expected && text;
      },
      { message: `badge "${expected}"` },
    );
    assert.equal(badge, expected);
    await bills.close();
    await options.close();
  });
});
