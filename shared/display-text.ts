/**
 * Text a web page gave (a product name, an order id, a provider's name), made fit to be shown beside text
 * fenqi vouches for: the store's host as the browser stamped it, an amount, a date. The extension shows every
 * page-given string through `displayText`, in its popup, plan page, badge tooltip and notifications, so that
 * none can pose as something else:
 * - bidirectional controls (U+202A–202E embeddings and overrides, U+2066–2069 isolates, U+200E/200F marks,
 *   U+061C) are removed: `moc.yapila` stays `moc.yapila` instead of reading as `alipay.com`;
 * - zero-width and other invisible characters (every default-ignorable code point: U+200B–200D, U+2060,
 *   U+FEFF, U+3164 …) are removed: two strings that look the same are the same;
 * - line breaks, tabs and other control characters become spaces and runs of spaces one space, so a name
 *   cannot push the store's host out of a notification;
 * - a lone surrogate becomes U+FFFD, more than three combining marks on one letter are dropped (text that
 *   spills over the lines around it), and the result is at most `max` characters, ending in "…" when cut.
 * Pure and total: any value gives a string, which is `fallback` when nothing visible is left.
 */

/** The longest page-given text the extension shows, in characters (code points). */
export const MAX_DISPLAY_CHARS = 80;

/** The longest store name shown (extension/content/store-name.ts): a name, not a slogan; its host is shown under it. */
export const STORE_NAME_CHARS = 40;

const LONE_SURROGATE = /\p{Cs}/gu;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}\s]+/gu;
const STACKED_MARKS = /(\p{M}{3})\p{M}+/gu;

export function displayText(value: unknown, max = MAX_DISPLAY_CHARS, fallback = '…'): string {
  if (typeof value !== 'string') return fallback;
  const clean = value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, '')
    .replace(BREAKS, ' ')
    .replace(STACKED_MARKS, '$1')
    .trim();
  if (clean === '') return fallback;
  const chars = Array.from(clean);
  return chars.length <= max
    ? clean
    : chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd() + '…';
}
