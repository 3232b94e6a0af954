/** What the extension's tests read straight from its IndexedDB (the extension itself never needs these). */
import { db, type SentReminder, type StoredPlan } from '../../extension/storage/schema.js';

export async function allPlans(): Promise<StoredPlan[]> {
  return (await db()).getAll('plans');
}

export async function sentReminders(): Promise<SentReminder[]> {
  return (await db()).getAll('reminders');
}

/** Rows in every store (0 after "delete all"). */
export async function rowCount(): Promise<number> {
  const database = await db();
  const names = [...database.objectStoreNames];
  const tx = database.transaction(names);
  const counts = await Promise.all(names.map((n) => tx.objectStore(n).count()));
  return counts.reduce((a, b) => a + b, 0);
}
