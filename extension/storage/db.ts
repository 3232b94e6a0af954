/**
 * The extension's IndexedDB: the only module that opens it. Plans are copies of what stores showed the
 * shopper, keyed by the origin the browser stamped and the store's plan id.
 *
 * Versions are an ordered list of upgrade steps (`UPGRADES[0]` makes v1, `UPGRADES[1]` turns v1 into v2…).
 * All steps of one upgrade run in the single versionchange transaction IndexedDB gives us; if any step
 * throws, that transaction is aborted, which rolls back every store, index and record the upgrade touched
 * and leaves the database at its old version (see test/extension/db-upgrade.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { outstandingOf } from '../../shared/bill-state.js';
import type { IsoDate, Plan } from '../../shared/plan.js';

export const DB_NAME = 'fenqi';

/** A plan as the extension keeps it. */
export interface StoredPlan extends Plan {
  /** The origin the browser stamped on the page that sent the plan. */
  origin: string;
  /** The oldest unpaid due date, or `NOTHING_DUE` once everything is paid (so the index sorts it last). */
  nextDue: IsoDate;
  /** True when the store stopped listing the plan; archived plans are kept, never deleted. */
  archived: boolean;
  /** When the extension last saw the plan, ms since the epoch. */
  seenAt: number;
}

/** A reminder already shown: one per installment, per due date, per reminder offset (and one once overdue). */
export interface SentReminder {
  origin: string;
  planId: string;
  n: number;
  dueDate: IsoDate;
  /** Which reminder: days before the due date (0 = on the day), or -1 for the one sent once it is overdue. */
  daysBefore: number;
  sentAt: number;
}

/** What the extension knows about one store origin. */
export interface Site {
  origin: string;
  /** The path of the store's bills page, learned from the page that sent plans; deep links go there. */
  billsPath: string | null;
  /** False once the shopper switched this site off: its plans are deleted and its messages refused. */
  enabled: boolean;
}

export type Language = 'auto' | 'en' | 'zh-CN';

export interface Settings {
  /** Nothing is stored until the shopper turns tracking on. */
  tracking: boolean;
  /** Reminders, in days before the due date (0 = on the day), largest first. Empty: no reminders. */
  reminderDays: number[];
  /** The language of the extension's pages, badge title and notifications; 'auto' follows the browser. */
  language: Language;
}

export const DEFAULT_SETTINGS: Settings = { tracking: false, reminderDays: [3, 0], language: 'auto' };

export const NOTHING_DUE: IsoDate = '9999-12-31';

/** Plans one origin may have stored, archived ones included: a page cannot fill the disk. */
export const MAX_PLANS_PER_ORIGIN = 2000;

export interface FenqiDB extends DBSchema {
  plans: {
    key: [string, string];
    value: StoredPlan;
    indexes: { 'by-origin': string; 'by-next-due': IsoDate };
  };
  reminders: {
    key: [string, string, number, IsoDate, number];
    value: SentReminder;
    indexes: { 'by-origin': string };
  };
  sites: { key: string; value: Site };
  settings: { key: 'settings'; value: Settings };
}

export type UpgradeTransaction = IDBPTransaction<FenqiDB, StoreNames<FenqiDB>[], 'versionchange'>;
/** One numbered upgrade step. Only IndexedDB requests may be awaited inside it. */
export type UpgradeStep = (database: IDBPDatabase<FenqiDB>, tx: UpgradeTransaction) => void | Promise<void>;

/** The first unpaid due date of a plan. */
export function nextDueOf(plan: Plan): IsoDate {
  return plan.installments.find((it) => outstandingOf(it) > 0)?.dueDate ?? NOTHING_DUE;
}

/** The stored form of a plan that `origin` announced: derived fields are always recomputed here. */
export function toStored(origin: string, plan: Plan, archived: boolean, seenAt: number): StoredPlan {
  return { ...plan, origin, nextDue: nextDueOf(plan), archived, seenAt };
}

export const UPGRADES: readonly UpgradeStep[] = [
  // v1 (the thin slice): plans by origin and by next due date, and the settings record.
  (database) => {
    const plans = database.createObjectStore('plans', { keyPath: ['origin', 'id'] });
    plans.createIndex('by-origin', 'origin');
    plans.createIndex('by-next-due', 'nextDue');
    database.createObjectStore('settings');
  },
  // v2: reminders sent, and sites (bills path, per-site switch). Every origin with plans gets a site, on,
  // with its bills path unknown until the shopper next opens that store's bills page. Plan records are
  // not rewritten: an upgrade that touches 10,000 of them costs seconds (see test/extension/db-upgrade).
  async (database, tx) => {
    database
      .createObjectStore('reminders', { keyPath: ['origin', 'planId', 'n', 'dueDate', 'daysBefore'] })
      .createIndex('by-origin', 'origin');
    const sites = database.createObjectStore('sites', { keyPath: 'origin' });
    let cursor = await tx.objectStore('plans').index('by-origin').openKeyCursor(null, 'nextunique');
    while (cursor) {
      void sites.put({ origin: cursor.key, billsPath: null, enabled: true });
      cursor = await cursor.continue();
    }
  },
];

export const DB_VERSION = UPGRADES.length;

/**
 * Opens `name` at `steps.length`, running the steps the stored version lacks. A failing step aborts the
 * versionchange transaction (idb ignores a rejected `upgrade` promise, so we abort ourselves) and the
 * promise rejects with that step's error.
 */
export function openFenqiDB(name = DB_NAME, steps: readonly UpgradeStep[] = UPGRADES): Promise<IDBPDatabase<FenqiDB>> {
  let failure: unknown;
  const opened = openDB<FenqiDB>(name, steps.length, {
    upgrade(database, oldVersion, _newVersion, tx) {
      // The open request reports an abort; idb's `done` promise would reject a second time, unheard.
      tx.done.catch(() => undefined);
      const run = async () => {
        for (let version = oldVersion; version < steps.length; version++) await steps[version]!(database, tx);
      };
      run().catch((error: unknown) => {
        failure = error;
        tx.abort();
      });
    },
    blocking(_current, _next, event) {
      // A newer version (an extension update) is waiting: let it in.
      (event.target as IDBDatabase).close();
      if (connection === opened) connection = undefined;
    },
    terminated() {
      if (connection === opened) connection = undefined;
    },
  });
  return opened.catch((error: unknown) => {
    throw failure ?? error;
  });
}

let databaseName = DB_NAME;
let connection: Promise<IDBPDatabase<FenqiDB>> | undefined;

/** The connection, opened once per service-worker or page life. */
export function db(): Promise<IDBPDatabase<FenqiDB>> {
  connection ??= openFenqiDB(databaseName);
  return connection;
}

/** Points this module at another database (tests give each file its own). */
export async function useDatabase(name: string): Promise<void> {
  const open = connection;
  connection = undefined;
  databaseName = name;
  (await open?.catch(() => undefined))?.close();
}

// ---------------------------------------------------------------------------------------------------
// Settings and sites

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await (await db()).get('settings', 'settings')) };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const tx = (await db()).transaction('settings', 'readwrite');
  const next: Settings = { ...DEFAULT_SETTINGS, ...(await tx.store.get('settings')), ...change };
  await Promise.all([tx.store.put(next, 'settings'), tx.done]);
  return next;
}

export async function getSite(origin: string): Promise<Site | undefined> {
  return (await db()).get('sites', origin);
}

export async function allSites(): Promise<Site[]> {
  return (await db()).getAll('sites');
}

/**
 * Switches one site on or off. Off deletes its plans and sent reminders and remembers only the origin, so
 * later messages from it are refused.
 */
export async function setSiteEnabled(origin: string, enabled: boolean): Promise<void> {
  const tx = (await db()).transaction(['sites', 'plans', 'reminders'], 'readwrite');
  const sites = tx.objectStore('sites');
  const site = (await sites.get(origin)) ?? { origin, billsPath: null, enabled };
  const writes: Promise<unknown>[] = [sites.put({ ...site, enabled })];
  if (!enabled) {
    writes.push(tx.objectStore('plans').delete(IDBKeyRange.bound([origin], [origin, []])));
    writes.push(tx.objectStore('reminders').delete(IDBKeyRange.bound([origin], [origin, []])));
  }
  await Promise.all([...writes, tx.done]);
}

// ---------------------------------------------------------------------------------------------------
// Plans

export type WriteResult = { ok: true } | { ok: false; reason: string };

type PlanWrite = (existing: Map<string, StoredPlan>) => StoredPlan[];

/**
 * The one path by which page data is written: checks, in the same transaction as the write, that tracking
 * is on, the site is not switched off and the origin stays under its plan limit; records the bills path.
 */
async function writeForOrigin(origin: string, billsPath: string | undefined, write: PlanWrite): Promise<WriteResult> {
  const tx = (await db()).transaction(['settings', 'sites', 'plans'], 'readwrite');
  const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
  const sites = tx.objectStore('sites');
  const site = await sites.get(origin);
  let refused: string | undefined;
  if (!settings.tracking) refused = 'tracking is off';
  else if (site && !site.enabled) refused = 'site switched off';
  const plans = tx.objectStore('plans');
  const writes: Promise<unknown>[] = [];
  if (!refused) {
    const existing = new Map((await plans.index('by-origin').getAll(origin)).map((p) => [p.id, p]));
    const changed = write(existing);
    const added = changed.filter((p) => !existing.has(p.id)).length;
    if (existing.size + added > MAX_PLANS_PER_ORIGIN) refused = `more than ${MAX_PLANS_PER_ORIGIN} plans for one site`;
    else {
      for (const plan of changed) writes.push(plans.put(plan));
      if (!site || (billsPath && site.billsPath !== billsPath)) {
        writes.push(sites.put({ origin, billsPath: billsPath ?? site?.billsPath ?? null, enabled: true }));
      }
    }
  }
  if (refused) tx.abort();
  await Promise.all(writes);
  await tx.done.catch(() => undefined);
  return refused ? { ok: false, reason: refused } : { ok: true };
}

/**
 * Replaces what one origin shows with `plans`: upserts each, archives the ones no longer listed (never
 * deletes them). One transaction, so a failure leaves the previous copy whole.
 */
export function syncOrigin(origin: string, plans: Plan[], billsPath?: string, now = Date.now()): Promise<WriteResult> {
  return writeForOrigin(origin, billsPath, (existing) => {
    const listed = new Set(plans.map((p) => p.id));
    const changed = plans.map((p) => toStored(origin, p, false, now));
    for (const old of existing.values()) {
      if (!listed.has(old.id) && !old.archived) changed.push(toStored(origin, old, true, old.seenAt));
    }
    return changed;
  });
}

/** Upserts one plan of one origin (after a repayment or a method change). */
export function putPlan(origin: string, plan: Plan, billsPath?: string, now = Date.now()): Promise<WriteResult> {
  return writeForOrigin(origin, billsPath, () => [toStored(origin, plan, false, now)]);
}

export async function getPlan(origin: string, id: string): Promise<StoredPlan | undefined> {
  return (await db()).get('plans', [origin, id]);
}

/**
 * Plans that need paying (something unpaid, still listed by the store), soonest due first, so overdue ones
 * lead: at most `limit` of them, due on or after `from` and on or before `to`. Paid-off plans sort last in
 * the index and are never reached; archived ones (rare: a store stops listing an unpaid plan) are skipped.
 */
export async function duePlans(limit = Infinity, from?: IsoDate, to: IsoDate = NOTHING_DUE): Promise<StoredPlan[]> {
  const range = from
    ? IDBKeyRange.bound(from, to, false, to === NOTHING_DUE)
    : IDBKeyRange.upperBound(to, to === NOTHING_DUE);
  const out: StoredPlan[] = [];
  let cursor = await (await db()).transaction('plans').store.index('by-next-due').openCursor(range);
  while (cursor && out.length < limit) {
    if (!cursor.value.archived) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** The plan with the soonest unpaid due date that its store still lists, if any. */
export async function soonestDuePlan(): Promise<StoredPlan | undefined> {
  return (await duePlans(1))[0];
}

/** Plans that need paying with a next due date on or before `date`. */
export function plansDueBy(date: IsoDate): Promise<StoredPlan[]> {
  return duePlans(Infinity, undefined, date);
}

export async function allPlans(): Promise<StoredPlan[]> {
  return (await db()).getAll('plans');
}

// ---------------------------------------------------------------------------------------------------
// Reminders

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

export async function sentReminders(): Promise<SentReminder[]> {
  return (await db()).getAll('reminders');
}

// ---------------------------------------------------------------------------------------------------
// Everything at once: export, import, delete all

export interface Snapshot {
  settings: Settings;
  sites: Site[];
  plans: StoredPlan[];
}

export async function snapshot(): Promise<Snapshot> {
  const tx = (await db()).transaction(['settings', 'sites', 'plans']);
  const [settings, sites, plans] = await Promise.all([
    tx.objectStore('settings').get('settings'),
    tx.objectStore('sites').getAll(),
    tx.objectStore('plans').getAll(),
  ]);
  return { settings: { ...DEFAULT_SETTINGS, ...settings }, sites, plans };
}

/** Writes a checked snapshot over what is stored, in one transaction: all of it lands or none. */
export async function restore(data: Snapshot): Promise<void> {
  const tx = (await db()).transaction(['settings', 'sites', 'plans'], 'readwrite');
  const writes: Promise<unknown>[] = [tx.objectStore('settings').put(data.settings, 'settings')];
  for (const site of data.sites) writes.push(tx.objectStore('sites').put(site));
  for (const plan of data.plans)
    writes.push(tx.objectStore('plans').put(toStored(plan.origin, plan, plan.archived, plan.seenAt)));
  await Promise.all([...writes, tx.done]);
}

/** Deletes every record of every store. */
export async function deleteEverything(): Promise<void> {
  const database = await db();
  const names = [...database.objectStoreNames];
  const tx = database.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}

/** Rows in every store (0 after "delete all"). */
export async function rowCount(): Promise<number> {
  const database = await db();
  const names = [...database.objectStoreNames];
  const tx = database.transaction(names);
  const counts = await Promise.all(names.map((n) => tx.objectStore(n).count()));
  return counts.reduce((a, b) => a + b, 0);
}
