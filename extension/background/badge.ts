/**
 * The toolbar badge: days until the soonest unpaid due date over every tracked plan.
 * "3d" ahead, "!" due today, "-2d" overdue; red when due or overdue, amber inside the reminder window.
 */
import { browser } from '../platform/browser.js';
import { soonestDuePlan, type StoredPlan } from '../storage/db.js';
import type { IsoDate } from '../../shared/plan.js';

const RED = '#d93025';
const AMBER = '#e37400';
const GREY = '#5f6368';
/** Days ahead at which the badge turns amber; issue 6 makes this the shopper's reminder setting. */
const REMINDER_WINDOW_DAYS = 3;

/** The shopper's calendar date today, in the browser's own time zone. */
export function localToday(now = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier), independent of any time zone. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

/** What the badge shows for the soonest plan on `today`. */
export function badgeFor(plan: StoredPlan | undefined, today: IsoDate): BadgeView {
  if (!plan) return { text: '', color: GREY, title: 'fenqi: nothing due' };
  const days = daysBetween(today, plan.nextDue);
  const text = days > 0 ? `${days}d` : days === 0 ? '!' : `-${-days}d`;
  const color = days <= 0 ? RED : days <= REMINDER_WINDOW_DAYS ? AMBER : GREY;
  const when = days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : days === 0 ? 'today' : `${-days} day${days === -1 ? '' : 's'} overdue`;
  const host = new URL(plan.origin).host;
  return { text, color, title: `fenqi: ${plan.product} (${host}) due ${plan.nextDue}, ${when}` };
}

export async function refreshBadge(today = localToday()): Promise<BadgeView> {
  const view = badgeFor(await soonestDuePlan(), today);
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: view.title }),
  ]);
  return view;
}
