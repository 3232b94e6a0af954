/**
 * Localization shared by fenqi's components: each component keeps its own typed message table
 * (`Translations<M>`: a complete English table, which is also the fallback, plus partial tables for the
 * other locales), the language comes from the nearest `lang` attribute (through shadow roots, up to the
 * host page), and every amount and date is formatted through `Intl`.
 *
 * @example
 * const messages: Translations<{ title: string; periods: (n: number) => string }> = {
 *   en: { title: 'Bills', periods: (n) => (n === 1 ? '1 month' : `${n} months`) },
 *   'zh-CN': { title: '我的分期', periods: (n) => `${n}期` },
 * };
 * const m = translate(messages, localeOf(element)); // m.periods(12) → "12期" on a zh page
 */
import { formatFen } from '../../shared/money.js';
import type { Fen, IsoDate } from '../../shared/plan.js';

/** The locales fenqi ships strings for. Any other language falls back to English. */
export type Locale = 'en' | 'zh-CN';

/** A component's strings: `en` is complete (and the fallback); other locales may leave strings out. */
export type Translations<M extends object> = { en: M } & { [L in Exclude<Locale, 'en'>]: Partial<M> };

/** The value of the nearest `lang` attribute of `el` or an ancestor, crossing shadow roots; "" if none. */
export function nearestLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    const lang = (node as Element).getAttribute?.('lang');
    if (lang != null) return lang;
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return '';
}

/** The fenqi locale for a BCP 47 tag: any Chinese (`zh`, `zh-Hans-CN`, `zh-TW`) → zh-CN, else English. */
export function pickLocale(lang: string): Locale {
  return /^zh(-|$)/i.test(lang) ? 'zh-CN' : 'en';
}

/** The locale an element should speak: its nearest `lang`. */
export function localeOf(el: Element): Locale {
  return pickLocale(nearestLang(el));
}

/** The strings of `locale`, English filling any gap. */
export function translate<M extends object>(table: Translations<M>, locale: Locale): M {
  return locale === 'en' ? table.en : { ...table.en, ...table[locale] };
}

/** Money for the eye: `¥5,999.00` (narrow symbol). */
export const money = (fen: Fen, locale: Locale, currency: string): string => formatFen(fen, locale, currency);

const spokenFormats = new Map<string, Intl.NumberFormat>();

/**
 * Money for the ear: `5,999.00人民币`, `5,999.00 Chinese yuan`. Screen readers say "¥" as "yen", so the
 * accessible names of amounts use the currency's name.
 */
export function spokenMoney(fen: Fen, locale: Locale, currency: string): string {
  const key = locale + currency;
  let nf = spokenFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'name',
      minimumFractionDigits: 2,
    });
    spokenFormats.set(key, nf);
  }
  return nf.format(fen / 100);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date for people (`2024年2月29日`, `Feb 29, 2024`). Formatted in UTC so no zone moves the day.
 * Given `today`, a date in today's year is written short, as stores do where space is short (`2月29日`, `Feb 29`).
 */
export function formatDate(date: IsoDate, locale: Locale, today?: IsoDate): string {
  const short = today?.slice(0, 4) === date.slice(0, 4);
  let df = dateFormats.get(locale + short);
  if (!df) {
    df = new Intl.DateTimeFormat(
      locale,
      short ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' },
    );
    dateFormats.set(locale + short, df);
  }
  return df.format(Date.parse(date + 'T00:00Z'));
}
