/**
 * What the extension's own pages (popup, plan page, options) share: requests to the service worker, the
 * shopper's settings and words, and a small element builder.
 */
import { displayText, STORE_NAME_CHARS } from '../../shared/display-text.js';
import type { Locale } from '../../shared/format.js';
import type { RequestName, Requests, Settings } from '../contracts.js';
import { currentMessages } from '../i18n/current.js';
import type { Messages } from '../i18n/messages.js';
import { browser } from '../platform/browser.js';
import { getSettings } from '../storage/settings.js';
import { allSites } from '../storage/sites.js';

export async function ask<K extends RequestName>(request: K, body: Requests[K]['body']): Promise<Requests[K]['reply']> {
  return (await browser.runtime.sendMessage({ request, body })) as Requests[K]['reply'];
}

export interface PageContext {
  settings: Settings;
  locale: Locale;
  t: Messages;
}

/** The shopper's settings and words; sets the document's language to match. */
export async function pageContext(): Promise<PageContext> {
  const settings = await getSettings();
  const { locale, t } = currentMessages(settings);
  document.documentElement.lang = locale;
  return { settings, locale, t };
}

type Child = Node | string | null | undefined | false;

/** A small element builder: text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** The names stores announced (content/store-name.ts), by origin: only stores that announced one. */
export async function storeNames(): Promise<Map<string, string>> {
  return new Map((await allSites()).flatMap((site) => (site.name ? [[site.origin, site.name] as const] : [])));
}

/**
 * Where a plan is from: the store's name as its page announced it, when it did, and under it always the host
 * the browser stamped (the name is the page's say; the host is where the page really was).
 */
export function storeLine(origin: string, name: string | undefined, tag: 'div' | 'p' = 'div'): HTMLElement {
  return el(
    tag,
    { class: 'origin' },
    name ? el('span', { class: 'store-name' }, displayText(name, STORE_NAME_CHARS)) : null,
    name ? ' ' : null,
    el('span', { class: 'host', dir: 'ltr' }, new URL(origin).host),
  );
}
