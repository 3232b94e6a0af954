/**
 * The extension's IndexedDB schema and the only module that opens it: the typed stores, and the numbered
 * upgrade steps. Reading and writing each store is in its own module beside this one (plans.ts, sites.ts,
 * settings.ts, reminders.ts, snapshot.ts); they get the connection from `db()`.
 *
 * Versions are an ordered list of upgrade steps (`UPGRADES[0]` makes v1, `UPGRADES[1]` turns v1 into v2…).
 * All steps of one upgrade run in the single versionchange transaction IndexedDB gives us; if any step
 * throws, that transaction is aborted, which rolls back every store, index and record the upgrade touched
 * and leaves the database at its old version (see test/extension/db-upgrade.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { IsoDate, Plan } from '../../shared/plan.js';
import type { Settings } from '../contracts.js';

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

/**
 * The one notification a site got on one day (local calendar date): which reminders it carries, so a click
 * opens the right page and the notification leaves the screen once none of them asks anything any more.
 */
export interface Notice {
  /** The site (extension/storage/site.ts `siteOf`) the notification is about. */
  site: string;
  day: IsoDate;
  /** The reminders it summarises, most urgent first. */
  reminders: Omit<SentReminder, 'sentAt'>[];
  shownAt: number;
}

/** What the extension knows about one store origin. */
export interface Site {
  origin: string;
  /** The path of the store's bills page, learned from the page that sent plans; deep links go there. */
  billsPath: string | null;
  /** False once the shopper switched this site off: its plans are deleted and its messages refused. */
  enabled: boolean;
  /**
   * The store's name as its bills page last announced it (content/store-name.ts), cleaned; absent until a page
   * announced one. Shown above the host, never instead of it.
   */
  name?: string;
}

/** The `nextDue` of a plan with nothing left to pay: after every real date, so the index sorts it last. */
export const NOTHING_DUE: IsoDate = '9999-12-31';

/**
 * The `nextDue` of a plan under the provider's review: nothing is due yet, so it sorts after every real date
 * (never counted down or reminded), and the popup finds these plans under one key.
 */
export const UNDER_REVIEW: IsoDate = '9999-12-30';

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
  notices: { key: [string, IsoDate]; value: Notice; indexes: { 'by-day': IsoDate } };
}

export type UpgradeTransaction = IDBPTransaction<FenqiDB, StoreNames<FenqiDB>[], 'versionchange'>;
/** One numbered upgrade step. Only IndexedDB requests may be awaited inside it. */
export type UpgradeStep = (database: IDBPDatabase<FenqiDB>, tx: UpgradeTransaction) => void | Promise<void>;

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
  // v3: the notifications shown, one per site and day, so a day's reminders of one store are one notification
  // and the number of notifications a day has a cap (background/reminders.ts).
  (database) => {
    database.createObjectStore('notices', { keyPath: ['site', 'day'] }).createIndex('by-day', 'day');
  },
];

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
