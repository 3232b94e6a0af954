/**
 * The extension's own contracts, at the bottom of its import order (see docs/architecture.md): the shopper's
 * settings with their check, and the requests the extension's pages send the service worker with their
 * replies. Pages (`ui/page.ts` `ask`) and the worker (`background/requests.ts`) both import them from here.
 * What pages and the worker say about plans is in shared/ (the bridge, the plan, the deep link).
 */
import { bool, list, oneOf, record } from '../shared/checks.js';
import type { Flow } from '../shared/deep-link.js';
import type { Locale } from '../shared/format.js';
import { invalid } from '../shared/validate.js';

export type Language = 'auto' | Locale;

export const LANGUAGES: readonly Language[] = ['auto', 'en', 'zh-CN'];

export interface Settings {
  /** Nothing is stored until the shopper turns tracking on. */
  tracking: boolean;
  /** Reminders, in days before the due date (0 = on the day), largest first. Empty: no reminders. */
  reminderDays: number[];
  /** The language of the extension's pages, badge title and notifications; 'auto' follows the browser. */
  language: Language;
}

export const DEFAULT_SETTINGS: Settings = { tracking: false, reminderDays: [3, 0], language: 'auto' };

/** Reminder offsets a shopper may choose: up to this many, each up to this many days before the due date. */
export const MAX_REMINDERS = 4;
export const MAX_REMINDER_DAYS = 30;

/**
 * A change to the settings, as the options page sends it (`save-settings`) or a backup file holds it: only
 * the known fields, reminder days deduplicated and largest first. Throws a `FenqiInputError` naming the field.
 */
export function checkSettings(value: unknown, path = 'settings'): Partial<Settings> {
  const o = record(value, path);
  const out: Partial<Settings> = {};
  if ('tracking' in o) out.tracking = bool(o.tracking, `${path}.tracking`);
  if ('reminderDays' in o) {
    const days = list(o.reminderDays, `${path}.reminderDays`);
    const isDay = (d: unknown) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= MAX_REMINDER_DAYS;
    if (days.length > MAX_REMINDERS || !days.every(isDay)) {
      invalid(
        `${path}.reminderDays`,
        `expected up to ${MAX_REMINDERS} whole numbers of days from 0 to ${MAX_REMINDER_DAYS}`,
      );
    }
    out.reminderDays = [...new Set(days as number[])].sort((a, b) => b - a);
  }
  if ('language' in o) out.language = oneOf(o.language, `${path}.language`, LANGUAGES);
  return out;
}

/** A request either worked or says why not. */
export type Reply = { ok: true } | { ok: false; reason: string };

/** The store tab a flow was opened in, or why none was. */
export type Opened = { ok: true; url: string } | { ok: false; reason: string };

/** The requests the extension's own pages send the service worker: one name, one body, one reply each. */
export interface Requests {
  'save-settings': { body: Partial<Settings>; reply: { ok: true; settings: Settings } | { ok: false; reason: string } };
  'set-site': { body: { origin: string; enabled: boolean }; reply: Reply };
  'open-flow': { body: { origin: string; planId: string; flow: Flow }; reply: Opened };
  import: { body: { json: string }; reply: { ok: true; plans: number } | { ok: false; reason: string } };
  'delete-all': { body: Record<string, never>; reply: Reply };
}

export type RequestName = keyof Requests;

/** The BroadcastChannel on which the service worker says a store's plans (and so maybe its site) were written. */
export const CHANGED_CHANNEL = 'fenqi-changed';
