/**
 * What the service worker does with each message a content script forwards from a page.
 * The page's origin is the one the browser stamped on the sender; anything the page says about origins is
 * ignored. Replies are acknowledgements only: never plan data, never anything about another origin.
 */
import type { PageMessage, PageMessageType, PageMessages } from '../../shared/bridge.js';
import { parsePageMessage } from '../../shared/bridge.js';
import { isBillsPath, storeOrigin } from '../../shared/deep-link.js';
import type { Runtime } from '../platform/browser.js';
import { putPlan, syncOrigin, type WriteResult } from '../storage/plans.js';

export interface Ack {
  ok: boolean;
  /** What the page may know: what was wrong with its message, or just "not stored". */
  reason?: string;
  /** Why a valid message was not stored (the shopper's settings, a limit): for the extension only. */
  detail?: string;
}

interface From {
  origin: string;
  /** The sending page's path: the store's bills page (the only page that sends plans). */
  billsPath: string | undefined;
}

type Handler<T extends PageMessageType> = (payload: PageMessages[T], from: From) => Promise<WriteResult | undefined>;

const handlers: { [T in PageMessageType]: Handler<T> } = {
  // `hello` only tells the content script to answer `present`; it stores nothing.
  async hello() {
    return undefined;
  },
  plans: ({ plans, store }, { origin, billsPath }) => syncOrigin(origin, plans, { billsPath, name: store }),
  repaid: ({ plan }, { origin, billsPath }) => putPlan(origin, plan, { billsPath }),
  'method-changed': ({ plan }, { origin, billsPath }) => putPlan(origin, plan, { billsPath }),
};

/**
 * The bills path of a page the browser says sent a message, if that page is on `origin`. The bills path is
 * learned, never told: deep links lead only to a path on the plan's own origin that sent its plans.
 */
export function billsPathFrom(senderUrl: string | undefined, origin: string): string | undefined {
  if (!senderUrl) return undefined;
  try {
    const url = new URL(senderUrl);
    return url.origin === origin && isBillsPath(url.pathname) ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** The origin of a content script's page, as the browser reports it: https, or http on loopback. */
export function trustedOrigin(sender: Runtime.MessageSender): string | undefined {
  // Only content scripts run in tabs; extension pages and other extensions are not store pages.
  if (!sender.tab || !sender.url) return undefined;
  // Chrome stamps sender.origin; Firefox gives only sender.url. Both come from the browser, not the page.
  const stamped = (sender as { origin?: string }).origin;
  let fromUrl: string;
  try {
    fromUrl = new URL(sender.url).origin;
  } catch {
    return undefined;
  }
  if (stamped !== undefined && stamped !== fromUrl) return undefined;
  return storeOrigin(fromUrl);
}

/** Handles one message from a page; `changed` says whether anything was written (so the badge is redone). */
export async function handlePageMessage(
  message: unknown,
  sender: Runtime.MessageSender,
): Promise<Ack & { changed?: boolean }> {
  const origin = trustedOrigin(sender);
  if (!origin) return { ok: false, reason: 'not from a store page' };
  const parsed = parsePageMessage(message);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { type, payload } = parsed.value as PageMessage;
  const from = { origin, billsPath: billsPathFrom(sender.url, origin) };
  const result = await (handlers[type] as Handler<typeof type>)(payload as never, from);
  if (!result) return { ok: true };
  if (result.ok) return { ok: true, changed: true };
  // The page learns that its plans were not stored, not why: the shopper's settings (tracking, switches) and the
  // other sites' plans (the total cap) are not the store's business. Its own site's cap is: it is told so.
  return { ok: false, reason: result.toPage ?? 'not stored', detail: result.reason };
}
