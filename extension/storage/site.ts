/**
 * What a site is, and how much one site and all of them together may store.
 *
 * A site is a scheme and a registrable domain (eTLD+1, from the Public Suffix List as the `tldts` package
 * ships it, private section included, so `a.myshopify.com` and `b.myshopify.com` are two sites):
 * `https://m.shop.example:8443` and `https://shop.example` are one site, `https://shop.example`. Ports and
 * subdomains are folded because a page can move itself to any of them; a registrable domain costs money.
 * Loopback stores (`http://127.0.0.1:PORT`, `http://localhost:PORT`) are one site per host name.
 *
 * Plans stay filed under their origin (that is where the deep link leads); the caps, the per-store reminder
 * and a site switched off for going over its cap count by site. The PSL lives in the extension, not in
 * shared/: only the extension needs it, and shared/ imports nothing from outside.
 */
import { getDomain } from 'tldts';

/** Plans one site may keep, archived ones included. A store lists at most MAX_PLANS_PER_LIST (200) at once. */
export const MAX_PLANS_PER_SITE = 1000;

/** Plans the extension keeps in all (about 18 MB of IndexedDB at 12 installments each, see docs/extension.md). */
export const MAX_PLANS = 10_000;

/** The site of a store origin (`https://shop.example`), or the origin itself when it has no registrable domain. */
export function siteOf(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return origin;
  }
  // IP addresses and single-label hosts (localhost) have no registrable domain: they are their own site.
  const domain = getDomain(url.hostname, { allowPrivateDomains: true }) ?? url.hostname;
  return `${url.protocol}//${domain}`;
}
