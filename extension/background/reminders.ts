/**
 * Due-date notifications. Each unpaid installment has a reminder per reminder offset (default 3 days before
 * and on the day) per due date, and one more once it is overdue (`daysBefore: OVERDUE`); each is sent once.
 * What the shopper sees is at most one notification per store (site) and day, summarising that store's
 * reminders, and at most MAX_NOTICES_PER_DAY a day in all (storage/reminders.ts `claimNotices`): a page that
 * makes up thousands of overdue installments gets one notification, not thousands. Reminders and notices
 * are recorded in IndexedDB before the notification is shown, so a restart, a second wake-up or a midnight
 * that was slept through never repeats one. Notifications lead with the store's host as the browser stamped
 * it; page-given names go through `displayText`, amounts are `amountDue` (late charge included).
 * Clicking opens the plan's repay flow, or the store's bills page when the notification covers several plans.
 */
import { amountDue, outstandingOf } from '../../shared/amount-due.js';
import { addDays, daysBetween, localToday } from '../../shared/dates.js';
import { displayText } from '../../shared/display-text.js';
import { formatFen, type Locale } from '../../shared/format.js';
import type { Fen, IsoDate } from '../../shared/plan.js';
import { currentMessages } from '../i18n/current.js';
import type { Messages } from '../i18n/messages.js';
import { browser, type Notifications } from '../platform/browser.js';
import { claimNotices, getNotice, stillDue, type ReminderKey } from '../storage/reminders.js';
import { getPlan, plansDueBy } from '../storage/plans.js';
import { getSettings } from '../storage/settings.js';
import type { Notice, StoredPlan } from '../storage/schema.js';
import { openBillsPage, openStoreFlow } from './store-flow.js';

const PREFIX = 'fenqi-reminder:';

/** The `daysBefore` of the one reminder an unpaid installment gets once it is past its due date. */
export const OVERDUE = -1;

/** Installments a notification lists by name; the rest are counted. */
const LISTED = 3;

/**
 * The reminders due on `today`: an installment `d` days from its due date (0 ≤ d) gets the smallest offset
 * ≥ d, so a reminder missed while the browser was closed is still sent, once, until the next offset applies.
 * An installment past its due date (d < 0) gets the overdue reminder, as long as any reminders are on.
 */
export function dueReminders(plans: StoredPlan[], today: IsoDate, reminderDays: readonly number[]): ReminderKey[] {
  const offsets = [...reminderDays].sort((a, b) => a - b);
  const out: ReminderKey[] = [];
  for (const plan of plans) {
    for (const it of plan.installments) {
      if (outstandingOf(it) === 0) continue;
      const d = daysBetween(today, it.dueDate);
      const daysBefore = d >= 0 ? offsets.find((o) => o >= d) : offsets.length > 0 ? OVERDUE : undefined;
      if (daysBefore !== undefined)
        out.push({ origin: plan.origin, planId: plan.id, n: it.n, dueDate: it.dueDate, daysBefore });
    }
  }
  return out;
}

/** The id of a site's notification of one day. */
export function notificationId(notice: Pick<Notice, 'site' | 'day'>): string {
  return PREFIX + JSON.stringify([notice.site, notice.day]);
}

/** The site and day a notification id names, if it is one of ours. */
export function parseNotificationId(id: string): { site: string; day: IsoDate } | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(id.slice(PREFIX.length)) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [site, day] = value as unknown[];
    return typeof site === 'string' && typeof day === 'string' ? { site, day } : undefined;
  } catch {
    return undefined;
  }
}

/** What paying installment `n` costs on `today`, with every older unpaid one paid first (its late charge included). */
export function owedOn(plan: StoredPlan, n: number, today: IsoDate): Fen {
  const k = plan.installments.filter((it) => outstandingOf(it) > 0 && it.n <= n).length;
  return amountDue(plan, { count: k }, today).installments.at(-1)!.total;
}

/** A notice's title and message, in the shopper's language: the store's host first, nothing a page wrote before it. */
export function noticeText(
  notice: Notice,
  plans: Map<string, StoredPlan>,
  today: IsoDate,
  locale: Locale,
  t: Messages,
): { title: string; message: string } {
  const items = notice.reminders.map((key) => {
    const plan = plans.get(JSON.stringify([key.origin, key.planId]))!;
    return { key, plan, days: daysBetween(today, key.dueDate), owed: owedOn(plan, key.n, today) };
  });
  const origins = new Set(items.map((i) => i.key.origin));
  const host = new URL(origins.size === 1 ? [...origins][0]! : notice.site).host;
  const money = (fen: Fen) => formatFen(fen, locale);
  if (items.length === 1) {
    const [{ key, plan, days, owed }] = items as [(typeof items)[0]];
    return {
      title: t.reminderTitle(host, days, money(owed)),
      message: t.reminderBody(displayText(plan.product), key.n, plan.installments.length),
    };
  }
  const lines = items
    .slice(0, LISTED)
    .map(({ key, plan, days, owed }) =>
      t.reminderLine(displayText(plan.product, 40), key.n, plan.installments.length, days, money(owed)),
    );
  if (items.length > LISTED) lines.push(t.reminderMore(items.length - LISTED));
  const onePlan = new Set(items.map((i) => `${i.key.origin} ${i.key.planId}`)).size === 1;
  lines.push(onePlan ? t.reminderClickRepay : t.reminderClickBills);
  return {
    title: t.noticeTitle(host, items.length, money(items.reduce((sum, i) => sum + i.owed, 0))),
    message: lines.join('\n'),
  };
}

/**
 * Takes notifications off the screen that no longer ask for anything: every installment they name was paid
 * (on the store's page, or the store moved its due date), or its plan is gone or no longer listed. Runs after
 * every change.
 */
export async function clearSettledReminders(): Promise<void> {
  for (const id of Object.keys(await browser.notifications.getAll())) {
    if (!id.startsWith(PREFIX)) continue;
    const ref = parseNotificationId(id);
    const notice = ref && (await getNotice(ref.site, ref.day));
    const plans = await Promise.all((notice?.reminders ?? []).map((k) => getPlan(k.origin, k.planId)));
    if (!notice?.reminders.some((k, i) => stillDue(plans[i], k))) await browser.notifications.clear(id);
  }
}

/** Shows the notices due today that were not shown before; returns the reminders they carry. */
export async function sendReminders(today = localToday()): Promise<ReminderKey[]> {
  const settings = await getSettings();
  if (!settings.tracking || settings.reminderDays.length === 0) return [];
  const due = await plansDueBy(addDays(today, Math.max(...settings.reminderDays)));
  const notices = await claimNotices(dueReminders(due, today, settings.reminderDays), today);
  const { locale, t } = currentMessages(settings);
  const plans = new Map(due.map((p) => [JSON.stringify([p.origin, p.id]), p]));
  for (const notice of notices) {
    const id = notificationId(notice);
    await show(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      ...noticeText(notice, plans, today, locale, t),
    });
    // "Delete everything" (or a switch) may have run between the claim and the notification: then it goes too.
    if (!(await getNotice(notice.site, notice.day))) await browser.notifications.clear(id);
  }
  return notices.flatMap((n) => n.reminders);
}

/**
 * A reminder stays on screen until the shopper acts on it or its installment is paid (`clearSettledReminders`
 * takes it off): without `requireInteraction`, Chromium drops it after about 8 seconds wherever the system
 * keeps no notification centre (measured in headless Chromium on Linux). Firefox's notification options have
 * no `requireInteraction`; where a browser refuses the option, the reminder is shown without it.
 */
async function show(id: string, options: Notifications.CreateNotificationOptions): Promise<void> {
  try {
    await browser.notifications.create(id, { ...options, requireInteraction: true } as typeof options);
  } catch {
    await browser.notifications.create(id, options);
  }
}

/**
 * A click opens the store: the repay flow of the plan the notification is about, or the store's bills page when
 * it covers several plans (the bills page lists them all). Only plans still stored lead anywhere.
 */
export async function onNotificationClicked(id: string): Promise<void> {
  const ref = parseNotificationId(id);
  if (!ref) return;
  await browser.notifications.clear(id);
  const notice = await getNotice(ref.site, ref.day);
  const stored = (
    await Promise.all((notice?.reminders ?? []).map(async (k) => (await getPlan(k.origin, k.planId)) && k))
  ).filter((k): k is ReminderKey => !!k);
  const first = stored[0];
  if (!first) return;
  if (stored.every((k) => k.origin === first.origin && k.planId === first.planId))
    await openStoreFlow(first.origin, first.planId, 'repay');
  else await openBillsPage(first.origin);
}
