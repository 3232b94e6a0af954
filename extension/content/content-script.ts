/**
 * Runs on https pages and localhost. It does nothing until the page posts a fenqi envelope from its own
 * window; then it checks the message and forwards it to the service worker, which stamps the origin.
 * It answers the page with `present` and acknowledgements only: never plan data.
 */
import {
  BRIDGE_VERSION,
  isFenqiEnvelope,
  parsePageMessage,
  type ExtensionMessage,
  type PageMessageType,
} from '../../shared/bridge.js';
import { browser } from '../platform/browser.js';

function reply(message: ExtensionMessage): void {
  window.postMessage(message, window.location.origin);
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the page's own window may talk to us: not frames, not other tabs, not our own replies.
  if (event.source !== window || event.origin !== window.location.origin || !isFenqiEnvelope(event.data)) return;
  const parsed = parsePageMessage(event.data);
  if (!parsed.ok) return;
  const { type } = parsed.value;
  if (type === 'hello') reply({ fenqi: 1, type: 'present', payload: { version: BRIDGE_VERSION } });
  browser.runtime
    .sendMessage(parsed.value)
    .then((ack) => reply(ackFor(type, ack as { ok: boolean; reason?: string })))
    .catch(() => reply(ackFor(type, { ok: false, reason: 'extension unavailable' })));
});

function ackFor(of: PageMessageType, ack: { ok: boolean; reason?: string }): ExtensionMessage {
  return {
    fenqi: 1,
    type: 'ack',
    payload: { of, ok: ack.ok === true, ...(ack.reason ? { reason: String(ack.reason) } : {}) },
  };
}
