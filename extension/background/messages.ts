/**
 * What the service worker does with each message a content script forwards from a page.
 * The page's origin is the one the browser stamped on the sender; anything the page says about origins is ignored.
 */
import type { PageMessage, PageMessageType, PageMessages } from '../../shared/bridge.js';
import { parsePageMessage } from '../../shared/bridge.js';
import type { Runtime } from '../platform/browser.js';
import { getSettings, putPlan, syncOrigin } from '../storage/db.js';
import { refreshBadge } from './badge.js';

export interface Ack {
  ok: boolean;
  reason?: string;
}

type Handler<T extends PageMessageType> = (payload: PageMessages[T], origin: string) => Promise<void>;

const handlers: { [T in PageMessageType]: Handler<T> } = {
  async hello() {},
  async plans({ plans }, origin) {
    await syncOrigin(origin, plans);
    await refreshBadge();
  },
  async repaid({ plan }, origin) {
    await putPlan(origin, plan);
    await refreshBadge();
  },
  async 'method-changed'({ plan }, origin) {
    await putPlan(origin, plan);
    await refreshBadge();
  },
};

/** The origin of a content script's page, as the browser reports it: https, or http on loopback. */
export function trustedOrigin(sender: Runtime.MessageSender): string | undefined {
  // Chrome stamps sender.origin; Firefox gives sender.url. Both come from the browser, not the page.
  const raw = (sender as { origin?: string }).origin ?? (sender.url ? new URL(sender.url).origin : undefined);
  // Extension pages have no tab: they are not store pages.
  if (!raw || !sender.tab) return undefined;
  const url = new URL(raw);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.origin;
  return undefined;
}

export async function handlePageMessage(message: unknown, sender: Runtime.MessageSender): Promise<Ack> {
  const origin = trustedOrigin(sender);
  if (!origin) return { ok: false, reason: 'not from a store page' };
  const parsed = parsePageMessage(message);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const settings = await getSettings();
  if (!settings.tracking && parsed.value.type !== 'hello') return { ok: false, reason: 'tracking is off' };
  const { type, payload } = parsed.value as PageMessage;
  await (handlers[type] as Handler<typeof type>)(payload as never, origin);
  return { ok: true };
}
