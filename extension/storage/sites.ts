/**
 * What the extension knows about each store origin: its bills path, and the shopper's switch. A switch is
 * kept per origin; a record for a whole site (`https://shop.example`, site.ts) switches every origin of it.
 */
import { db, type Site } from './schema.js';
import { siteOf } from './site.js';

/**
 * Whether `origin` may store plans: neither its own record nor its site's is switched off. Takes the `sites`
 * store of the caller's transaction, so the answer holds for the write that follows in it.
 */
export async function siteAllows(
  sites: { get(origin: string): Promise<Site | undefined> },
  origin: string,
): Promise<boolean> {
  const site = siteOf(origin);
  const [own, whole] = await Promise.all([sites.get(origin), site === origin ? undefined : sites.get(site)]);
  return own?.enabled !== false && whole?.enabled !== false;
}

export async function getSite(origin: string): Promise<Site | undefined> {
  return (await db()).get('sites', origin);
}

export async function allSites(): Promise<Site[]> {
  return (await db()).getAll('sites');
}

/**
 * Switches one origin on or off; the record of a whole site (`https://shop.example`) switches all its origins.
 * Off deletes their plans and sent reminders and remembers only the origin, so later messages are refused.
 */
export async function setSiteEnabled(origin: string, enabled: boolean): Promise<void> {
  const tx = (await db()).transaction(['sites', 'plans', 'reminders'], 'readwrite');
  const sites = tx.objectStore('sites');
  const site = (await sites.get(origin)) ?? { origin, billsPath: null, enabled };
  const writes: Promise<unknown>[] = [sites.put({ ...site, enabled })];
  if (!enabled) {
    const whole = siteOf(origin) === origin;
    const origins = whole ? (await sites.getAllKeys()).filter((o) => siteOf(o) === origin) : [];
    for (const o of new Set([origin, ...origins])) {
      writes.push(tx.objectStore('plans').delete(IDBKeyRange.bound([o], [o, []])));
      writes.push(tx.objectStore('reminders').delete(IDBKeyRange.bound([o], [o, []])));
    }
  }
  await Promise.all([...writes, tx.done]);
}
