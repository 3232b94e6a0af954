// The one file that imports webextension-polyfill: Chrome ≥ 148 ships `browser` natively, so dropping the
// polyfill later is a one-line change here. Everything else imports `browser` from this module.
// Unit tests swap this import for test/helpers/browser-stub.ts (see web-test-runner.config.mjs).
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Alarms, Action, Notifications, Tabs } from 'webextension-polyfill';
