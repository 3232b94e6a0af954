/**
 * Localization shared by fenqi's components: each component keeps its own typed message table
 * (`Translations<M>`: a complete English table, which is also the fallback, plus partial tables for the
 * other locales), the language comes from the nearest `lang` attribute (through shadow roots, up to the
 * host page). Money and dates are written by shared/format.ts, as in the extension.
 *
 * @example
 * const messages: Translations<{ title: string; periods: (n: number) => string }> = {
 *   en: { title: 'Bills', periods: (n) => (n === 1 ? '1 month' : `${n} months`) },
 *   'zh-CN': { title: '我的分期', periods: (n) => `${n}期` },
 * };
 * const m = translate(messages, localeOf(element)); // m.periods(12) → "12期" on a zh page
 */
import { pickLocale, type Locale } from '../../shared/format.js';

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

/** The locale an element should speak: its nearest `lang`. */
export function localeOf(el: Element): Locale {
  return pickLocale(nearestLang(el));
}

/** The strings of `locale`, English filling any gap. */
export function translate<M extends object>(table: Translations<M>, locale: Locale): M {
  return locale === 'en' ? table.en : { ...table.en, ...table[locale] };
}
