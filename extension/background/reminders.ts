/**
 * Due-date notifications: for each unpaid installment, one per reminder offset (default 3 days before and on
 * the day) per due date, and one more once it is overdue (`daysBefore: OVERDUE`). Sent reminders are recorded in IndexedDB before the notification is shown, so a
 * restart, a second wake-up or a midnight that was slept through never repeats one. Clicking opens the repay
 * deep link of the plan the notification names.
 */
import { outstandingOf } from '../../shared/bill-state.js';
import { addDays, daysBetween, localToday } from '../../shared/dates.js';
import { formatFen } from '../../shared/format.js';
import type { IsoDate } from '../../shared/plan.js';
import { currentMessages } from '../i18n/current.js';
import { browser, type Notifications } from '../platform/browser.js';
import { claimReminders, type ReminderKey } from '../storage/reminders.js';
import { getPlan, plansDueBy } from '../storage/plans.js';
import { getSettings } from '../storage/settings.js';
import type { StoredPlan } from '../storage/schema.js';
import { openStoreFlow } from './store-flow.js';

const PREFIX = 'fenqi-reminder:';

/** The `daysBefore` of the one reminder an unpaid installment gets once it is past its due date. */
export const OVERDUE = -1;

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

export function notificationId(key: ReminderKey): string {
  return PREFIX + JSON.stringify([key.origin, key.planId, key.n, key.dueDate, key.daysBefore]);
}

/** The reminder a notification id names, if it is one of ours. */
export function parseNotificationId(id: string): ReminderKey | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  try {
    const [origin, planId, n, dueDate, daysBefore] = JSON.parse(id.slice(PREFIX.length)) as unknown[];
    if (typeof origin !== 'string' || typeof planId !== 'string' || typeof dueDate !== 'string') return undefined;
    if (!Number.isInteger(n) || !Number.isInteger(daysBefore)) return undefined;
    return { origin, planId, n: n as number, dueDate, daysBefore: daysBefore as number };
  } catch {
    return undefined;
  }
}

/**
 * Takes reminders off the screen that no longer ask for anything: the installment was paid (on the store's
 * page, or the store moved its due date), or the plan is gone or no longer listed. Runs after every change.
 */
export async function clearSettledReminders(): Promise<void> {
  for (const id of Object.keys(await browser.notifications.getAll())) {
    const key = parseNotificationId(id);
    if (!key) continue;
    const plan = await getPlan(key.origin, key.planId);
    const it = plan?.installments.find((i) => i.n === key.n);
    if (!plan || plan.archived || !it || it.dueDate !== key.dueDate || outstandingOf(it) === 0)
      await browser.notifications.clear(id);
  }
}

/** Shows the reminders due today that were not shown before; returns what it showed. */
export async function sendReminders(today = localToday()): Promise<ReminderKey[]> {
  const settings = await getSettings();
  if (!settings.tracking || settings.reminderDays.length === 0) return [];
  const plans = await plansDueBy(addDays(today, Math.max(...settings.reminderDays)));
  const fresh = await claimReminders(dueReminders(plans, today, settings.reminderDays));
  const { locale, t } = currentMessages(settings);
  const byKey = new Map(plans.map((p) => [`${p.origin} ${p.id}`, p]));
  for (const key of fresh) {
    const plan = byKey.get(`${key.origin} ${key.planId}`)!;
    const it = plan.installments[key.n - 1]!;
    await show(notificationId(key), {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t.reminderTitle(daysBetween(today, key.dueDate), formatFen(outstandingOf(it), locale)),
      message: t.reminderBody(plan.product, new URL(plan.origin).host, key.n, plan.installments.length),
    });
  }
  return fresh;
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

/** A click on a reminder opens that plan's repay flow on its own store, if the plan is still stored. */
export async function onNotificationClicked(id: string): Promise<void> {
  const ref = parseNotificationId(id);
  if (!ref) return;
  await browser.notifications.clear(id);
  if (await getPlan(ref.origin, ref.planId)) await openStoreFlow(ref.origin, ref.planId, 'repay');
}
