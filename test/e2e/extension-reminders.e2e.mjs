// Reminders for real: Chromium with the built extension shows notifications through chrome.notifications
// (they require interaction, so headless Chromium keeps them in its list, where `chrome.notifications.getAll()`
// sees them), one per installment and due date (and one more once it is overdue), off the screen once the
// installment is paid, never again after a reload, an alarm or a service-worker restart, and a click opens the
// store's repay flow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  daysFromTo,
  eventually,
  launchWithExtension,
  localToday,
  nextAck,
  notificationIds,
  openStorePage,
  readStore,
  startDemoStore,
  stopServiceWorker,
  turnTrackingOn,
  unpaid,
} from '../helpers/e2e.mjs';
import { repay, servedPlans } from '../helpers/demo-api.mjs';

/** A notification's id names the reminder: store origin, plan, installment, due date, days before (-1: overdue). */
const reminderId = (origin, planId, n, dueDate, daysBefore) =>
  `fenqi-reminder:${JSON.stringify([origin, planId, n, dueDate, daysBefore])}`;
const OVERDUE = -1;

/** Pays off a plan at a demo store through its API, as the shopper would on the store's own page. */
const payOff = (store, planId) => repay(store, planId, { payoff: true, methodId: 'pm-cmb' });

describe('reminders in Chromium with the built extension', () => {
  let store;
  let paidOffStore;
  let payingStore;
  let browser;
  let options;
  let soon;
  let overdue;
  let offset;
  /** The overdue reminder of the seed's plan-2401 (its first unpaid installment) at store `s`. */
  const overdueId = (s) => reminderId(s.origin, 'plan-2401', overdue.n, overdue.dueDate, OVERDUE);

  before(async () => {
    // Three stores with the demo's seed. At the second, the due-in-two-days plan (plan-2402) is paid off
    // before the shopper opens the bills page: a paid-off plan whose due dates are still ahead. At the third,
    // it is paid after its reminder was shown.
    [store, paidOffStore, payingStore] = await Promise.all([startDemoStore(), startDemoStore(), startDemoStore()]);
    await payOff(paidOffStore, 'plan-2402');
    browser = await launchWithExtension();
    options = await turnTrackingOn(browser);

    const plans = await servedPlans(store);
    soon = plans.find((p) => p.id === 'plan-2402').installments[0];
    overdue = plans.find((p) => p.id === 'plan-2401').installments.find(unpaid);
    assert.ok(daysFromTo(overdue.dueDate, localToday()) > 0, 'the seed’s plan-2401 has an overdue installment');
    const days = daysFromTo(localToday(), soon.dueDate);
    // The seed moves a due date on the 29th–31st to the 1st, up to 5 days ahead: widen the window then.
    if (days > 3) await options.locator('#remind-before').fill(String(days));
    if (days > 3) await options.locator('#remind-before').dispatchEvent('change');
    await eventually(async () => (await readStore(options, 'settings'))[0]?.reminderDays?.[0] === Math.max(days, 3), {
      message: 'reminder days saved',
    });
    // The smallest reminder offset at or above the days left: "3 days before" when it is 2 or 3 days away.
    offset = Math.max(days, 3);
  });

  after(async () => {
    await browser?.close();
    await store?.close();
    await paidOffStore?.close();
    await payingStore?.close();
  });

  it('shows one reminder for the installment inside the window and one for the overdue one; none for paid-off plans', async () => {
    assert.deepEqual(await notificationIds(options), [], 'nothing before any store page was seen');
    const pages = [];
    for (const s of [store, paidOffStore, payingStore])
      pages.push(await openStorePage(browser.context, `${s.url}bills`));
    const stored = await readStore(options, 'plans');
    assert.equal(stored.length, 9, 'the three stores’ plans are stored');
    assert.ok(
      stored.some((p) => p.origin === paidOffStore.origin && p.id === 'plan-2402' && !p.installments.some(unpaid)),
      'the second store’s plan-2402 is stored paid off',
    );

    // plan-2402 is due soon at the first and third store (paid off at the second); plan-2401 is overdue at all three.
    const expected = [
      ...[store, payingStore].map((s) => reminderId(s.origin, 'plan-2402', 1, soon.dueDate, offset)),
      ...[store, paidOffStore, payingStore].map(overdueId),
    ].sort();
    assert.deepEqual(await notificationIds(options), expected);
    const sent = await readStore(options, 'reminders');
    assert.deepEqual(
      sent.map((r) => reminderId(r.origin, r.planId, r.n, r.dueDate, r.daysBefore)).sort(),
      expected,
      'recorded as sent',
    );
    for (const page of pages) await page.close();
  });

  it('takes a reminder off the screen once the installment is paid on the store’s page', async () => {
    await payOff(payingStore, 'plan-2402');
    const bills = await openStorePage(browser.context, `${payingStore.url}bills`);
    assert.deepEqual(
      await notificationIds(options),
      [
        reminderId(store.origin, 'plan-2402', 1, soon.dueDate, offset),
        ...[store, paidOffStore, payingStore].map(overdueId),
      ].sort(),
    );
    await bills.close();
  });

  it('opens the plan’s repay flow on its store when the reminder is clicked', async () => {
    const id = reminderId(store.origin, 'plan-2402', 1, soon.dueDate, offset);
    assert.ok((await notificationIds(options)).includes(id), 'the due-soon reminder is on screen');
    const opened = browser.context.waitForEvent('page');
    // Nothing outside Chromium's UI can click a notification, so the click is dispatched to the worker's
    // own chrome.notifications.onClicked listeners, with the id Chromium would pass them.
    await browser.worker.evaluate((notification) => chrome.notifications.onClicked.dispatch(notification), id);
    const page = await opened;
    await page.waitForURL((url) => url.hash !== '');
    assert.equal(page.url(), `${store.url}bills#fenqi=repay&plan=plan-2402`);
    const dialog = page.locator('fenqi-bill-panel dialog.repay[open]');
    await dialog.waitFor();
    assert.match(await dialog.locator('h2').innerText(), /Xiaomi 14 Ultra/);
    await eventually(async () => !(await notificationIds(options)).includes(id), {
      message: 'the clicked reminder cleared',
    });
    assert.deepEqual(
      await notificationIds(options),
      [store, paidOffStore, payingStore].map(overdueId).sort(),
      'the overdue reminders stay',
    );
    await page.close();
  });

  it('opens the overdue plan’s repay flow when its overdue reminder is clicked', async () => {
    const id = overdueId(paidOffStore);
    assert.ok((await notificationIds(options)).includes(id), 'the overdue reminder is on screen');
    const opened = browser.context.waitForEvent('page');
    await browser.worker.evaluate((notification) => chrome.notifications.onClicked.dispatch(notification), id);
    const page = await opened;
    await page.waitForURL((url) => url.hash !== '');
    assert.equal(page.url(), `${paidOffStore.url}bills#fenqi=repay&plan=plan-2401`);
    const dialog = page.locator('fenqi-bill-panel dialog.repay[open]');
    await dialog.waitFor();
    assert.match(await dialog.locator('h2').innerText(), /Redmi K70/);
    await eventually(async () => !(await notificationIds(options)).includes(id), {
      message: 'the clicked overdue reminder cleared',
    });
    await page.close();
  });

  it('never shows a reminder twice: not after a reload, an alarm, or a service-worker restart', async () => {
    // A reminder re-created under the same id would silently replace one still on screen, so the shopper's
    // dismissal (the clicks above cleared two; the shopper closes the other overdue ones) makes a repeat visible.
    for (const id of await notificationIds(options)) await options.evaluate((n) => chrome.notifications.clear(n), id);
    assert.deepEqual(await notificationIds(options), []);
    const sentBefore = await readStore(options, 'reminders');
    assert.equal(sentBefore.length, 5, 'two due-soon reminders and three overdue ones');

    const bills = await openStorePage(browser.context, `${store.url}bills`);
    await bills.reload();
    await nextAck(bills);
    assert.deepEqual(await notificationIds(options), [], 'after the bills page was opened and reloaded');

    // The hourly tick runs the same check the midnight alarm does.
    // The worker's listener returns its work, and Chromium's dispatch() hands that back: wait for it to finish.
    const handled = await browser.worker.evaluate(async () => {
      const { results } = chrome.alarms.onAlarm.dispatch({
        name: 'fenqi-tick',
        scheduledTime: Date.now(),
        periodInMinutes: 60,
      });
      await Promise.all(results);
      return results.length;
    });
    assert.equal(handled, 1, 'the worker handled the alarm');
    assert.deepEqual(await notificationIds(options), [], 'after the alarm');

    // Alarms do not survive every browser restart or update; a fresh worker must make them again.
    await options.evaluate(() => chrome.alarms.clearAll());
    await browser.worker.evaluate(() => (globalThis.fenqiBeforeRestart = true));
    await stopServiceWorker(browser, options);
    await bills.reload();
    assert.equal((await nextAck(bills)).ok, true, 'a worker woke and stored the plans');
    const { worker } = browser;
    assert.equal(await worker.evaluate(() => globalThis.fenqiBeforeRestart), undefined, 'it is a fresh worker');
    assert.deepEqual(await notificationIds(options), [], 'after the worker restarted');
    assert.deepEqual(
      (await worker.evaluate(() => chrome.alarms.getAll())).map((a) => a.name).sort(),
      ['fenqi-midnight', 'fenqi-tick'],
      'the fresh worker recreated its alarms',
    );
    assert.deepEqual(await readStore(options, 'reminders'), sentBefore, 'no reminder recorded twice');
    await bills.close();
  });
});
