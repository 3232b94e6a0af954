/**
 * Requests from the extension's own pages (popup, plan page, options). Pages read IndexedDB themselves
 * (it is the extension's origin); anything that writes, opens a tab or must be followed by the badge and
 * alarms comes here. One name per request, one handler per name, each checks its body.
 */
import { storeOrigin } from '../../shared/deep-link.js';
import {
  checkSettings,
  type Opened,
  type Reply,
  type RequestName,
  type Requests,
  type Settings,
} from '../contracts.js';
import { browser, type Runtime } from '../platform/browser.js';
import { parseBackup } from '../storage/backup.js';
import { saveSettings } from '../storage/settings.js';
import { setSiteEnabled } from '../storage/sites.js';
import { deleteEverything, restore } from '../storage/snapshot.js';
import { ensureAlarms, refreshAll } from './alarms.js';
import { openStoreFlow } from './store-flow.js';

type Handlers = { [K in RequestName]: (body: unknown) => Promise<Requests[K]['reply']> };

const handlers: Handlers = {
  async 'save-settings'(body) {
    let change: Partial<Settings>;
    try {
      change = checkSettings(body);
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    const settings = await saveSettings(change);
    await ensureAlarms();
    await refreshAll();
    return { ok: true, settings };
  },
  async 'set-site'(body) {
    const { origin, enabled } = (body ?? {}) as { origin?: unknown; enabled?: unknown };
    const clean = storeOrigin(origin);
    if (!clean || typeof enabled !== 'boolean') return { ok: false, reason: 'bad request' };
    await setSiteEnabled(clean, enabled);
    await refreshAll();
    return { ok: true };
  },
  async 'open-flow'(body) {
    const { origin, planId, flow } = (body ?? {}) as Record<string, unknown>;
    return openStoreFlow(origin, planId, flow);
  },
  async import(body) {
    const json = (body as { json?: unknown } | null)?.json;
    if (typeof json !== 'string') return { ok: false, reason: 'bad request' };
    const parsed = parseBackup(json);
    if (!parsed.ok) return parsed;
    const restored = await restore(parsed.value);
    if (!restored.ok) return restored;
    await ensureAlarms();
    await refreshAll();
    return { ok: true, plans: parsed.value.plans.length };
  },
  async 'delete-all'() {
    await deleteEverything();
    await browser.alarms.clearAll();
    for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
    await refreshAll();
    return { ok: true };
  },
};

/** A page of this extension: the browser vouches for the sender's id and URL. Content scripts send their page's URL. */
export function isOwnPage(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
  );
}

export function isRequest(message: unknown): message is { request: unknown; body: unknown } {
  return typeof message === 'object' && message !== null && 'request' in message;
}

export async function handleRequest(
  message: { request: unknown; body: unknown },
  sender: Runtime.MessageSender,
): Promise<Reply | Opened | { ok: true; [k: string]: unknown }> {
  if (!isOwnPage(sender)) return { ok: false, reason: 'not an extension page' };
  const name = message.request;
  if (typeof name !== 'string' || !Object.hasOwn(handlers, name)) return { ok: false, reason: 'unknown request' };
  return handlers[name as RequestName](message.body);
}
