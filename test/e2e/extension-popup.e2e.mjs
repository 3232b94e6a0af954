// The real popup page of the built extension, in Chromium and Firefox, over the demo store's plans: overdue first,
// then upcoming by date, each with its store, order, next amount and date and progress; "Payment method" opens
// the store's bills page with its payment-method dialog open.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  daysFromTo,
  DEMO_STORE_NAME,
  ENGINE_NAME,
  eventually,
  launchWithExtension,
  localToday,
  openStorePage,
  readStore,
  startDemoStore,
  unpaid,
} from '../helpers/extension-driver.mjs';
import { repay, servedPlans } from '../helpers/demo-api.mjs';
import { amountDue } from '../../dist/npm/widget/domain.js';

/** Money and dates as the popup writes them in English (shared/format.ts `formatFen`, `formatDate`). */
const yuan = (fen) =>
  new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
  }).format(fen / 100);
const day = (iso) =>
  new Intl.DateTimeFormat(
    'en',
    // Compact: the year only when it is not this one.
    iso.slice(0, 4) === localToday().slice(0, 4)
      ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
      : { dateStyle: 'medium', timeZone: 'UTC' },
  ).format(Date.parse(`${iso}T00:00:00Z`));
const dueIn = (days) =>
  days === 0
    ? 'Due today'
    : days > 0
      ? `Due in ${days} day${days === 1 ? '' : 's'}`
      : `${-days} day${days === -1 ? '' : 's'} overdue`;

describe(`the popup in the built extension (${ENGINE_NAME})`, () => {
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

  /** The popup as the shopper sees it: every plan row, top to bottom, with the list it is in. */
  async function openPopup() {
    const popup = await browser.extensionPage('popup.html');
    await popup.waitFor('body[data-ready="true"]');
    const rows = await popup.evalAll('li.plan', (items) =>
      items.map((li) => ({
        list: li.closest('ol').id,
        id: li.dataset.plan,
        store: li.querySelector('.origin .store-name')?.textContent,
        host: li.querySelector('.origin .host').textContent,
        product: li.querySelector('.product').textContent,
        amount: li.querySelector('.amount').textContent,
        datetime: li.querySelector('time').getAttribute('datetime'),
        date: li.querySelector('time').textContent,
        when: li.querySelector('.when').textContent,
        progress: li.querySelector('.progress').textContent.trim(),
      })),
    );
    return { popup, rows };
  }

  /** What the popup should show for a plan the store serves. */
  function expectedRow(plan) {
    const next = plan.installments.find(unpaid);
    const days = daysFromTo(localToday(), next.dueDate);
    return {
      list: days < 0 ? 'overdue' : 'upcoming',
      id: plan.id,
      // The name the store's bills page announced, and the host the browser stamped under it.
      store: DEMO_STORE_NAME,
      host: new URL(store.origin).host,
      product: `${plan.product} Order ${plan.orderId}`,
      // What is owed now, late charge included: the figure the store's panel shows and its server charges.
      amount: yuan(amountDue(plan, { count: 1 }, localToday()).total),
      datetime: next.dueDate,
      date: day(next.dueDate),
      when: dueIn(days),
      progress: `${plan.installments.length - plan.installments.filter(unpaid).length} of ${plan.installments.length} paid`,
    };
  }

  const served = () => servedPlans(store);
  const byId = (plans, id) => plans.find((p) => p.id === id);

  it('with tracking off, has one button that turns it on (as the options page does); the store’s plans then come', async () => {
    const popup = await browser.extensionPage('popup.html');
    await popup.waitFor('body[data-ready="true"]');
    await popup.waitForText('Tracking is off: fenqi stores nothing until you turn it on.');
    assert.equal(await popup.count('li.plan'), 0);
    assert.deepEqual(await popup.texts('.empty button'), ['Turn on tracking'], 'one button');
    await popup.click('#turn-on');
    // The popup then shows its (still empty) lists, and the setting is stored, as the options page stores it.
    await popup.waitForText('Nothing to pay.');
    await eventually(async () => (await readStore(popup, 'settings'))[0]?.tracking === true, {
      message: 'tracking stored as on',
    });
    await popup.close();
    // The store's page now stores its plans (its ack says so): the popup has them to show below.
    await (await openStorePage(browser, `${store.url}bills`)).close();
  });

  it('lists the overdue plan first, then the upcoming one; the paid-off plan not at all', async () => {
    const plans = await served();
    const { popup, rows } = await openPopup();
    assert.deepEqual(rows, [expectedRow(byId(plans, 'plan-2401')), expectedRow(byId(plans, 'plan-2402'))]);
    assert.equal(rows[0].list, 'overdue');
    assert.equal(rows[1].list, 'upcoming');
    assert.deepEqual(await popup.texts('h2'), ['Overdue', 'Upcoming']);
    await popup.close();
  });

  it('moves a plan to its place among the upcoming ones once its overdue installment is paid', async () => {
    await repay(store, 'plan-2401', { installments: [3], methodId: 'pm-cmb' });
    await (await openStorePage(browser, `${store.url}bills`)).close();
    const plans = await served();
    const { popup, rows } = await openPopup();
    // plan-2402 is due in days, plan-2401's next installment in about a month.
    assert.deepEqual(rows, [expectedRow(byId(plans, 'plan-2402')), expectedRow(byId(plans, 'plan-2401'))]);
    assert.deepEqual(await popup.texts('h2'), ['Upcoming']);
    await popup.close();
  });

  it('"Payment method" opens the store’s bills page with its payment-method dialog open', async () => {
    const { popup } = await openPopup();
    const item = 'li.plan[data-plan="plan-2402"]';
    assert.equal(await popup.text(`${item} button[data-flow="method"]`), 'Payment method');
    await popup.click(`${item} button[data-flow="method"]`);
    const want = `${store.url}bills#fenqi=method&plan=plan-2402`;
    const page = await browser.waitForTab((url) => url === want, { message: want });
    const dialog = 'fenqi-bill-panel >>> dialog.method[open]';
    await page.waitFor(dialog);
    assert.match(await page.text(`${dialog} h2`), /Xiaomi 14 Ultra/);
    assert.ok((await page.count(`${dialog} input[type="radio"]`)) > 0, 'the store’s payment methods are offered');
    await page.close();
    if (!popup.isClosed()) await popup.close();
  });

  it('"Repay" reuses the store’s bills page when it is already open, instead of opening another tab', async () => {
    const bills = await openStorePage(browser, `${store.url}bills`);
    // Marks this document: the same tab, navigated by its hash only, still has it.
    await bills.evaluate(() => (window.fenqiSameTab = true));
    const { popup } = await openPopup();
    await popup.click('li.plan[data-plan="plan-2402"] button[data-flow="repay"]');
    const want = `${store.url}bills#fenqi=repay&plan=plan-2402`;
    const page = await browser.waitForTab((url) => url === want, { message: want });
    await page.waitFor('fenqi-bill-panel >>> dialog[open]');
    assert.equal(await page.evaluate(() => window.fenqiSameTab), true, 'the tab that was open');
    if (!popup.isClosed()) await popup.close();
    const storeTabs = (await browser.tabs()).filter((t) => t.url.startsWith(`${store.url}bills`));
    assert.deepEqual(
      storeTabs.map((t) => t.url),
      [want],
      'one bills tab: no new one',
    );
    await page.close();
  });
});
