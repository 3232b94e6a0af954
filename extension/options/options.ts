/**
 * The options page, also the first-run screen (`options.html#welcome`): the tracking switch (nothing is
 * stored until it is on), reminder days, language, one switch per site, export, import and delete all.
 */
import { localToday } from '../../shared/dates.js';
import { displayText, STORE_NAME_CHARS } from '../../shared/display-text.js';
import type { Messages } from '../i18n/messages.js';
import { ask, el, pageContext } from '../ui/page.js';
import { toBackup } from '../storage/backup.js';
import { allSites } from '../storage/sites.js';
import { snapshot } from '../storage/snapshot.js';
import { CHANGED_CHANNEL, MAX_REMINDER_DAYS, type Settings } from '../contracts.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const tracking = $<HTMLInputElement>('#tracking');
const before = $<HTMLInputElement>('#remind-before');
const onDay = $<HTMLInputElement>('#remind-on-day');
const language = $<HTMLSelectElement>('#language');
const status = $('#status');
let t: Messages;

async function render(): Promise<void> {
  const context = await pageContext();
  t = context.t;
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const text = t[node.dataset.t as keyof Messages];
    if (typeof text === 'string') node.textContent = text;
  }
  show(context.settings);
  $('#welcome').hidden = location.hash !== '#welcome';
  await renderSites();
  document.body.dataset.ready = 'true';
}

/** The Sites list, redrawn when the service worker says a store's plans were stored (a new store appears). */
async function renderSites(): Promise<void> {
  const sites = await allSites();
  $('#sites').replaceChildren(
    ...(sites.length === 0
      ? [el('li', { class: 'help' }, t.noSites)]
      : sites.map((site) => {
          const box = el('input', { type: 'checkbox', 'data-origin': site.origin });
          box.checked = site.enabled;
          box.addEventListener('change', async () => {
            await ask('set-site', { origin: site.origin, enabled: box.checked });
            status.textContent = t.saved;
          });
          // "记录 fenqi 演示商城" over its origin when the store announced its name; else "记录 https://…".
          const name = site.name && displayText(site.name, STORE_NAME_CHARS);
          return el(
            'li',
            {},
            el(
              'label',
              { class: 'check' },
              box,
              ' ',
              el(
                'span',
                { class: 'site' },
                t.siteOn(name || site.origin),
                name ? el('span', { class: 'host', dir: 'ltr' }, site.origin) : null,
              ),
            ),
          );
        })),
  );
  $('#sites').dataset.sites = String(sites.length);
}

new BroadcastChannel(CHANGED_CHANNEL).addEventListener('message', () => void renderSites());

function show(settings: Settings): void {
  tracking.checked = settings.tracking;
  before.value = String(settings.reminderDays.find((d) => d > 0) ?? 0);
  onDay.checked = settings.reminderDays.includes(0);
  language.value = settings.language;
  document.body.dataset.tracking = String(settings.tracking);
}

let saves = 0;

async function save(change: Partial<Settings>): Promise<void> {
  const mine = ++saves;
  const reply = await ask('save-settings', change);
  // A later change is already on its way: showing this older reply would undo what the shopper just did.
  if (mine !== saves) return;
  if (reply.ok) {
    show(reply.settings);
    status.textContent = t.saved;
  } else {
    // The worker's reason is for developers; the shopper reads a sentence in their own language.
    console.error('fenqi: settings not saved:', reply.reason);
    status.textContent = t.saveFailed;
  }
}

tracking.addEventListener('change', () => void save({ tracking: tracking.checked }));
const saveDays = () => {
  const days = Number(before.value);
  if (!Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS) return;
  void save({ reminderDays: [...(days > 0 ? [days] : []), ...(onDay.checked ? [0] : [])] });
};
before.addEventListener('change', saveDays);
onDay.addEventListener('change', saveDays);
language.addEventListener('change', async () => {
  await save({ language: language.value as Settings['language'] });
  await render();
});

$('#export').addEventListener('click', async () => {
  const data = await snapshot();
  const blob = new Blob([toBackup(data)], { type: 'application/json' });
  const link = el('a', { href: URL.createObjectURL(blob), download: `fenqi-${localToday()}.json` });
  link.click();
  URL.revokeObjectURL(link.href);
  status.textContent = t.exported(data.plans.length, new Set(data.plans.map((p) => p.origin)).size);
});

$<HTMLInputElement>('#import').addEventListener('change', async (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const reply = await ask('import', { json: await file.text() });
  input.value = '';
  status.textContent = reply.ok ? t.imported(reply.plans) : t.importFailed(reply.reason);
  if (reply.ok) await render();
});

$('#delete-all').addEventListener('click', async () => {
  if (!confirm(t.deleteConfirm)) return;
  await ask('delete-all', {});
  await render();
  status.textContent = t.deleted;
});

await render();
