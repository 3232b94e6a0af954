/**
 * The deep link into a store's bills page, `<origin><bills path>#fenqi=repay&plan=<id>` (or `method`): the
 * extension builds it (`flowUrl`), `<fenqi-bill-panel>` reads it (`parseDeepLink`) and opens that flow.
 * The builder leads only to the plan's own origin: a store origin plus a same-origin path.
 */
import { isWellFormedId } from './checks.js';

/** The flows a deep link can open in `<fenqi-bill-panel>`. */
export type Flow = 'repay' | 'method';

export const FLOWS: readonly Flow[] = ['repay', 'method'];

export function isFlow(value: unknown): value is Flow {
  return FLOWS.includes(value as Flow);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The serialised origin of `value` if it is one a store may live on: https, or http on loopback (the demo
 * store and local development). Anything with a path, credentials or another scheme is refused.
 */
export function storeOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const https = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (!https && !loopback) return undefined;
  // `value` must be exactly an origin: "https://a.example/x" or "https://user@a.example" are not.
  return url.origin === value ? url.origin : undefined;
}

/** A path on the store's own origin: absolute, not protocol-relative, no backslashes, no query or hash. */
export function isBillsPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 1024 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !/[\\?#\s]/.test(value)
  );
}

function isPlanId(value: unknown): value is string {
  return isWellFormedId(value);
}

/**
 * `<origin><billsPath>#fenqi=<flow>&plan=<id>`, or undefined when any part would lead anywhere but the plan's
 * own origin.
 */
export function flowUrl(origin: string, billsPath: string, flow: Flow, planId: string): string | undefined {
  if (!storeOrigin(origin) || !isBillsPath(billsPath) || !isFlow(flow) || !isPlanId(planId)) return undefined;
  const url = new URL(billsPath, origin);
  if (url.origin !== origin) return undefined;
  url.hash = `fenqi=${flow}&plan=${encodeURIComponent(planId)}`;
  return url.href;
}

/** The flow and plan a location hash (`#fenqi=repay&plan=ID`) asks for, or null when it asks for none. */
export function parseDeepLink(hash: string): { flow: Flow; planId: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const flow = params.get('fenqi');
  const planId = params.get('plan');
  return isFlow(flow) && isPlanId(planId) ? { flow, planId } : null;
}
