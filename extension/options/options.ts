/** The options page: for now the tracking switch that must be on before anything is stored. */
import { browser } from '../platform/browser.js';
import type { Settings } from '../storage/db.js';

for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
  el.textContent = browser.i18n.getMessage(el.dataset.i18n!);
}

const tracking = document.querySelector<HTMLInputElement>('#tracking')!;
const settings = (await browser.runtime.sendMessage({ own: 'get-settings' })) as Settings;
tracking.checked = settings.tracking;
tracking.addEventListener('change', async () => {
  const saved = (await browser.runtime.sendMessage({ own: 'set-tracking', tracking: tracking.checked })) as Settings;
  tracking.checked = saved.tracking;
  document.body.dataset.saved = String(saved.tracking);
});
