import { expect } from '@open-wc/testing';
import { envelope } from '../../shared/bridge.js';
import { toBackup } from '../../extension/storage/backup.js';
import { allPlans, rowCount, sentReminders } from './storage.js';
import { addDays, localToday } from '../../shared/dates.js';
import { dueReminders } from '../../extension/background/reminders.js';
import { claimNotices } from '../../extension/storage/reminders.js';
import { plansDueBy } from '../../extension/storage/plans.js';
import { setSiteEnabled } from '../../extension/storage/sites.js';
import { allSites } from '../../extension/storage/sites.js';
import { deleteEverything, snapshot } from '../../extension/storage/snapshot.js';
import { getSettings, saveSettings } from '../../extension/storage/settings.js';
import { useDatabase } from '../../extension/storage/schema.js';
import { pageSender, resetStub, stub } from '../helpers/browser-stub.js';
import { OTHER, plan, SHOP } from './fixtures.js';

/** A message through the service worker's own listener, as the browser would deliver it. */
const fromPage = (message: unknown, url = `${SHOP}/bills`) => stub.runtime.onMessage.fire(message, pageSender(url));
const fromExtension = (request: string, body: unknown) =>
  stub.runtime.sendMessage({ request, body }) as Promise<Record<string, unknown>>;

describe('requests from the extension’s own pages', () => {
  before(async () => {
    await useDatabase('fenqi-test-requests');
    await import('../../extension/background/service-worker.js');
  });
  beforeEach(async () => {
    await deleteEverything();
    resetStub();
    await fromExtension('save-settings', { tracking: true });
  });

  it('open the repay and payment-method flows on the plan’s own origin and bills path', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }), `${SHOP}/me/bills?x=1`);
    expect(await fromExtension('open-flow', { origin: SHOP, planId: 'A', flow: 'repay' })).to.deep.equal({
      ok: true,
      url: `${SHOP}/me/bills#fenqi=repay&plan=A`,
    });
    await fromExtension('open-flow', { origin: SHOP, planId: 'A', flow: 'method' });
    expect(stub.state.opened).to.deep.equal([
      `${SHOP}/me/bills#fenqi=repay&plan=A`,
      `${SHOP}/me/bills#fenqi=method&plan=A`,
    ]);
  });

  it('refuse to open anything for a plan that is not stored, or a flow that does not exist', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }));
    for (const body of [
      { origin: OTHER, planId: 'A', flow: 'repay' },
      { origin: SHOP, planId: 'B', flow: 'repay' },
      { origin: SHOP, planId: 'A', flow: 'javascript:alert(1)' },
      { origin: `${SHOP}/`, planId: 'A', flow: 'repay' },
      { url: 'https://evil.example' },
      null,
    ]) {
      expect((await fromExtension('open-flow', body)).ok, JSON.stringify(body)).to.equal(false);
    }
    expect(stub.state.opened).to.deep.equal([]);
  });

  it('are refused when a content script sends them', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }));
    for (const request of ['open-flow', 'delete-all', 'import', 'save-settings', 'set-site']) {
      const reply = await fromPage({ request, body: { origin: SHOP, planId: 'A', flow: 'repay', tracking: false } });
      expect(reply).to.deep.equal({ ok: false, reason: 'not an extension page' });
    }
    expect(stub.state.opened).to.deep.equal([]);
    expect((await allPlans()).length).to.equal(1);
    expect((await getSettings()).tracking).to.equal(true);
  });

  it('check settings before saving them', async () => {
    expect((await fromExtension('save-settings', { reminderDays: [0, 5, 5] })).settings)
      .to.include({ language: 'auto' })
      .and.deep.include({ reminderDays: [5, 0] });
    for (const bad of [
      { reminderDays: [-1] },
      { reminderDays: [1.5] },
      { reminderDays: [31] },
      { language: 'fr' },
      { tracking: 'yes' },
      [],
    ]) {
      expect((await fromExtension('save-settings', bad)).ok, JSON.stringify(bad)).to.equal(false);
    }
    expect((await getSettings()).reminderDays).to.deep.equal([5, 0]);
  });

  it('switch a site off and on', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }));
    expect(await fromExtension('set-site', { origin: SHOP, enabled: false })).to.deep.equal({ ok: true });
    expect(await allPlans()).to.deep.equal([]);
    expect(await allSites()).to.deep.equal([{ origin: SHOP, billsPath: '/bills', enabled: false }]);
    expect((await fromExtension('set-site', { origin: 'http://shop.example', enabled: false })).ok).to.equal(false);
  });

  it('export to JSON and import it back, the same records', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3]), plan('B', [-1], { paid: 0 })], store: '示例商城' }));
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }));
    await fromPage(envelope('plans', { plans: [plan('Z', [9])] }), `${OTHER}/b`);
    const before = await snapshot();
    const file = toBackup(before);
    await fromExtension('delete-all', {});
    expect(await fromExtension('import', { json: file })).to.deep.equal({ ok: true, plans: 3 });
    expect(await snapshot()).to.deep.equal(before);
    // The store's name its page announced travels with its site.
    expect(Object.fromEntries(before.sites.map((s) => [s.origin, s.name]))).to.deep.equal({
      [SHOP]: '示例商城',
      [OTHER]: undefined,
    });
    expect(stub.state.badge.text).to.equal('3d');
  });

  it('import all or nothing: one bad plan and nothing is written', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3]), plan('B', [5])] }));
    const good = JSON.parse(toBackup(await snapshot()));
    await fromExtension('delete-all', {});
    const broken = (change: (file: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return JSON.stringify(copy);
    };
    for (const json of [
      'not json',
      '{}',
      broken((f) => (f.plans[1].installments[0].dueDate = '2025-02-30')),
      broken((f) => (f.plans[1].origin = 'http://evil.example')),
      broken((f) => f.plans.push(f.plans[0])),
      broken((f) => (f.sites[0].billsPath = '//evil.example/')),
      broken((f) => (f.sites = [])),
      broken((f) => (f.sites[0].name = 7)),
      broken((f) => (f.sites[0].name = '')),
      broken((f) => (f.settings.reminderDays = ['3'])),
      broken((f) => (f.version = 2)),
    ]) {
      const reply = await fromExtension('import', { json });
      expect(reply.ok, json.slice(0, 80)).to.equal(false);
      expect(await rowCount()).to.equal(0);
    }
  });

  it('import honours the file’s switches: no plans for a site it switches off, and its stored plans go', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [3])] }));
    await fromPage(envelope('plans', { plans: [plan('Z', [9])] }), `${OTHER}/b`);
    const file = JSON.parse(toBackup(await snapshot()));
    const off = structuredClone(file);
    off.sites.find((s: { origin: string }) => s.origin === SHOP).enabled = false;
    const refused = await fromExtension('import', { json: JSON.stringify(off) });
    expect(refused.ok).to.equal(false);
    expect(refused.reason).to.match(/switched off in this file/);
    expect((await allPlans()).length).to.equal(2);
    // Without the switched-off site's plans the file is taken, and the plans stored for that site go.
    off.plans = off.plans.filter((p: { origin: string }) => p.origin !== SHOP);
    expect(await fromExtension('import', { json: JSON.stringify(off) })).to.deep.equal({ ok: true, plans: 1 });
    expect((await allPlans()).map((p) => [p.origin, p.id])).to.deep.equal([[OTHER, 'Z']]);
    expect(((await fromPage(envelope('plans', { plans: [plan('A', [3])] }))) as { ok: boolean }).ok).to.equal(false);
  });

  it('delete all: 0 rows, 0 alarms, no notifications, blank badge, tracking off', async () => {
    await fromPage(envelope('plans', { plans: [plan('A', [0]), plan('B', [3])] }));
    expect(stub.state.notifications.size).to.equal(1);
    expect(stub.state.alarms.size).to.equal(2);
    expect(await rowCount()).to.be.greaterThan(0);
    expect(await fromExtension('delete-all', {})).to.deep.equal({ ok: true });
    expect(await rowCount()).to.equal(0);
    expect(stub.state.alarms.size).to.equal(0);
    expect(stub.state.notifications.size).to.equal(0);
    expect(stub.state.badge.text).to.equal('');
    // A later service-worker start recreates no alarm, because tracking is off again.
    await stub.runtime.onStartup.fire();
    await saveSettings({});
    expect(stub.state.alarms.size).to.equal(0);
  });

  it('delete all racing an announcement leaves nothing behind, whichever lands first (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      await saveSettings({ tracking: true });
      await fromPage(envelope('plans', { plans: [plan('A', [0]), plan('B', [-1])] }));
      // The announcement (store, badge, reminders) and "delete everything" run interleaved, started in either order.
      const announce = () => fromPage(envelope('plans', { plans: [plan('A', [0]), plan('C', [-2])] }));
      const wipe = () => fromExtension('delete-all', {});
      await Promise.all(round % 2 ? [announce(), wipe()] : [wipe(), announce()]);
      expect(await rowCount(), `round ${round}`).to.equal(0);
      expect(stub.state.notifications.size, `round ${round}`).to.equal(0);
    }
  });

  it('switching a site off racing its announcement leaves none of its plans or reminders (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      await fromExtension('set-site', { origin: SHOP, enabled: true });
      await fromPage(envelope('plans', { plans: [plan('A', [0])] }));
      const announce = () => fromPage(envelope('plans', { plans: [plan('A', [0]), plan('C', [-2])] }));
      const off = () => fromExtension('set-site', { origin: SHOP, enabled: false });
      await Promise.all(round % 2 ? [announce(), off()] : [off(), announce()]);
      expect(await allPlans(), `round ${round}`).to.deep.equal([]);
      expect(
        (await sentReminders()).filter((r) => r.origin === SHOP),
        `round ${round}`,
      ).to.deep.equal([]);
      expect(stub.state.notifications.size, `round ${round}`).to.equal(0);
    }
  });

  it('claims no reminder read before a delete-all or a switch-off that landed before the claim', async () => {
    // The race in slow motion: reminders worked out from plans read before the delete, claimed after it.
    const today = localToday();
    const candidates = async () => dueReminders(await plansDueBy(addDays(today, 3)), today, [3, 0]);
    await saveSettings({ reminderDays: [] }); // nothing claimed by the announcements themselves
    await fromPage(envelope('plans', { plans: [plan('A', [0]), plan('B', [-1])] }));
    await fromPage(envelope('plans', { plans: [plan('Z', [0])] }), `${OTHER}/b`);
    await saveSettings({ reminderDays: [3, 0] });
    let due = await candidates();
    expect(due.length).to.equal(3);
    await setSiteEnabled(SHOP, false);
    expect((await claimNotices(due, today)).map((n) => n.site)).to.deep.equal([OTHER]);
    expect((await sentReminders()).map((r) => r.origin)).to.deep.equal([OTHER]);
    await setSiteEnabled(SHOP, true);
    await fromPage(envelope('plans', { plans: [plan('A', [0])] }));
    due = await candidates();
    await deleteEverything();
    await saveSettings({ tracking: true });
    expect(await claimNotices(due, addDays(today, 1))).to.deep.equal([]);
    expect(await sentReminders()).to.deep.equal([]);
  });

  it('open the welcome screen on first install only', async () => {
    await stub.runtime.onInstalled.fire({ reason: 'install' });
    await stub.runtime.onInstalled.fire({ reason: 'update' });
    expect(stub.state.opened).to.deep.equal([stub.runtime.getURL('options.html#welcome')]);
  });
});
