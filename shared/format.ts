/**
 * Everything fenqi writes for people, in the widget and the extension alike: the locale, money for the eye
 * and for the ear, calendar dates. All through `Intl`, each formatter made once per locale and reused.
 */
import type { Fen, IsoDate } from './plan.js';

/** The locales fenqi ships strings for. Any other language falls back to English. */
export type Locale = 'en' | 'zh-CN';

/** The fenqi locale for a BCP 47 tag: any Chinese (`zh`, `zh-Hans-CN`, `zh-TW`) → zh-CN, else English. */
export function pickLocale(lang: string): Locale {
  return /^zh(-|$)/i.test(lang) ? 'zh-CN' : 'en';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** The currency formatter of a locale, made once: `narrowSymbol` for the eye, `name` for the ear. */
function moneyFormat(locale: string, currency: string, display: 'narrowSymbol' | 'name'): Intl.NumberFormat {
  const key = `${locale}|${currency}|${display}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(key, nf);
  }
  return nf;
}

/**
 * Money for the eye: `formatFen(599900, 'zh-CN')` and `formatFen(599900, 'en')` both give `¥5,999.00`
 * (narrow symbol, so English does not say "CN¥").
 */
export function formatFen(fen: Fen, locale: string = 'zh-CN', currency = 'CNY'): string {
  // fen / 100 is the double nearest the exact yuan value; below 2^53 it always formats to the right cents.
  return moneyFormat(locale, currency, 'narrowSymbol').format(fen / 100);
}

/**
 * Money for the ear: `5,999.00人民币`, `5,999.00 Chinese yuan`. Screen readers say "¥" as "yen", so the
 * accessible names of amounts use the currency's name.
 */
export function spokenMoney(fen: Fen, locale: Locale, currency = 'CNY'): string {
  return moneyFormat(locale, currency, 'name').format(fen / 100);
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
