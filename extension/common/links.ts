/**
 * Which origins count as stores, and the only URLs the extension ever opens: a plan's own origin plus a
 * same-origin bills path, with the deep-link hash the bill panel understands. Pure functions, no browser API.
 *
 * The bills path is learned, never told: it is the path of the page whose content script sent the plans
 * (`sender.url`, stamped by the browser), kept only when that URL has the plan's own origin.
 */

/** The flows a deep link can open in `<fenqi-bill-panel>`. */
export type Flow = 'repay' | 'method';

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

/** The bills path of a page the browser says sent a message, if that page is on `origin`. */
export function billsPathFrom(senderUrl: string | undefined, origin: string): string | undefined {
  if (!senderUrl) return undefined;
  try {
    const url = new URL(senderUrl);
    return url.origin === origin && isBillsPath(url.pathname) ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `https://<origin><billsPath>#fenqi=<flow>&plan=<id>`, or undefined when any part would lead anywhere
 * but the plan's own origin.
 */
export function flowUrl(origin: string, billsPath: string, flow: Flow, planId: string): string | undefined {
  if (!storeOrigin(origin) || !isBillsPath(billsPath) || (flow !== 'repay' && flow !== 'method')) return undefined;
  if (typeof planId !== 'string' || planId.length === 0 || planId.length > 64) return undefined;
  const url = new URL(billsPath, origin);
  if (url.origin !== origin) return undefined;
  url.hash = `fenqi=${flow}&plan=${encodeURIComponent(planId)}`;
  return url.href;
}
