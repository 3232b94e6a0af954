/**
 * The stored copies of stores' plans: written only through `syncOrigin` / `putPlan` (one origin at a time,
 * under the origin the browser stamped), read by due date for the badge, reminders and popup.
 */
import { outstandingOf } from '../../shared/bill-state.js';
import type { IsoDate, Plan } from '../../shared/plan.js';
import { DEFAULT_SETTINGS } from '../contracts.js';
import { db, NOTHING_DUE, type StoredPlan } from './schema.js';

/** Plans one origin may have stored, archived ones included: a page cannot fill the disk. */
export const MAX_PLANS_PER_ORIGIN = 2000;

/** The first unpaid due date of a plan. */
export function nextDueOf(plan: Plan): IsoDate {
  return plan.installments.find((it) => outstandingOf(it) > 0)?.dueDate ?? NOTHING_DUE;
}

/** The stored form of a plan that `origin` announced: derived fields are always recomputed here. */
export function toStored(origin: string, plan: Plan, archived: boolean, seenAt: number): StoredPlan {
  return { ...plan, origin, nextDue: nextDueOf(plan), archived, seenAt };
}

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
