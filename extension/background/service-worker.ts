/**
 * The service worker wakes for a message, an alarm, a notification click or a browser start, does its work
 * from IndexedDB and goes back to sleep: it keeps no state in memory between events. Listeners are
 * registered synchronously at the top level, as MV3 requires for the worker to be woken by them.
 */
import { browser, type Runtime } from '../platform/browser.js';
import { handlePageMessage } from './messages.js';
import { handleRequest, isRequest } from './requests.js';
import { onNotificationClicked } from './reminders.js';
import { ensureAlarms, onAlarm, refreshAll } from './alarms.js';
import { CHANGED_CHANNEL } from '../contracts.js';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (isRequest(message)) return handleRequest(message, sender).catch(() => ({ ok: false, reason: 'failed' }));
  return handlePageMessage(message, sender)
    .then(async ({ changed, ...ack }) => {
      if (changed) {
        await refreshAll();
        // An open options page redraws its Sites list (a store may be new): it cannot watch IndexedDB itself.
        new BroadcastChannel(CHANGED_CHANNEL).postMessage('plans');
      }
      return ack;
    })
    .catch(() => ({ ok: false, reason: 'could not store' }));
});

// The browser ignores what these listeners return; the promise tells a test when the event was handled
// (Chromium's `onAlarm.dispatch()` hands back the listeners' results).
browser.alarms.onAlarm.addListener((alarm) => onAlarm(alarm));

browser.notifications.onClicked.addListener((id) => onNotificationClicked(id));

browser.runtime.onInstalled.addListener(({ reason }) => {
  // First run: the welcome screen, where the shopper decides whether anything is stored at all.
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('options.html#welcome') });
  void refreshAll();
});

browser.runtime.onStartup.addListener(() => void refreshAll());

// Every start (install, update, browser start, wake-up after idle): alarms may be gone, so recreate them.
void ensureAlarms();
