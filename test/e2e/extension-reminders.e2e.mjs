// Reminders for real, in Chromium and Firefox with the built extension: notifications through the browser's
// notifications API (headless, both keep them in their own list, where `notifications.getAll()` sees them). At most one a day per store (site: scheme and registrable domain, ports folded), summarising that
// store's due-soon and overdue installments, each installment reminded of once; off the screen once everything
// it names is paid, never again after a reload, an alarm or a restart of the background; a click opens the store.
// A page that makes up thousands of overdue installments gets one notification, and text it makes up to look
// like another store is shown cleaned, after the host the browser stamped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer } from 'node:http';
import {
  daysFromTo,
  ENGINE_NAME,
  eventually,
  launchWithExtension,
  localToday,
  nextAck,
  notificationIds,
  openStorePage,
  readStore,
  startDemoStore,
  turnTrackingOn,
  unpaid,
} from '../helpers/extension-driver.mjs';
import { repay, servedPlans } from '../helpers/demo-api.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { watchAnswers } from '../helpers/contract.mjs';

/**
 * The demo store at http://localhost:PORT (its own name, so it answers requests for it): another site than
 * 127.0.0.1 for the extension. Node's fetch and the browsers all find it, whichever loopback address it took.
 */
async function startLocalhostStore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'fenqi-demo-'));
  const { startServer } = await import(resolve('dist/demo/server.mjs'));
  const server = await startServer({ port: 0, host: 'localhost', dataDir, log: () => {} });
  const contract = watchAnswers(server.port); // its answers are held to the OpenAPI file, as startDemoStore's
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    async close() {
      await server.close();
      contract.stop();
      rmSync(dataDir, { recursive: true, force: true });
      contract.assertKept();
    },
  };
}

/** A notification's id names the site and the day it is about. */
const noticeId = (site, day) => `fenqi-reminder:${JSON.stringify([site, day])}`;
/** Every demo store on 127.0.0.1 is one site, whatever its port; `localhost` is another. */
const LOOPBACK = 'http://127.0.0.1';
const LOCALHOST = 'http://localhost';
const OVERDUE = -1;

/** Pays off a plan at a demo store through its API, as the shopper would on the store's own page. */
const payOff = (store, planId) => repay(store, planId, { payoff: true, methodId: 'pm-cmb' });

describe(`reminders with the built extension (${ENGINE_NAME})`, () => {
  let store;
  let paidOffStore;
  let payingStore;
  let browser;
  let options;
  let soon;
  let overdue;
  let offset;
  const today = localToday();

  before(async () => {
    // Three stores with the demo's seed. At the second, the due-in-two-days plan (plan-2402) is paid off
    // before the shopper opens the bills page: a paid-off plan whose due dates are still ahead.
    // The third is at http://localhost:PORT, a site of its own.
    [store, paidOffStore, payingStore] = await Promise.all([startDemoStore(), startDemoStore(), startLocalhostStore()]);
    await payOff(paidOffStore, 'plan-2402');
    browser = await launchWithExtension();
    options = await turnTrackingOn(browser);

    const plans = await servedPlans(store);
    soon = plans.find((p) => p.id === 'plan-2402').installments[0];
    overdue = plans.find((p) => p.id === 'plan-2401').installments.find(unpaid);
    assert.ok(daysFromTo(overdue.dueDate, today) > 0, 'the seed’s plan-2401 has an overdue installment');
    const days = daysFromTo(today, soon.dueDate);
    // The seed moves a due date on the 29th–31st to the 1st, up to 5 days ahead: widen the window then.
    if (days > 3) await options.fill('#remind-before', String(days));
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

  /** The two reminders the seed gives a store on the first day: plan-2401 overdue, plan-2402 due soon. */
  const seedReminders = (origin) => [
    { origin, planId: 'plan-2401', n: overdue.n, dueDate: overdue.dueDate, daysBefore: OVERDUE },
    { origin, planId: 'plan-2402', n: 1, dueDate: soon.dueDate, daysBefore: offset },
  ];
  const key = (r) => JSON.stringify([r.origin, r.planId, r.n, r.dueDate, r.daysBefore]);

  it('shows one notification per store a day, naming its overdue and due-soon installments', async () => {
    assert.deepEqual(await notificationIds(options), [], 'nothing before any store page was seen');
    const first = await openStorePage(browser, `${store.url}bills`);
    assert.deepEqual(await notificationIds(options), [noticeId(LOOPBACK, today)]);
    const [notice] = await readStore(options, 'notices');
    assert.deepEqual(notice.reminders, seedReminders(store.origin));

    // Another port of 127.0.0.1 is the same site: it had its notification today, its reminders wait.
    const second = await openStorePage(browser, `${paidOffStore.url}bills`);
    assert.deepEqual(await notificationIds(options), [noticeId(LOOPBACK, today)]);
    const third = await openStorePage(browser, `${payingStore.url}bills`);
    assert.deepEqual(await notificationIds(options), [noticeId(LOOPBACK, today), noticeId(LOCALHOST, today)]);

    const stored = await readStore(options, 'plans');
    assert.equal(stored.length, 9, 'the three stores’ plans are stored');
    assert.ok(
      stored.some((p) => p.origin === paidOffStore.origin && p.id === 'plan-2402' && !p.installments.some(unpaid)),
      'the second store’s plan-2402 is stored paid off',
    );
    const payingOrigin = payingStore.origin;
    assert.deepEqual(
      (await readStore(options, 'reminders')).map(key).sort(),
      [...seedReminders(store.origin), ...seedReminders(payingOrigin)].map(key).sort(),
      'recorded as sent: the shown ones only',
    );
    for (const page of [first, second, third]) await page.close();
  });

  it('takes a notification off the screen once everything it names is paid on the store’s page', async () => {
    await payOff(payingStore, 'plan-2402');
    const bills = await openStorePage(browser, `${payingStore.url}bills`);
    assert.deepEqual(
      await notificationIds(options),
      [noticeId(LOOPBACK, today), noticeId(LOCALHOST, today)],
      'plan-2401 is still overdue',
    );
    await payOff(payingStore, 'plan-2401');
    await bills.reload();
    await nextAck(bills);
    assert.deepEqual(await notificationIds(options), [noticeId(LOOPBACK, today)]);
    await bills.close();
  });

  it('opens the store’s bills page when a notification naming several plans is clicked', async () => {
    const id = noticeId(LOOPBACK, today);
    assert.ok((await notificationIds(options)).includes(id), 'the site’s notification is on screen');
    await browser.clickNotification(id);
    const want = `${store.url}bills`;
    const page = await browser.waitForTab((url) => url === want, { message: want });
    await page.waitForFunction(() =>
      document.querySelector('fenqi-bill-panel')?.shadowRoot?.textContent.includes('Redmi K70'),
    );
    await eventually(async () => !(await notificationIds(options)).includes(id), {
      message: 'the clicked notification cleared',
    });
    await page.close();
  });

  it('never shows a notification twice: not after a reload, an alarm, or a restart of the background', async () => {
    for (const id of await notificationIds(options)) await options.evaluate((n) => chrome.notifications.clear(n), id);
    assert.deepEqual(await notificationIds(options), []);
    const sentBefore = await readStore(options, 'reminders');
    assert.equal(sentBefore.length, 4, 'two stores’ due-soon and overdue reminders');

    const bills = await openStorePage(browser, `${store.url}bills`);
    await bills.reload();
    await nextAck(bills);
    assert.deepEqual(await notificationIds(options), [], 'after the bills page was opened and reloaded');

    // The hourly tick runs the same check the midnight alarm does; fireAlarm() returns once it was handled.
    await browser.fireAlarm('fenqi-tick');
    assert.deepEqual(await notificationIds(options), [], 'after the alarm');

    // Alarms do not survive every browser restart or update; a fresh background must make them again.
    await options.evaluate(() => chrome.alarms.clearAll());
    await browser.stopBackground();
    assert.equal(await browser.backgroundRunning(), false, 'the background stopped');
    await bills.reload();
    assert.equal((await nextAck(bills)).ok, true, 'a fresh background woke and stored the plans');
    assert.equal(await browser.backgroundRunning(), true);
    assert.deepEqual(await notificationIds(options), [], 'after the background restarted');
    assert.deepEqual(
      (await options.evaluate(() => chrome.alarms.getAll())).map((a) => a.name).sort(),
      ['fenqi-midnight', 'fenqi-tick'],
      'the fresh background recreated its alarms',
    );
    assert.deepEqual(await readStore(options, 'reminders'), sentBefore, 'no reminder recorded twice');
    await bills.close();
  });
});

/** A calendar date `days` from `date`. */
function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A made-up plan of `count` installments, all overdue (the first 400 days ago), with a product name that lies. */
function madeUp(id, count) {
  const start = addDays(localToday(), -400);
  return {
    id,
    orderId: id,
    product: '\n\n\n\n\n\u202Emoc.yapila\u200B',
    provider: { id: 'p', name: 'p' },
    principal: 100 * count,
    currency: 'CNY',
    purchaseDate: addDays(start, -1),
    installments: Array.from({ length: count }, (_, i) => ({
      n: i + 1,
      dueDate: addDays(start, i),
      principal: 100,
      fee: 0,
      paid: 0,
      paidDate: null,
    })),
    autoDebit: false,
    preferredMethod: null,
    policy: { lateDailyRatePct: '0', graceDays: 0, unbilledFeesOnPayoff: 'charged' },
  };
}

describe(`a page flooding the extension with made-up overdue plans (${ENGINE_NAME})`, () => {
  let browser;
  let options;
  let server;
  let origin;

  before(async () => {
    // Any page on a loopback port will do: no store answers there, only this one empty page.
    server = createServer((request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>flood</title>'),
    );
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await launchWithExtension();
    options = await turnTrackingOn(browser);
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('gets one notification for 7 plans × 360 overdue installments, and none more for new plan ids', async () => {
    const page = await openStorePage(browser, `${origin}/bills`, { waitFor: false });
    const send = async (ids) => {
      const plans = ids.map((id) => madeUp(id, 360));
      await page.evaluate(
        (message) => {
          window.fenqiAcks.length = 0;
          window.postMessage(message, window.location.origin);
        },
        { fenqi: 1, type: 'plans', payload: { plans } },
      );
      return nextAck(page, 'plans', { timeout: 120_000 });
    };
    assert.deepEqual(await send(['F0', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6']), { of: 'plans', ok: true });
    const one = [noticeId(LOOPBACK, localToday())];
    assert.deepEqual(await notificationIds(options), one, 'one, not 2,520');
    assert.equal((await readStore(options, 'reminders')).length, 7 * 360, 'each installment reminded of once');
    // New plan ids (three old ones still listed, so the first notification still asks for something): no more.
    assert.deepEqual(await send(['F0', 'F1', 'F2', 'G0', 'G1', 'G2', 'G3']), { of: 'plans', ok: true });
    assert.deepEqual(await notificationIds(options), one, 'still one');
    assert.equal((await readStore(options, 'reminders')).length, 7 * 360, 'the new ones wait for another day');
    // The badge's tooltip leads with the host the browser stamped; the made-up name follows, cleaned.
    assert.equal(
      (await options.evaluate(() => chrome.action.getTitle({}))).split(' · ').slice(0, 2).join(' · '),
      `${new URL(origin).host} · moc.yapila`,
    );
    await page.close();
  });
});
