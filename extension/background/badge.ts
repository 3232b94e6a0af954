/**
 * The toolbar badge: days until the soonest unpaid due date over every tracked plan.
 * "3d" ahead, "!" due today, "-2d" overdue; red when overdue, amber from the reminder window to the due
 * date itself, grey further out. The title leads with the store's host as the browser stamped it, then names
 * the plan (its page-given name through `displayText`), what is owed now (`amountDue`, late charge included) and
 * the due date in the shopper's language (`formatDate`).
 */
import { amountDue } from '../../shared/amount-due.js';
import { daysBetween, localToday } from '../../shared/dates.js';
import { displayText } from '../../shared/display-text.js';
import { formatDate, formatFen, type Locale } from '../../shared/format.js';
import type { IsoDate } from '../../shared/plan.js';
import { currentMessages } from '../i18n/current.js';
import type { Messages } from '../i18n/messages.js';
import { browser } from '../platform/browser.js';
import { getSettings } from '../storage/settings.js';
import { soonestDuePlan } from '../storage/plans.js';
import type { StoredPlan } from '../storage/schema.js';

export const RED = '#d93025';
export const AMBER = '#e37400';
export const GREY = '#5f6368';

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

/** What the badge shows for the soonest plan on `today`, with reminders `windowDays` ahead. */
export function badgeFor(
  plan: StoredPlan | undefined,
  today: IsoDate,
  windowDays: number,
  t: Messages,
  locale: Locale = 'en',
): BadgeView {
  if (!plan) return { text: '', color: GREY, title: t.nothingDue };
  const days = daysBetween(today, plan.nextDue);
  const text = days > 0 ? `${days}d` : days === 0 ? '!' : `-${-days}d`;
  const color = days < 0 ? RED : days <= windowDays ? AMBER : GREY;
  const owed = formatFen(amountDue(plan, { count: 1 }, today).total, locale);
  // The date as the shopper reads it ("Mar 22", "3月22日"; the year only when it is not this one), never ISO.
  const due = formatDate(plan.nextDue, locale, today);
  const title = t.badgeTitle(new URL(plan.origin).host, displayText(plan.product), owed, due, days);
  return { text, color, title };
}

export async function refreshBadge(today = localToday()): Promise<BadgeView> {
  const settings = await getSettings();
  const { t, locale } = currentMessages(settings);
  const plan = settings.tracking ? await soonestDuePlan() : undefined;
  const view = badgeFor(plan, today, Math.max(0, ...settings.reminderDays), t, locale);
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: view.title }),
  ]);
  return view;
}
