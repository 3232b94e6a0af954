import { expect } from '@open-wc/testing';
import { envelope } from '../../shared/bridge.js';
import { handlePageMessage } from '../../extension/background/messages.js';
import { allPlans } from './storage.js';
import { deleteEverything } from '../../extension/storage/snapshot.js';
import { getPlan, MAX_PLANS_PER_ORIGIN } from '../../extension/storage/plans.js';
import { getSite, setSiteEnabled } from '../../extension/storage/sites.js';
import { saveSettings } from '../../extension/storage/settings.js';
import { useDatabase } from '../../extension/storage/schema.js';
import { ownPageSender, pageSender, resetStub } from '../helpers/browser-stub.js';
import { OTHER, plan, SHOP } from './fixtures.js';

const fromShop = pageSender(`${SHOP}/account/bills?session=abc#top`);
const fromOther = pageSender(`${OTHER}/bills`);

describe('syncing the plans a store page announces', () => {
  before(() => useDatabase('fenqi-test-sync'));
  beforeEach(async () => {
    await deleteEverything();
    resetStub();
    await saveSettings({ tracking: true });
  });

  it('stores nothing while tracking is off, and tells the page only that', async () => {
    await saveSettings({ tracking: false });
    const ack = await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop);
    expect(ack).to.deep.equal({ ok: false, reason: 'not stored', detail: 'tracking is off' });
    expect(await allPlans()).to.deep.equal([]);
    expect(await getSite(SHOP)).to.equal(undefined);
  });

  it('upserts under the origin the browser stamped, and learns the bills path from the sender URL', async () => {
    const ack = await handlePageMessage(
      envelope('plans', { plans: [plan('A', [5, 35]), plan('B', [-2, 28])] }),
      fromShop,
    );
    expect(ack).to.deep.equal({ ok: true, changed: true });
    const stored = await allPlans();
    expect(stored.map((p) => [p.origin, p.id, p.archived])).to.deep.equal([
      [SHOP, 'A', false],
      [SHOP, 'B', false],
    ]);
    expect(await getSite(SHOP)).to.deep.equal({ origin: SHOP, billsPath: '/account/bills', enabled: true });
    // A later announcement replaces the copy.
    await handlePageMessage(
      envelope('plans', { plans: [plan('A', [5, 35], { paid: 1 }), plan('B', [-2, 28])] }),
      fromShop,
    );
    expect((await getPlan(SHOP, 'A'))!.installments[0]!.paid).to.equal(10_500);
    expect((await getPlan(SHOP, 'A'))!.nextDue).to.equal(plan('A', [5, 35]).installments[1]!.dueDate);
  });

  it('archives plans the store no longer lists, never deletes them, and revives them when listed again', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5]), plan('B', [9])] }), fromShop);
    await handlePageMessage(envelope('plans', { plans: [plan('B', [9])] }), fromShop);
    expect((await getPlan(SHOP, 'A'))!.archived).to.equal(true);
    await handlePageMessage(envelope('plans', { plans: [] }), fromShop);
    expect((await allPlans()).map((p) => [p.id, p.archived])).to.deep.equal([
      ['A', true],
      ['B', true],
    ]);
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop);
    expect((await getPlan(SHOP, 'A'))!.archived).to.equal(false);
  });

  it('keeps origins apart: the same plan id from another origin is another plan', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5], { product: 'shop phone' })] }), fromShop);
    await handlePageMessage(envelope('plans', { plans: [plan('A', [1], { product: 'other phone' })] }), fromOther);
    await handlePageMessage(envelope('plans', { plans: [] }), fromOther);
    await handlePageMessage(
      envelope('repaid', { plan: plan('A', [1], { paid: 1, product: 'other phone' }) }),
      fromOther,
    );
    const shopCopy = (await getPlan(SHOP, 'A'))!;
    expect(shopCopy.product).to.equal('shop phone');
    expect(shopCopy.archived).to.equal(false);
    expect(shopCopy.installments[0]!.paid).to.equal(0);
  });

  it('takes a repayment or method change as an upsert of that one plan', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [-1, 29])] }), fromShop);
    await handlePageMessage(envelope('repaid', { plan: plan('A', [-1, 29], { paid: 1 }) }), fromShop);
    expect((await getPlan(SHOP, 'A'))!.nextDue).to.equal(plan('A', [-1, 29]).installments[1]!.dueDate);
    const method = {
      ...plan('A', [-1, 29], { paid: 1 }),
      preferredMethod: { id: 'm1', kind: 'debit-card' as const, label: '招商银行', last4: '1234' },
    };
    await handlePageMessage(envelope('method-changed', { plan: method }), fromShop);
    expect((await getPlan(SHOP, 'A'))!.preferredMethod).to.deep.equal(method.preferredMethod);
  });

  it('refuses a site the shopper switched off, after deleting its plans', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop);
    await handlePageMessage(envelope('plans', { plans: [plan('Z', [5])] }), fromOther);
    await setSiteEnabled(SHOP, false);
    expect((await allPlans()).map((p) => p.origin)).to.deep.equal([OTHER]);
    const ack = await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop);
    expect(ack).to.deep.equal({ ok: false, reason: 'not stored', detail: 'site switched off' });
    expect((await allPlans()).map((p) => p.origin)).to.deep.equal([OTHER]);
    await setSiteEnabled(SHOP, true);
    expect((await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop)).ok).to.equal(true);
  });

  it(`stops one origin at ${MAX_PLANS_PER_ORIGIN} plans, archived ones included`, async function () {
    this.timeout(30_000);
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => plan(`P${from + i}`, [5]));
    for (let i = 0; i < MAX_PLANS_PER_ORIGIN; i += 200) {
      expect((await handlePageMessage(envelope('plans', { plans: batch(i) }), fromShop)).ok).to.equal(true);
    }
    const ack = await handlePageMessage(envelope('plans', { plans: batch(MAX_PLANS_PER_ORIGIN) }), fromShop);
    expect(ack.ok).to.equal(false);
    expect((await allPlans()).length).to.equal(MAX_PLANS_PER_ORIGIN);
  });

  it('answers hello without storing anything', async () => {
    expect(await handlePageMessage(envelope('hello', { widget: 'bill-panel' }), fromShop)).to.deep.equal({ ok: true });
    expect(await allPlans()).to.deep.equal([]);
    expect(await getSite(SHOP)).to.equal(undefined);
  });

  it('refuses senders that are not store pages in a tab', async () => {
    const message = envelope('plans', { plans: [plan('A', [5])] });
    for (const sender of [
      ownPageSender(),
      { ...fromShop, tab: undefined },
      pageSender('http://shop.example/bills'),
      pageSender('file:///home/me/bills.html'),
      { ...fromShop, origin: OTHER },
    ]) {
      expect(await handlePageMessage(message, sender)).to.deep.equal({ ok: false, reason: 'not from a store page' });
    }
    expect(await allPlans()).to.deep.equal([]);
  });
});
