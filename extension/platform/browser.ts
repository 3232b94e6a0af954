// The one file that imports webextension-polyfill: Chrome ≥ 148 ships `browser` natively, so dropping the
// polyfill later is a one-line change here. Everything else imports `browser` from this module.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Alarms, Action } from 'webextension-polyfill';
