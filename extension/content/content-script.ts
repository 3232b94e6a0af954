/**
 * Runs on https pages and localhost. It does nothing until the page posts a fenqi envelope from its own
 * window; then it checks the message (to a `plans` message it adds the store's name from the page's metadata,
 * store-name.ts) and forwards it to the service worker, which stamps the origin.
 * It answers the page with `present` and acknowledgements only (one for every fenqi message, a refusal with
 * its reason): never plan data.
 */
import {
  BRIDGE_VERSION,
  isFenqiEnvelope,
  isPageMessageType,
  parsePageMessage,
  type ExtensionMessage,
  type PageMessageType,
} from '../../shared/bridge.js';
import { browser } from '../platform/browser.js';
import { deliver } from './deliver.js';
import { announcedStoreName } from './store-name.js';

function reply(message: ExtensionMessage): void {
  window.postMessage(message, window.location.origin);
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the page's own window may talk to us: not frames, not other tabs, not our own replies.
  if (event.source !== window || event.origin !== window.location.origin || !isFenqiEnvelope(event.data)) return;
  const parsed = parsePageMessage(event.data);
  // A refusal says what was wrong; it stays in this tab (nothing reaches the service worker).
  if (!parsed.ok) return reply(ackFor(isPageMessageType(event.data.type) ? event.data.type : null, parsed));
  const message = parsed.value;
  const { type } = message;
  if (type === 'hello') reply({ fenqi: 1, type: 'present', payload: { version: BRIDGE_VERSION } });
  // A store's plans go with its name as the page's metadata announces it, not as the message says.
  if (message.type === 'plans') {
    const { store: _said, ...rest } = message.payload;
    const store = announcedStoreName(document);
    message.payload = store ? { ...rest, store } : rest;
  }
  // Sent again if the background was stopping and refused it undelivered (deliver.ts).
  deliver(() => browser.runtime.sendMessage(message))
    .then((ack) => reply(ackFor(type, ack as { ok: boolean; reason?: string })))
    .catch(() => reply(ackFor(type, { ok: false, reason: 'extension unavailable' })));
});

function ackFor(of: PageMessageType | null, ack: { ok: boolean; reason?: string }): ExtensionMessage {
  return {
    fenqi: 1,
    type: 'ack',
    payload: { of, ok: ack.ok === true, ...(ack.reason ? { reason: String(ack.reason) } : {}) },
  };
}

// The service worker asks each tab where it is, to reuse a store's open bills page for Repay instead of opening
// another (it has no "tabs" permission to read tabs' URLs). Only this extension can ask; the answer is the
// page's real location, which the page cannot change for this isolated world.
browser.runtime.onMessage.addListener((message: unknown) =>
  (message as { fenqi?: unknown } | null)?.fenqi === 'where'
    ? Promise.resolve({ origin: location.origin, path: location.pathname })
    : undefined,
);
