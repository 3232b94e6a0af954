import { expect } from '@open-wc/testing';
import { addDays } from '../../shared/dates.js';
import { envelope } from '../../shared/bridge.js';
import { AMBER, badgeFor, GREY, RED, refreshBadge } from '../../extension/background/badge.js';
import { localToday } from '../../shared/dates.js';
import { handlePageMessage } from '../../extension/background/messages.js';
import {
  clearSettledReminders,
  dueReminders,
  onNotificationClicked,
  OVERDUE,
  sendReminders,
} from '../../extension/background/reminders.js';
import { MAX_NOTICES_PER_DAY } from '../../extension/storage/reminders.js';
import { ensureAlarms, MIDNIGHT_ALARM, nextLocalMidnight, TICK_ALARM } from '../../extension/background/alarms.js';
import { messages } from '../../extension/i18n/messages.js';
import { deleteEverything } from '../../extension/storage/snapshot.js';
import { getSettings, saveSettings } from '../../extension/storage/settings.js';
import { sentReminders } from './storage.js';
import { toStored } from '../../extension/storage/plans.js';
import { useDatabase } from '../../extension/storage/schema.js';
import { pageSender, resetStub, stub } from '../helpers/browser-stub.js';
import { plan, SHOP } from './fixtures.js';

const today = '2025-03-10';
const fromShop = pageSender(`${SHOP}/bills`);
const t = messages('en');

describe('the badge', () => {
  const at = (days: number, archived = false) =>
    toStored(SHOP, plan('A', [addDays(today, days)], { product: 'Mi 14' }), archived, 0);

  it('counts days ahead, marks today with "!" and overdue with a minus, and names the store, plan and amount', () => {
    expect(badgeFor(at(12), today, 3, t)).to.deep.equal({
      text: '12d',
      color: GREY,
      title: 'shop.example · Mi 14 · ¥105.00 due Mar 22, in 12 days',
    });
    expect(badgeFor(at(3), today, 3, t)).to.include({ text: '3d', color: AMBER });
    // The year only when it is not this one; never the ISO date.
    expect(badgeFor(at(300), today, 3, t).title).to.equal(
      'shop.example · Mi 14 · ¥105.00 due Jan 4, 2026, in 300 days',
    );
    expect(badgeFor(at(0), today, 3, t)).to.deep.equal({
      text: '!',
      color: AMBER,
      title: 'shop.example · Mi 14 · ¥105.00 due Mar 10, today',
    });
    expect(badgeFor(at(-2), today, 3, t)).to.deep.equal({
      text: '-2d',
      color: RED,
      // Owed now: the installment and two days' late charge (amountDue), not the installment alone.
      title: 'shop.example · Mi 14 · ¥105.11 due Mar 8, 2 days overdue',
    });
    expect(badgeFor(undefined, today, 3, t)).to.deep.equal({ text: '', color: GREY, title: 'fenqi: nothing due' });
  });

  it('turns amber at the shopper’s reminder window, not before', () => {
    expect(badgeFor(at(6), today, 7, t).color).to.equal(AMBER);
    expect(badgeFor(at(4), today, 3, t).color).to.equal(GREY);
  });

  it('speaks the chosen language', () => {
    expect(badgeFor(at(-1), today, 3, messages('zh-CN'), 'zh-CN').title).to.equal(
      'shop.example · Mi 14 · 3月9日到期 ¥105.05，已逾期 1 天',
    );
  });
});

describe('the badge, alarms and reminders over stored plans', () => {
  before(() => useDatabase('fenqi-test-badge'));
  beforeEach(async () => {
    await deleteEverything();
    resetStub();
    await saveSettings({ tracking: true });
  });

  it('shows the soonest unpaid due date over all plans, skipping paid and archived ones', async () => {
    await handlePageMessage(
      envelope('plans', {
        plans: [plan('paid', [-9], { paid: 1 }), plan('old', [-5]), plan('soon', [4, 34]), plan('later', [20])],
      }),
      fromShop,
    );
    await handlePageMessage(
      envelope('plans', { plans: [plan('paid', [-9], { paid: 1 }), plan('soon', [4, 34]), plan('later', [20])] }),
      fromShop,
    );
    expect(await refreshBadge()).to.include({ text: '4d', color: GREY });
    expect(stub.state.badge.title).to.contain('Phone soon');
    await handlePageMessage(envelope('repaid', { plan: plan('soon', [4, 34], { paid: 1 }) }), fromShop);
    expect((await refreshBadge()).text).to.equal('20d');
  });

  it('is blank, with no alarms, while tracking is off', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [2])] }), fromShop);
    await ensureAlarms();
    expect([...stub.state.alarms.keys()].sort()).to.deep.equal([MIDNIGHT_ALARM, TICK_ALARM]);
    await saveSettings({ tracking: false });
    await ensureAlarms();
    expect(stub.state.alarms.size).to.equal(0);
    expect((await refreshBadge()).text).to.equal('');
  });

  it('schedules the midnight alarm just after the next local midnight', async () => {
    const now = new Date(2025, 2, 10, 23, 59, 0);
    expect(nextLocalMidnight(now)).to.equal(new Date(2025, 2, 11, 0, 0, 5).getTime());
    await ensureAlarms(now);
    expect(stub.state.alarms.get(MIDNIGHT_ALARM)!.scheduledTime).to.equal(new Date(2025, 2, 11, 0, 0, 5).getTime());
    expect(stub.state.alarms.get(TICK_ALARM)!.periodInMinutes).to.equal(60);
  });

  it('reminds 3 days before and on the day, once per installment and due date, across restarts', async () => {
    await handlePageMessage(
      envelope('plans', { plans: [plan('A', [3, 33]), plan('B', [0]), plan('C', [5]), plan('D', [-1])] }),
      fromShop,
    );
    const day0 = localToday();
    const first = await sendReminders(day0);
    expect(first.map((r) => [r.planId, r.n, r.daysBefore])).to.deep.equal([
      ['D', 1, OVERDUE],
      ['B', 1, 0],
      ['A', 1, 3],
    ]);
    // One notification for the store, the store's host first, one line per installment (late charge included).
    const shown = [...stub.state.notifications.values()];
    expect(shown.map((n) => [n.title, n.message])).to.deep.equal([
      [
        'shop.example · 3 payments: ¥315.05',
        [
          'Phone D · 1/1 · 1 day overdue: ¥105.05',
          'Phone B · 1/1 · due today: ¥105.00',
          'Phone A · 1/2 · due in 3 days: ¥105.00',
          "Click to open the store's bills page.",
        ].join('\n'),
      ],
    ]);
    expect(shown[0]!.iconUrl).to.match(/^chrome-extension:\/\/.+\/icons\/icon-128\.png$/);
    // It stays until paid or dismissed: Chromium would otherwise drop it after a few seconds.
    expect(shown.map((n) => (n as { requireInteraction?: boolean }).requireInteraction)).to.deep.equal([true]);
    // A restart, or another wake-up the same day: nothing new.
    expect(await sendReminders(day0)).to.deep.equal([]);
    // Two days later (the browser was closed in between): B is overdue, C is 3 days out, A's "3 days" reminder
    // was sent, and D's overdue reminder is not repeated.
    const later = await sendReminders(addDays(day0, 2));
    expect(later.map((r) => [r.planId, r.daysBefore])).to.deep.equal([
      ['B', OVERDUE],
      ['C', 3],
    ]);
    expect(await sendReminders(addDays(day0, 3))).to.deep.equal([
      { origin: SHOP, planId: 'A', n: 1, dueDate: addDays(day0, 3), daysBefore: 0 },
    ]);
    expect((await sentReminders()).length).to.equal(6);
  });

  it('sends one overdue reminder per unpaid installment past its due date, never again after', async () => {
    await handlePageMessage(
      envelope('plans', {
        plans: [plan('O', [-2, 28]), plan('P', [-30, -3], { paid: 1 }), plan('Paid', [-40, -10], { paid: 2 })],
      }),
      fromShop,
    );
    const day0 = localToday();
    const first = await sendReminders(day0);
    expect(first).to.deep.equal([
      { origin: SHOP, planId: 'P', n: 2, dueDate: addDays(day0, -3), daysBefore: OVERDUE },
      { origin: SHOP, planId: 'O', n: 1, dueDate: addDays(day0, -2), daysBefore: OVERDUE },
    ]);
    expect([...stub.state.notifications.values()].map((n) => [n.title, n.message])).to.deep.equal([
      [
        'shop.example · 2 payments: ¥210.27',
        [
          'Phone P · 2/2 · 3 days overdue: ¥105.16',
          'Phone O · 1/2 · 2 days overdue: ¥105.11',
          "Click to open the store's bills page.",
        ].join('\n'),
      ],
    ]);
    // Another wake-up the same day, the next day, and a restart (a fresh connection, nothing on screen): nothing.
    expect(await sendReminders(day0)).to.deep.equal([]);
    expect(await sendReminders(addDays(day0, 1))).to.deep.equal([]);
    resetStub();
    await useDatabase('fenqi-test-badge');
    expect(await sendReminders(addDays(day0, 2))).to.deep.equal([]);
    expect(stub.state.notifications.size).to.equal(0);
    expect((await sentReminders()).map((r) => [r.planId, r.n, r.daysBefore])).to.have.deep.members([
      ['O', 1, OVERDUE],
      ['P', 2, OVERDUE],
    ]);
  });

  it('says how long overdue in the chosen language, and clears and opens an overdue reminder like the others', async () => {
    await saveSettings({ language: 'zh-CN' });
    await handlePageMessage(envelope('plans', { plans: [plan('O', [-2, 28])] }), fromShop);
    await sendReminders();
    const [id, shown] = [...stub.state.notifications.entries()][0]!;
    expect(shown.title).to.equal('shop.example · 已逾期 2 天：¥105.11');
    expect(shown.message).to.equal('Phone O · 第 1/2 期。点击前往商城页面还款。');
    expect(messages('en').reminderTitle('shop.example', -2, '¥1,045.00')).to.equal(
      'shop.example · Overdue by 2 days: ¥1,045.00',
    );
    expect(messages('zh-CN').reminderTitle('shop.example', -2, '¥1,045.00')).to.equal(
      'shop.example · 已逾期 2 天：¥1,045.00',
    );
    await onNotificationClicked(id!);
    expect(stub.state.opened).to.deep.equal([`${SHOP}/bills#fenqi=repay&plan=O`]);
    // Shown again (as if never clicked), then the installment is paid on the store's page: it leaves the screen.
    await stub.notifications.create(id, shown);
    await handlePageMessage(envelope('plans', { plans: [plan('O', [-2, 28], { paid: 1 })] }), fromShop);
    await clearSettledReminders();
    expect(stub.state.notifications.size).to.equal(0);
  });

  it('sends no overdue reminder when reminders are off, or for paid installments', async () => {
    await saveSettings({ reminderDays: [] });
    await handlePageMessage(envelope('plans', { plans: [plan('O', [-2, 28])] }), fromShop);
    expect(await sendReminders()).to.deep.equal([]);
    await saveSettings({ reminderDays: [3, 0] });
    await handlePageMessage(
      envelope('plans', { plans: [plan('O', [-2, 28], { paid: 1 }), plan('Paid', [-9], { paid: 1 })] }),
      fromShop,
    );
    expect(await sendReminders()).to.deep.equal([]);
    expect(await sentReminders()).to.deep.equal([]);
    expect(stub.state.notifications.size).to.equal(0);
  });

  it('still reminds where the browser refuses requireInteraction (Firefox has no such option)', async () => {
    const create = stub.notifications.create;
    stub.notifications.create = async (id, options) => {
      if ('requireInteraction' in options) throw new Error('Type error for parameter options (Unexpected property)');
      return create(id, options);
    };
    try {
      await handlePageMessage(envelope('plans', { plans: [plan('A', [0])] }), fromShop);
      expect((await sendReminders()).length).to.equal(1);
      expect([...stub.state.notifications.values()].map((n) => n.title)).to.deep.equal([
        'shop.example · Due today: ¥105.00',
      ]);
    } finally {
      stub.notifications.create = create;
    }
  });

  it('reminds again when the store moves the due date, the next day (one notification per store a day)', async () => {
    const day0 = localToday();
    await handlePageMessage(envelope('plans', { plans: [plan('A', [0])] }), fromShop);
    expect((await sendReminders(day0)).length).to.equal(1);
    await handlePageMessage(envelope('plans', { plans: [plan('A', [2])] }), fromShop);
    expect(await sendReminders(day0)).to.deep.equal([]);
    expect((await sendReminders(addDays(day0, 1))).map((r) => r.daysBefore)).to.deep.equal([3]);
  });

  it('follows the configured reminder days, and sends none when there are none', async () => {
    await saveSettings({ reminderDays: [7] });
    await handlePageMessage(envelope('plans', { plans: [plan('A', [6]), plan('B', [0])] }), fromShop);
    expect((await sendReminders()).map((r) => [r.planId, r.daysBefore])).to.deep.equal([
      ['B', 7],
      ['A', 7],
    ]);
    await saveSettings({ reminderDays: [] });
    await handlePageMessage(envelope('plans', { plans: [plan('C', [0])] }), fromShop);
    expect(await sendReminders()).to.deep.equal([]);
  });

  it('takes a notification off the screen once every installment it names is paid, moved, or its plan gone', async () => {
    await handlePageMessage(
      envelope('plans', { plans: [plan('A', [1, 31]), plan('B', [2]), plan('C', [3]), plan('D', [0])] }),
      fromShop,
    );
    await sendReminders();
    await stub.notifications.create('not-ours', { type: 'basic', iconUrl: '', title: '', message: '' });
    const shown = () => [...stub.state.notifications.keys()].map((id) => (id === 'not-ours' ? id : 'fenqi')).sort();
    expect(shown()).to.deep.equal(['fenqi', 'not-ours']);
    await clearSettledReminders();
    expect(shown()).to.deep.equal(['fenqi', 'not-ours']);
    // A's first installment paid, B's due date moved, C no longer listed (archived): D still asks, it stays.
    await handlePageMessage(
      envelope('plans', { plans: [plan('A', [1, 31], { paid: 1 }), plan('B', [9]), plan('D', [0])] }),
      fromShop,
    );
    await clearSettledReminders();
    expect(shown()).to.deep.equal(['fenqi', 'not-ours']);
    await handlePageMessage(
      envelope('plans', { plans: [plan('A', [1, 31], { paid: 1 }), plan('B', [9]), plan('D', [0], { paid: 1 })] }),
      fromShop,
    );
    await clearSettledReminders();
    expect(shown()).to.deep.equal(['not-ours']);
  });

  it('opens the repay deep link of the plan when a reminder is clicked', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A/1 x', [0])] }), fromShop);
    await sendReminders();
    const [id] = stub.state.notifications.keys();
    await onNotificationClicked(id!);
    expect(stub.state.opened).to.deep.equal([`${SHOP}/bills#fenqi=repay&plan=A%2F1%20x`]);
    expect(stub.state.notifications.size).to.equal(0);
    await onNotificationClicked(`fenqi-reminder:["https://evil.example","${localToday()}"]`);
    await onNotificationClicked('fenqi-reminder:["https://shop.example","2025-01-01"]');
    await onNotificationClicked('something else');
    expect(stub.state.opened.length).to.equal(1);
  });

  it('opens the store’s bills page when a notification covers several plans', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [0]), plan('B', [-1])] }), fromShop);
    await sendReminders();
    const [id] = stub.state.notifications.keys();
    await onNotificationClicked(id!);
    expect(stub.state.opened).to.deep.equal([`${SHOP}/bills`]);
  });

  it('makes one notification of a flood of made-up overdue installments, and no more that day', async function () {
    this.timeout(120_000);
    // The attack: 7 made-up plans × 360 overdue installments in one message (2,520 notifications once), new ids again.
    const flood = (prefix: string) =>
      Array.from({ length: 7 }, (_, p) =>
        plan(
          `${prefix}${p}`,
          Array.from({ length: 360 }, (_, i) => i - 400),
        ),
      );
    const day0 = localToday();
    expect((await handlePageMessage(envelope('plans', { plans: flood('F') }), fromShop)).ok).to.equal(true);
    // Every overdue installment's reminder is claimed once, in one notification.
    expect((await sendReminders(day0)).length).to.equal(7 * 360);
    expect(stub.state.notifications.size).to.equal(1);
    const [shown] = stub.state.notifications.values();
    expect(shown!.title).to.match(/^shop\.example · 2520 payments: /);
    expect(shown!.message.split('\n').length).to.equal(5);
    // New plan ids the same day: nothing more (one notification per store a day); nor again for the old ones.
    expect((await handlePageMessage(envelope('plans', { plans: flood('G') }), fromShop)).ok).to.equal(true);
    expect(await sendReminders(day0)).to.deep.equal([]);
    expect(stub.state.notifications.size).to.equal(1);
    // The next day one more, for the new ids only: each overdue installment is reminded of once.
    const next = await sendReminders(addDays(day0, 1));
    expect(next.length).to.equal(7 * 360);
    expect(new Set(next.map((r) => r.planId.slice(0, 1)))).to.deep.equal(new Set(['G']));
    expect(stub.state.notifications.size).to.equal(2);
    expect(await sendReminders(addDays(day0, 2))).to.deep.equal([]);
  });

  it(`shows at most ${MAX_NOTICES_PER_DAY} notifications a day over all stores; the others the next day`, async () => {
    const sites = Array.from({ length: MAX_NOTICES_PER_DAY + 3 }, (_, i) => `https://s${i}.example`);
    for (const [i, site] of sites.entries()) {
      await handlePageMessage(envelope('plans', { plans: [plan('A', [-1 - i])] }), pageSender(`${site}/bills`));
    }
    const day0 = localToday();
    // The most overdue first.
    expect((await sendReminders(day0)).map((r) => r.origin)).to.deep.equal(sites.slice(3).reverse());
    expect(stub.state.notifications.size).to.equal(MAX_NOTICES_PER_DAY);
    expect(await sendReminders(day0)).to.deep.equal([]);
    // The ones that waited go first the next day.
    expect((await sendReminders(addDays(day0, 1))).map((r) => r.origin)).to.deep.equal(sites.slice(0, 3).reverse());
  });

  it('leads with the store’s host, and shows page-given names only cleaned (no newlines, bidi or zero-width)', async () => {
    const product = '\n\n\n\n\n\n\u202Emoc.yapila\u200B Mi 14\u2066';
    await handlePageMessage(envelope('plans', { plans: [plan('A', [0], { product })] }), fromShop);
    await sendReminders();
    const [shown] = stub.state.notifications.values();
    expect(shown!.title).to.equal('shop.example · Due today: ¥105.00');
    expect(shown!.message).to.equal("moc.yapila Mi 14 · installment 1 of 1. Click to repay on the store's page.");
    expect((await refreshBadge()).title).to.match(/^shop\.example · moc\.yapila Mi 14 · ¥105\.00 due /);
  });

  it('picks the smallest offset at or above the days left, or the overdue one once past the due date', () => {
    const plans = [toStored(SHOP, plan('A', [addDays(today, 2)]), false, 0)];
    expect(dueReminders(plans, today, [3, 0])[0]!.daysBefore).to.equal(3);
    expect(dueReminders(plans, today, [0])).to.deep.equal([]);
    expect(dueReminders(plans, addDays(today, 2), [3, 0])[0]!.daysBefore).to.equal(0);
    expect(dueReminders(plans, addDays(today, 5), [3, 0])).to.deep.equal([
      { origin: SHOP, planId: 'A', n: 1, dueDate: addDays(today, 2), daysBefore: OVERDUE },
    ]);
    expect(dueReminders(plans, addDays(today, 5), [])).to.deep.equal([]);
  });

  it('keeps default settings until changed', async () => {
    expect(await getSettings()).to.deep.equal({ tracking: true, reminderDays: [3, 0], language: 'auto' });
  });
});
