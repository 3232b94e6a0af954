/** What the extension knows about each store origin: its bills path, and the shopper's per-site switch. */
import { db, type Site } from './schema.js';

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
