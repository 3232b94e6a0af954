/**
 * The service worker wakes for a message, an alarm or a browser start, does its work from IndexedDB
 * and goes back to sleep: it keeps no state in memory between events. Listeners are registered
 * synchronously at the top level, as MV3 requires for the worker to be woken by them.
 */
import { browser, type Runtime } from '../platform/browser.js';
import { refreshBadge } from './badge.js';
import { handlePageMessage } from './messages.js';
import { getSettings, saveSettings } from '../storage/db.js';

const MIDNIGHT_ALARM = 'fenqi-midnight';

/** Schedules the next badge refresh for the shopper's next local midnight. */
function scheduleMidnight(now = new Date()): void {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
  void browser.alarms.create(MIDNIGHT_ALARM, { when: next.getTime() });
}

/** Messages from the extension's own pages (options, popup): identified by having no tab and our id. */
type OwnMessage = { own: 'get-settings' } | { own: 'set-tracking'; tracking: boolean };

function isOwnPage(sender: { id?: string; url?: string; tab?: unknown }): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL(''));
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (isOwnPage(sender) && typeof message === 'object' && message !== null && 'own' in message) {
    const own = message as OwnMessage;
    if (own.own === 'get-settings') return getSettings();
    if (own.own === 'set-tracking') return saveSettings({ tracking: own.tracking === true });
    return Promise.resolve({ ok: false, reason: 'unknown request' });
  }
  return handlePageMessage(message, sender).catch(() => ({ ok: false, reason: 'could not store' }));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === MIDNIGHT_ALARM) {
    scheduleMidnight();
    void refreshBadge();
  }
});

browser.runtime.onInstalled.addListener(() => void refreshBadge());
browser.runtime.onStartup.addListener(() => void refreshBadge());

// Alarms do not survive every browser restart or update: recreate on every wake-up.
scheduleMidnight();
