/** Everything at once: the export, the import (all of it or none) and "delete all". */
import { DEFAULT_SETTINGS, type Settings } from '../contracts.js';
import { toStored } from './plans.js';
import { db, type Site, type StoredPlan } from './schema.js';
import { MAX_PLANS, MAX_PLANS_PER_SITE, siteOf } from './site.js';

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

/**
 * Writes a checked snapshot over what is stored, in one transaction: all of it lands or none. A site the file
 * switches off loses the plans stored for it, as if the shopper had switched it off here. Refused (nothing
 * written) when the stored plans and the file's together would go over a cap of site.ts.
 */
export async function restore(data: Snapshot): Promise<{ ok: true } | { ok: false; reason: string }> {
  const tx = (await db()).transaction(['settings', 'sites', 'plans', 'reminders'], 'readwrite');
  const done = tx.done.catch(() => undefined);
  const plans = tx.objectStore('plans');
  const writes: Promise<unknown>[] = [tx.objectStore('settings').put(data.settings, 'settings')];
  const off = data.sites.filter((s) => !s.enabled).map((s) => s.origin);
  const storedOrigins = await tx.objectStore('sites').getAllKeys();
  const cleared = new Set([...off, ...storedOrigins.filter((o) => off.includes(siteOf(o)))]);
  for (const origin of cleared) {
    writes.push(plans.delete(IDBKeyRange.bound([origin], [origin, []])));
    writes.push(tx.objectStore('reminders').delete(IDBKeyRange.bound([origin], [origin, []])));
  }
  for (const site of data.sites) writes.push(tx.objectStore('sites').put(site));
  for (const plan of data.plans) writes.push(plans.put(toStored(plan.origin, plan, plan.archived, plan.seenAt)));
  // Requests run in order: these see what the file just wrote.
  const perSite = new Map<string, number>();
  for (const origin of await plans
    .index('by-origin')
    .getAllKeys()
    .then((keys) => keys.map((k) => k[0]))) {
    const site = siteOf(origin);
    perSite.set(site, (perSite.get(site) ?? 0) + 1);
  }
  const over = [...perSite].find(([, n]) => n > MAX_PLANS_PER_SITE);
  const total = await plans.count();
  const reason = over
    ? `more than ${MAX_PLANS_PER_SITE} plans for ${over[0]} with the ones already stored`
    : total > MAX_PLANS
      ? `more than ${MAX_PLANS} plans with the ones already stored`
      : undefined;
  if (reason) {
    tx.abort();
    await Promise.allSettled([...writes, done]);
    return { ok: false, reason };
  }
  await Promise.all([...writes, done]);
  return { ok: true };
}

/** Deletes every record of every store. */
export async function deleteEverything(): Promise<void> {
  const database = await db();
  const names = [...database.objectStoreNames];
  const tx = database.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
