/** Reminders already shown, so that none is shown twice. */
import { db, type SentReminder } from './schema.js';

export type ReminderKey = Omit<SentReminder, 'sentAt'>;

/**
 * Records the reminders not sent before and returns exactly those: a reminder is claimed once, even when
 * two wake-ups race, because the check and the write share a transaction.
 */
export async function claimReminders(candidates: ReminderKey[], now = Date.now()): Promise<ReminderKey[]> {
  if (candidates.length === 0) return [];
  const tx = (await db()).transaction('reminders', 'readwrite');
  const fresh: ReminderKey[] = [];
  const seen = await Promise.all(
    candidates.map((c) => tx.store.getKey([c.origin, c.planId, c.n, c.dueDate, c.daysBefore])),
  );
  const writes = candidates.flatMap((c, i) => {
    if (seen[i] !== undefined) return [];
    fresh.push(c);
    return [tx.store.put({ ...c, sentAt: now })];
  });
  await Promise.all([...writes, tx.done]);
  return fresh;
}
