/** The locale the shopper chose, or the browser's: for the service worker and the extension's pages. */
import { browser } from '../platform/browser.js';
import type { Settings } from '../contracts.js';
import type { Locale } from '../../shared/format.js';
import { localeFor, messages, type Messages } from './messages.js';

export function currentLocale(settings: Pick<Settings, 'language'>): Locale {
  return localeFor(settings.language, browser.i18n.getUILanguage());
}

export function currentMessages(settings: Pick<Settings, 'language'>): { locale: Locale; t: Messages } {
  const locale = currentLocale(settings);
  return { locale, t: messages(locale) };
}
