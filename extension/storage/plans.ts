/**
 * The stored copies of stores' plans: written only through `syncOrigin` / `putPlan` (one origin at a time,
 * under the origin the browser stamped, within the caps of site.ts), read by due date for the badge,
 * reminders and popup.
 */
import { outstandingOf } from '../../shared/bill-state.js';
import { displayText, STORE_NAME_CHARS } from '../../shared/display-text.js';
import { lifecycleOf, type IsoDate, type Plan } from '../../shared/plan.js';
import type { IDBPTransaction } from 'idb';
import { DEFAULT_SETTINGS } from '../contracts.js';
import { db, NOTHING_DUE, UNDER_REVIEW, type FenqiDB, type StoredPlan } from './schema.js';
import { MAX_PLANS, MAX_PLANS_PER_SITE, siteOf } from './site.js';
import { siteAllows } from './sites.js';

/** The first unpaid due date of an active plan; nothing is due on a plan under review, rejected or cancelled. */
export function nextDueOf(plan: Plan): IsoDate {
  const life = lifecycleOf(plan);
  if (life === 'under-review') return UNDER_REVIEW;
  if (life !== 'active') return NOTHING_DUE;
  return plan.installments.find((it) => outstandingOf(it) > 0)?.dueDate ?? NOTHING_DUE;
}

/**
 * The stored form of a plan that `origin` announced: derived fields are always recomputed here. A rejected or
 * cancelled plan is archived whatever the store says: it is never owed again.
 */
export function toStored(origin: string, plan: Plan, archived: boolean, seenAt: number): StoredPlan {
  const closed = lifecycleOf(plan) === 'rejected' || lifecycleOf(plan) === 'cancelled';
  return { ...plan, origin, nextDue: nextDueOf(plan), archived: archived || closed, seenAt };
}

/**
 * A write either landed or says why not: `reason` is for the extension (the shopper's settings stay private);
 * `toPage`, when set, is what the page may be told instead of "not stored" (its own site's cap).
 */
export type WriteResult = { ok: true } | { ok: false; reason: string; toPage?: string };

/** What a page is told when its site would go over its cap (see `writeForOrigin`). */
export const SITE_CAP_REASON = `more than ${MAX_PLANS_PER_SITE} plans for this site`;

type PlanWrite = (existing: Map<string, StoredPlan>) => StoredPlan[];
type WriteTx = IDBPTransaction<FenqiDB, ('settings' | 'sites' | 'plans' | 'reminders')[], 'readwrite'>;

/** Deletes plans by key, with the reminders sent for them. */
function deletePlans(tx: WriteTx, keys: [string, string][]): Promise<unknown>[] {
  return keys.flatMap(([origin, id]) => [
    tx.objectStore('plans').delete([origin, id]),
    tx.objectStore('reminders').delete(IDBKeyRange.bound([origin, id], [origin, id, []])),
  ]);
}

/** The `need` oldest archived plans among `plans` (by when they were last seen), or undefined if too few. */
function oldestArchived(plans: Iterable<StoredPlan>, need: number): [string, string][] | undefined {
  const archived = [...plans].filter((p) => p.archived).sort((a, b) => a.seenAt - b.seenAt);
  return archived.length < need ? undefined : archived.slice(0, need).map((p) => [p.origin, p.id]);
}

/** What the sending page tells about its store besides plans: where its bills page is, and the store's name. */
export interface StorePage {
  /** The sending page's path, when it is a bills path (background/messages.ts `billsPathFrom`). */
  billsPath?: string;
  /** The store's name as the page announced it (content/store-name.ts); absent leaves the stored one. */
  name?: string;
}

/**
 * The one path by which page data is written. In the same transaction as the write it checks that tracking is
 * on, that neither the origin nor its site is switched off, and the caps: a site over MAX_PLANS_PER_SITE, or all
 * sites over MAX_PLANS, first loses its (or anyone's) archived plans, oldest first. Still over a cap, the whole
 * write is refused and nothing changes. Records the bills path and the store's name.
 */
async function writeForOrigin(origin: string, page: StorePage, write: PlanWrite): Promise<WriteResult> {
  const { billsPath } = page;
  // Cleaned again here (the content script already did): what is stored is what may be shown.
  const name = displayText(page.name, STORE_NAME_CHARS, '') || undefined;
  const tx: WriteTx = (await db()).transaction(['settings', 'sites', 'plans', 'reminders'], 'readwrite');
  const done = tx.done.catch(() => undefined);
  const writes: Promise<unknown>[] = [];
  const refuse = async (result: WriteResult & { ok: false }) => {
    tx.abort();
    await Promise.allSettled([...writes, done]);
    return result;
  };
  const settings = { ...DEFAULT_SETTINGS, ...(await tx.objectStore('settings').get('settings')) };
  const sites = tx.objectStore('sites');
  const plans = tx.objectStore('plans');
  const site = siteOf(origin);
  const own = await sites.get(origin);
  if (!settings.tracking) return refuse({ ok: false, reason: 'tracking is off' });
  if (!(await siteAllows(sites, origin))) return refuse({ ok: false, reason: 'site switched off' });
  const existing = new Map((await plans.index('by-origin').getAll(origin)).map((p) => [p.id, p]));
  const changed = write(existing);
  const after = new Map(existing);
  for (const plan of changed) after.set(plan.id, plan);
  writes.push(...changed.map((plan) => plans.put(plan)));

  // The site's other origins, and how many plans each keeps (every origin with plans has a site record).
  const others = (await sites.getAllKeys()).filter((o) => o !== origin && siteOf(o) === site);
  const counts = await Promise.all(others.map((o) => plans.index('by-origin').count(o)));
  const siteCount = after.size + counts.reduce((a, b) => a + b, 0);
  let trimmed: [string, string][] = [];
  if (siteCount > MAX_PLANS_PER_SITE) {
    const otherPlans = (await Promise.all(others.map((o) => plans.index('by-origin').getAll(o)))).flat();
    const oldest = oldestArchived([...after.values(), ...otherPlans], siteCount - MAX_PLANS_PER_SITE);
    // Over the cap with nothing archived left to let go: only a page making plans up gets here (a store lists at
    // most MAX_PLANS_PER_LIST at once). Nothing of this write lands; the page is told which cap it hit.
    if (!oldest) return refuse({ ok: false, reason: SITE_CAP_REASON, toPage: SITE_CAP_REASON });
    trimmed = oldest;
  }
  // Requests in a transaction run in order: the count (and getAll) already see the puts above.
  const total = (await plans.count()) - trimmed.length;
  if (total > MAX_PLANS) {
    const gone = new Set(trimmed.map((k) => JSON.stringify(k)));
    const all = (await plans.getAll()).filter((p) => !gone.has(JSON.stringify([p.origin, p.id])));
    const oldest = oldestArchived(all, total - MAX_PLANS);
    if (!oldest) return refuse({ ok: false, reason: 'storage full' });
    trimmed.push(...oldest);
  }
  // Puts first, then deletes: a plan archived by this very write may be among the oldest trimmed.
  writes.push(...deletePlans(tx, trimmed));
  if (changed.length > 0 && (!own || (billsPath && own.billsPath !== billsPath) || (name && own.name !== name))) {
    const known = name ?? own?.name;
    writes.push(
      sites.put({
        origin,
        billsPath: billsPath ?? own?.billsPath ?? null,
        enabled: true,
        ...(known ? { name: known } : {}),
      }),
    );
  }
  await Promise.all([...writes, done]);
  return { ok: true };
}

/**
 * Replaces what one origin shows with `plans`: upserts each, archives the ones no longer listed (never
 * deletes them). One transaction, so a failure leaves the previous copy whole.
 */
export function syncOrigin(
  origin: string,
  plans: Plan[],
  page: StorePage = {},
  now = Date.now(),
): Promise<WriteResult> {
  return writeForOrigin(origin, page, (existing) => {
    const listed = new Set(plans.map((p) => p.id));
    const changed = plans.map((p) => toStored(origin, p, false, now));
    for (const old of existing.values()) {
      if (!listed.has(old.id) && !old.archived) changed.push(toStored(origin, old, true, old.seenAt));
    }
    return changed;
  });
}

/** Upserts one plan of one origin (after a repayment or a method change). */
export function putPlan(origin: string, plan: Plan, page: StorePage = {}, now = Date.now()): Promise<WriteResult> {
  return writeForOrigin(origin, page, () => [toStored(origin, plan, false, now)]);
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
  // Plans under review and paid-off ones sort after every real date: nothing is due on them.
  const last = to >= UNDER_REVIEW ? UNDER_REVIEW : to;
  const range = from
    ? IDBKeyRange.bound(from, last, false, last === UNDER_REVIEW)
    : IDBKeyRange.upperBound(last, last === UNDER_REVIEW);
  const out: StoredPlan[] = [];
  let cursor = await (await db()).transaction('plans').store.index('by-next-due').openCursor(range);
  while (cursor && out.length < limit) {
    if (!cursor.value.archived) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Plans under the provider's review that their store still lists: at most `limit`. */
export async function plansUnderReview(limit: number): Promise<StoredPlan[]> {
  const plans = await (await db()).getAllFromIndex('plans', 'by-next-due', UNDER_REVIEW, limit);
  return plans.filter((p) => !p.archived);
}

/** The plan with the soonest unpaid due date that its store still lists, if any. */
export async function soonestDuePlan(): Promise<StoredPlan | undefined> {
  return (await duePlans(1))[0];
}

/** Plans that need paying with a next due date on or before `date`. */
export function plansDueBy(date: IsoDate): Promise<StoredPlan[]> {
  return duePlans(Infinity, undefined, date);
}
