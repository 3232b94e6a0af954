/** The shopper's settings (extension/contracts.ts), one record in the `settings` store. */
import { DEFAULT_SETTINGS, type Settings } from '../contracts.js';
import { db } from './schema.js';

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await (await db()).get('settings', 'settings')) };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const tx = (await db()).transaction('settings', 'readwrite');
  const next: Settings = { ...DEFAULT_SETTINGS, ...(await tx.store.get('settings')), ...change };
  await Promise.all([tx.store.put(next, 'settings'), tx.done]);
  return next;
}
