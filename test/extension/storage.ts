/** What the extension's tests read straight from its IndexedDB (the extension itself never needs these). */
import type { Plan } from '../../shared/plan.js';
import { toStored } from '../../extension/storage/plans.js';
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

/**
 * Stores `plans` as if each origin's page had listed them (site records included), in one transaction: for tests
 * that need thousands of plans already there before they send the messages under test.
 */
export async function storeListed(byOrigin: Map<string, Plan[]>, now = Date.now()): Promise<void> {
  const tx = (await db()).transaction(['plans', 'sites'], 'readwrite');
  const writes: Promise<unknown>[] = [];
  for (const [origin, plans] of byOrigin) {
    writes.push(tx.objectStore('sites').put({ origin, billsPath: '/bills', enabled: true }));
    for (const plan of plans) writes.push(tx.objectStore('plans').put(toStored(origin, plan, false, now)));
  }
  await Promise.all([...writes, tx.done]);
}
