/**
 * Alarms: one at the next local midnight (the badge's day count and the reminders change with the date) and
 * an hourly tick that catches a midnight the computer slept through. Alarms do not survive every browser
 * restart or update, so they are recreated on every service-worker start; with tracking off there are none.
 */
import { browser, type Alarms } from '../platform/browser.js';
import { getSettings } from '../storage/settings.js';
import { refreshBadge } from './badge.js';
import { clearSettledReminders, sendReminders } from './reminders.js';

export const MIDNIGHT_ALARM = 'fenqi-midnight';
export const TICK_ALARM = 'fenqi-tick';

/** A few seconds after the next local midnight, so the new date is certain. */
export function nextLocalMidnight(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5).getTime();
}

export async function ensureAlarms(now = new Date()): Promise<void> {
  const { tracking } = await getSettings();
  if (!tracking) {
    await browser.alarms.clearAll();
    return;
  }
  await browser.alarms.create(MIDNIGHT_ALARM, { when: nextLocalMidnight(now) });
  if (!(await browser.alarms.get(TICK_ALARM))) await browser.alarms.create(TICK_ALARM, { periodInMinutes: 60 });
}

/** After anything changed: the badge, reminders that no longer apply off the screen, then any that became due. */
export async function refreshAll(): Promise<void> {
  await refreshBadge();
  await clearSettledReminders();
  await sendReminders();
}

export async function onAlarm(alarm: Alarms.Alarm): Promise<void> {
  if (alarm.name !== MIDNIGHT_ALARM && alarm.name !== TICK_ALARM) return;
  if (alarm.name === MIDNIGHT_ALARM) await ensureAlarms();
  await refreshAll();
}
