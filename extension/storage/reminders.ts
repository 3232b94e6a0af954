/**
 * Reminders already shown, and the notifications that carried them: one per site and day, at most
 * MAX_NOTICES_PER_DAY a day, each installment's reminder once. See background/reminders.ts for what is shown.
 */
import { outstandingOf } from '../../shared/amount-due.js';
import { addDays } from '../../shared/dates.js';
import { isActivePlan, type IsoDate } from '../../shared/plan.js';
import { DEFAULT_SETTINGS } from '../contracts.js';
import { db, type Notice, type SentReminder, type StoredPlan } from './schema.js';
import { siteOf } from './site.js';
import { siteAllows } from './sites.js';

export type ReminderKey = Omit<SentReminder, 'sentAt'>;

/** Notifications a day, over all sites: a flood of made-up plans from many sites still makes only this many. */
export const MAX_NOTICES_PER_DAY = 5;

/** How long a day's notice is kept: it decides which site waited longest, and a click on an old notification. */
const NOTICE_DAYS_KEPT = 60;

const reminderKey = (c: ReminderKey) => [c.origin, c.planId, c.n, c.dueDate, c.daysBefore] as const;

/**
 * Whether a reminder still asks for something: its plan is stored, listed and active, the installment unpaid on
 * that date.
 */
export function stillDue(plan: StoredPlan | undefined, key: ReminderKey): boolean {
  const it = plan?.installments.find((i) => i.n === key.n);
  // Only an active plan is owed: one under review (or rejected, cancelled) is never reminded of.
  return !!plan && !plan.archived && isActivePlan(plan) && !!it && it.dueDate === key.dueDate && outstandingOf(it) > 0;
}

/**
 * Claims what to show on `today` out of `candidates` (reminders that fall due, most urgent first) and returns
 * the notices to show, one per site. In one transaction with every store it depends on, so a "delete
 * everything", a site switched off, tracking turned off or a plan paid meanwhile is seen here: a reminder is
 * claimed only while tracking and reminders are on, its site is on, and its installment still unpaid.
 * Reminders sent before are skipped. A site that already had its notice today, or the ones past the day's cap,
 * keep their reminders for another day; sites that waited longest go first, then the most urgent.
 */
export async function claimNotices(candidates: ReminderKey[], today: IsoDate, now = Date.now()): Promise<Notice[]> {
  if (candidates.length === 0) return [];
  const tx = (await db()).transaction(['settings', 'sites', 'plans', 'reminders', 'notices'], 'readwrite');
  const done = tx.done.catch(() => undefined);
  const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
  if (!settings.tracking || settings.reminderDays.length === 0) {
    await done;
    return [];
  }
  const reminders = tx.objectStore('reminders');
  const notices = tx.objectStore('notices');
  const sites = tx.objectStore('sites');
  const plans = tx.objectStore('plans');
  const allowed = new Map<string, Promise<boolean>>();
  const stored = new Map<string, Promise<StoredPlan | undefined>>();
  const checks = await Promise.all(
    candidates.map(async (c) => {
      if ((await reminders.getKey(reminderKey(c) as never)) !== undefined) return false;
      if (!allowed.has(c.origin)) allowed.set(c.origin, siteAllows(sites, c.origin));
      const planKey = JSON.stringify([c.origin, c.planId]);
      if (!stored.has(planKey)) stored.set(planKey, plans.get([c.origin, c.planId]));
      return (await allowed.get(c.origin)!) && stillDue(await stored.get(planKey)!, c);
    }),
  );
  const bySite = new Map<string, ReminderKey[]>();
  candidates.forEach((c, i) => {
    if (!checks[i]) return;
    const site = siteOf(c.origin);
    bySite.set(site, [...(bySite.get(site) ?? []), c]);
  });
  const todays = await notices.index('by-day').getAllKeys(today);
  const notified = new Set(todays.map(([site]) => site));
  const waiting = [...bySite.keys()].filter((site) => !notified.has(site));
  const lastDay = new Map(
    await Promise.all(
      waiting.map(async (site) => {
        const last = await notices.openCursor(IDBKeyRange.bound([site], [site, []]), 'prev');
        return [site, last?.value.day ?? ''] as const;
      }),
    ),
  );
  const mostUrgent = (site: string) => bySite.get(site)![0]!.dueDate;
  const chosen = waiting
    .sort((a, b) => lastDay.get(a)!.localeCompare(lastDay.get(b)!) || mostUrgent(a).localeCompare(mostUrgent(b)))
    .slice(0, Math.max(0, MAX_NOTICES_PER_DAY - todays.length));
  const writes: Promise<unknown>[] = [];
  const out: Notice[] = [];
  for (const site of chosen) {
    const keys = [...bySite.get(site)!].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.n - b.n);
    for (const key of keys) writes.push(reminders.put({ ...key, sentAt: now }));
    const notice: Notice = { site, day: today, reminders: keys, shownAt: now };
    writes.push(notices.put(notice));
    out.push(notice);
  }
  const old = await notices.index('by-day').getAllKeys(IDBKeyRange.upperBound(addDays(today, -NOTICE_DAYS_KEPT)));
  for (const key of old) writes.push(notices.delete(key));
  await Promise.all([...writes, done]);
  return out;
}

export async function getNotice(site: string, day: IsoDate): Promise<Notice | undefined> {
  return (await db()).get('notices', [site, day]);
}
