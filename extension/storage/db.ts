/**
 * The extension's IndexedDB: the only module that opens it. Plans are copies of what stores showed the
 * shopper, keyed by the origin the browser stamped and the store's plan id.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnnouncedPlan } from '../../shared/bridge.js';
import type { IsoDate } from '../../shared/plan.js';

export const DB_NAME = 'fenqi';
export const DB_VERSION = 1;

/** A plan as the extension keeps it. */
export interface StoredPlan extends AnnouncedPlan {
  origin: string;
  /** The soonest unpaid due date, or '9999-12-31' when everything is paid (so the index sorts it last). */
  nextDue: IsoDate;
  /** True when the store stopped listing the plan; archived plans are kept, never deleted. */
  archived: boolean;
  /** When the extension last saw the plan, ms since the epoch. */
  seenAt: number;
}

export interface Settings {
  /** Nothing is stored until the shopper turns tracking on. */
  tracking: boolean;
}

export const DEFAULT_SETTINGS: Settings = { tracking: false };

export const NOTHING_DUE: IsoDate = '9999-12-31';

interface FenqiDB extends DBSchema {
  plans: {
    key: [string, string];
    value: StoredPlan;
    indexes: { 'by-origin': string; 'by-next-due': IsoDate };
  };
  settings: { key: 'settings'; value: Settings };
}

let opening: Promise<IDBPDatabase<FenqiDB>> | undefined;

/** Opens the database once per service-worker life; the connection closes itself when a newer version waits. */
export function db(): Promise<IDBPDatabase<FenqiDB>> {
  opening ??= openDB<FenqiDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const plans = database.createObjectStore('plans', { keyPath: ['origin', 'id'] });
        plans.createIndex('by-origin', 'origin');
        plans.createIndex('by-next-due', 'nextDue');
        database.createObjectStore('settings');
      }
    },
    blocking() {
      void opening?.then((d) => d.close());
      opening = undefined;
    },
  });
  return opening;
}

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await (await db()).get('settings', 'settings')) };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const database = await db();
  const tx = database.transaction('settings', 'readwrite');
  const next = { ...DEFAULT_SETTINGS, ...(await tx.store.get('settings')), ...change };
  await Promise.all([tx.store.put(next, 'settings'), tx.done]);
  return next;
}

/** The first unpaid due date of a plan. */
export function nextDueOf(plan: AnnouncedPlan): IsoDate {
  return plan.installments.find((it) => it.paid < it.principal + it.fee)?.dueDate ?? NOTHING_DUE;
}

/**
 * Replaces what one origin shows with `plans`: upserts each, archives the ones no longer listed.
 * One transaction, so a failure leaves the previous copy whole.
 */
export async function syncOrigin(origin: string, plans: AnnouncedPlan[], now = Date.now()): Promise<void> {
  const database = await db();
  const tx = database.transaction('plans', 'readwrite');
  const listed = new Set(plans.map((p) => p.id));
  const writes: Promise<unknown>[] = plans.map((p) =>
    tx.store.put({ ...p, origin, nextDue: nextDueOf(p), archived: false, seenAt: now }),
  );
  for (const old of await tx.store.index('by-origin').getAll(origin)) {
    if (!listed.has(old.id) && !old.archived) writes.push(tx.store.put({ ...old, archived: true }));
  }
  await Promise.all([...writes, tx.done]);
}

/** Upserts one plan of one origin (after a repayment or a method change). */
export async function putPlan(origin: string, plan: AnnouncedPlan, now = Date.now()): Promise<void> {
  await (await db()).put('plans', { ...plan, origin, nextDue: nextDueOf(plan), archived: false, seenAt: now });
}

/** The active plan with the soonest unpaid due date, if any. */
export async function soonestDuePlan(): Promise<StoredPlan | undefined> {
  const database = await db();
  let cursor = await database.transaction('plans').store.index('by-next-due').openCursor(IDBKeyRange.upperBound(NOTHING_DUE, true));
  while (cursor) {
    if (!cursor.value.archived) return cursor.value;
    cursor = await cursor.continue();
  }
  return undefined;
}

export async function allPlans(): Promise<StoredPlan[]> {
  return (await db()).getAll('plans');
}
