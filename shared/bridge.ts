/**
 * The page ↔ extension bridge: `window.postMessage` envelopes `{ fenqi: 1, type, payload }`.
 *
 * Page → extension: `hello`, `plans` (the full list the page shows), `repaid`, `method-changed`.
 * Extension → page: `present` and `ack` only — never plan data, never anything about another origin.
 *
 * Everything arriving from a page is untrusted: `parsePageMessage` checks shape, types, lengths and counts
 * and returns either a clean copy (unknown keys dropped) or the first reason it was refused. Every message in
 * a fenqi envelope is acknowledged: `ack` with `ok: false` and that reason when refused (`of` is null when the
 * type itself is unknown).
 *
 * A `plans` message carries a store's whole list in one message: every list the merchant API allows (200 plans
 * of up to 360 installments, every text at its longest, about 10 MB) is under MAX_MESSAGE_BYTES (16 MiB), so
 * the size check refuses only what no store sends; counts and lengths are checked as the parse walks.
 * Plans carry no origin (see shared/plan.ts): the extension stores them under the origin the browser stamped.
 *
 * `plans` may carry `store`, the store's name as its page announces it in its metadata (`<meta
 * name="application-name">`, else `<meta property="og:site_name">`). The extension's content script sets it from
 * the page's document (extension/content/store-name.ts), replacing whatever the page put there; the extension
 * shows it only beside the host the browser stamped, never instead of it.
 */
import { MAX_MESSAGE_BYTES, MAX_PLANS_PER_LIST } from './limits.js';
import { parsePlan, type Plan } from './plan.js';
import { list, oneOf, record, text, uniqueIds } from './checks.js';
import { invalid, parsed, type Parsed } from './validate.js';

export const BRIDGE_VERSION = 1;

export interface PageMessages {
  hello: { widget: 'selector' | 'bill-panel' };
  plans: { plans: Plan[]; store?: string };
  repaid: { plan: Plan };
  'method-changed': { plan: Plan };
}

export interface ExtensionMessages {
  present: { version: number };
  ack: { of: PageMessageType | null; ok: boolean; reason?: string };
}

export type PageMessageType = keyof PageMessages;
export type PageMessage = { [T in PageMessageType]: { fenqi: 1; type: T; payload: PageMessages[T] } }[PageMessageType];
export type ExtensionMessage = {
  [T in keyof ExtensionMessages]: { fenqi: 1; type: T; payload: ExtensionMessages[T] };
}[keyof ExtensionMessages];

/** Wraps a payload in the envelope. */
export function envelope<T extends PageMessageType>(type: T, payload: PageMessages[T]): PageMessage {
  return { fenqi: 1, type, payload } as PageMessage;
}

/** Tells a fenqi envelope from any other message a page posts, without judging its contents. */
export function isFenqiEnvelope(data: unknown): data is { fenqi: unknown; type: unknown; payload: unknown } {
  return typeof data === 'object' && data !== null && (data as { fenqi?: unknown }).fenqi === BRIDGE_VERSION;
}

function payload<T extends PageMessageType>(type: T, value: unknown): PageMessages[T] {
  const o = record(value, 'payload');
  switch (type) {
    case 'hello':
      return { widget: oneOf(o.widget, 'payload.widget', ['selector', 'bill-panel'] as const) } as PageMessages[T];
    case 'plans': {
      const plans = list(o.plans, 'payload.plans', { max: MAX_PLANS_PER_LIST, of: 'plans' });
      return {
        plans: uniqueIds(
          plans.map((p, i) => parsePlan(p, `payload.plans[${i}]`)),
          'payload.plans',
        ),
        ...(o.store === undefined ? {} : { store: text(o.store, 'payload.store') }),
      } as PageMessages[T];
    }
    case 'repaid':
    case 'method-changed':
      return { plan: parsePlan(o.plan, 'payload.plan') } as PageMessages[T];
  }
  return invalid('type', 'unknown message type');
}

const PAGE_TYPES: readonly PageMessageType[] = ['hello', 'plans', 'repaid', 'method-changed'];

/** Whether `value` names a message a page may send. */
export function isPageMessageType(value: unknown): value is PageMessageType {
  return PAGE_TYPES.includes(value as PageMessageType);
}

/** Validates a message a page sent; never throws. */
export function parsePageMessage(data: unknown): Parsed<PageMessage> {
  return parsed(() => {
    if (!isFenqiEnvelope(data)) invalid('fenqi', `expected version ${BRIDGE_VERSION}`);
    let json: string;
    try {
      json = JSON.stringify(data);
    } catch {
      invalid('message', 'not serialisable');
    }
    // UTF-8 bytes ≤ 3 × UTF-16 length, so only long messages need encoding to be measured.
    if (json.length * 3 > MAX_MESSAGE_BYTES && new TextEncoder().encode(json).length > MAX_MESSAGE_BYTES) {
      invalid('message', `larger than ${MAX_MESSAGE_BYTES} bytes`);
    }
    const type = data.type;
    if (!isPageMessageType(type)) invalid('type', 'unknown message type');
    return { fenqi: 1, type, payload: payload(type, data.payload) } as PageMessage;
  }, 'malformed message');
}
