/** Everything at once: the export, the import (all of it or none) and "delete all". */
import { DEFAULT_SETTINGS, type Settings } from '../contracts.js';
import { toStored } from './plans.js';
import { db, type Site, type StoredPlan } from './schema.js';

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
