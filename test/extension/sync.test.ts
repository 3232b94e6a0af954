import { expect } from '@open-wc/testing';
import { envelope } from '../../shared/bridge.js';
import type { Plan } from '../../shared/plan.js';
import { handlePageMessage } from '../../extension/background/messages.js';
import { allPlans, storeListed } from './storage.js';
import { deleteEverything } from '../../extension/storage/snapshot.js';
import { getPlan, SITE_CAP_REASON } from '../../extension/storage/plans.js';
import { MAX_PLANS, MAX_PLANS_PER_SITE } from '../../extension/storage/site.js';
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

  it("keeps the store's name as its page announced it, cleaned; a message without one leaves it", async () => {
    // The content script sets `store` from the page's metadata; a name with a direction override and a line break.
    const announced = 'Shop \u202Eelpmaxe\nof Examples ' + 'x'.repeat(60);
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5])], store: announced }), fromShop);
    const named = (await getSite(SHOP))!.name!;
    expect(named).to.equal(`Shop elpmaxe of Examples ${'x'.repeat(14)}…`);
    expect(Array.from(named).length).to.equal(40);
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5])] }), fromShop);
    await handlePageMessage(envelope('repaid', { plan: plan('A', [5], { paid: 1 }) }), fromShop);
    expect((await getSite(SHOP))!.name).to.equal(named);
    // Renamed: the latest announcement wins. Only text reaches the store; a page's number is refused whole.
    await handlePageMessage(envelope('plans', { plans: [plan('A', [5])], store: '示例商城' }), fromShop);
    expect((await getSite(SHOP))!.name).to.equal('示例商城');
    const bad = await handlePageMessage({ fenqi: 1, type: 'plans', payload: { plans: [], store: 7 } }, fromShop);
    expect(bad).to.deep.equal({ ok: false, reason: 'payload.store: expected a string' });
    expect((await getSite(SHOP))!.name).to.equal('示例商城');
    // Another origin has its own name, or none.
    await handlePageMessage(envelope('plans', { plans: [plan('Z', [5])] }), fromOther);
    expect((await getSite(OTHER))!.name).to.equal(undefined);
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

  it(`keeps one site (all its subdomains and ports) to ${MAX_PLANS_PER_SITE} plans, archived ones going first`, async function () {
    this.timeout(60_000);
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => plan(`P${from + i}`, [5]));
    const origins = ['https://shop.example', 'https://m.shop.example', 'https://shop.example:8443'];
    origins.push('https://a.b.shop.example', 'https://pay.shop.example', 'https://x.shop.example');
    const acks = [];
    for (const [i, origin] of origins.entries()) {
      acks.push(await handlePageMessage(envelope('plans', { plans: batch(i * 200) }), pageSender(`${origin}/b`)));
    }
    expect(acks.map((a) => a.ok)).to.deep.equal([true, true, true, true, true, false]);
    // The page is told which cap it hit: its own site's, nothing about the shopper's other stores.
    expect(acks[5]).to.deep.include({ ok: false, reason: SITE_CAP_REASON });
    expect((await allPlans()).length).to.equal(MAX_PLANS_PER_SITE);
    // Another registrable domain is another site, with room of its own.
    expect((await handlePageMessage(envelope('plans', { plans: batch(0) }), fromOther)).ok).to.equal(true);
    // The first origin stops listing its plans (archived, kept): the next batch of the site takes their place.
    const unlist = await handlePageMessage(envelope('plans', { plans: [] }), pageSender(`${origins[0]}/b`));
    expect(unlist.ok).to.equal(true);
    expect(
      (await handlePageMessage(envelope('plans', { plans: batch(1000) }), pageSender(`${origins[5]}/b`))).ok,
    ).to.equal(true);
    const stored = await allPlans();
    expect(stored.filter((p) => p.origin === origins[0]).length).to.equal(0);
    expect(stored.filter((p) => p.origin !== OTHER).length).to.equal(MAX_PLANS_PER_SITE);
  });

  it('folds the walk through 8 subdomains (16,000 made-up plans) into one site’s cap', async function () {
    this.timeout(120_000);
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => plan(`W${from + i}`, [-1000]));
    const refused: string[] = [];
    for (let o = 0; o < 8; o++) {
      for (let b = 0; b < 10; b++) {
        const ack = await handlePageMessage(
          envelope('plans', { plans: batch((o * 10 + b) * 200) }),
          pageSender(`https://s${o}.walk.example/bills`),
        );
        if (!ack.ok) refused.push(`s${o} ${ack.reason}`);
      }
    }
    // Each origin's new batch archives its last one, which the next write lets go: five origins fill the site,
    // the other three are refused, and never more than the cap is stored.
    expect(refused).to.deep.equal(
      [5, 6, 7].flatMap((o) => Array.from({ length: 10 }, () => `s${o} ${SITE_CAP_REASON}`)),
    );
    expect((await allPlans()).length).to.equal(MAX_PLANS_PER_SITE);
  });

  it(`keeps all stores together to ${MAX_PLANS.toLocaleString('en')} plans: a full store is refused whole, archived plans make room`, async function () {
    this.timeout(60_000);
    const batch = (site: number, from: number) =>
      Array.from({ length: 200 }, (_, i) => plan(`T${site}-${from + i}`, [5]));
    // A page lists at most 200 plans: each store shows its 1,000 on five subdomains (m., www., …), all listed.
    // All but the last page are stored straight away; the last one arrives as a message and fills the total.
    const listed = new Map<string, Plan[]>();
    for (let site = 0; site < MAX_PLANS / MAX_PLANS_PER_SITE; site++)
      for (let o = 0; o < MAX_PLANS_PER_SITE / 200; o++)
        listed.set(`https://o${o}.shop${site}.example`, batch(site, o * 200));
    const [lastOrigin, lastPlans] = [...listed].at(-1)!;
    listed.delete(lastOrigin);
    await storeListed(listed);
    expect((await allPlans()).length).to.equal(MAX_PLANS - 200);
    const last = await handlePageMessage(envelope('plans', { plans: lastPlans }), pageSender(`${lastOrigin}/bills`));
    expect(last.ok, last.reason).to.equal(true);
    expect((await allPlans()).length).to.equal(MAX_PLANS);

    // One more store: nothing archived anywhere to let go, so its whole list is refused and nothing changes. The
    // page learns only "not stored" (the shopper's other stores are none of its business).
    const newcomer = pageSender('https://newcomer.example/bills');
    const full = await handlePageMessage(envelope('plans', { plans: batch(99, 0) }), newcomer);
    expect(full).to.deep.include({ ok: false, reason: 'not stored', detail: 'storage full' });
    expect((await allPlans()).length).to.equal(MAX_PLANS);
    expect(await getPlan('https://newcomer.example', 'T99-0')).to.equal(undefined);

    // One page of the first store stops listing its plans (archived, kept): now the newcomer's plans take their
    // place, the oldest archived going first, and the total stays at the cap.
    const unlist = await handlePageMessage(envelope('plans', { plans: [] }), pageSender('https://o0.shop0.example/b'));
    expect(unlist.ok).to.equal(true);
    expect((await handlePageMessage(envelope('plans', { plans: batch(99, 0) }), newcomer)).ok).to.equal(true);
    const stored = await allPlans();
    expect(stored.length).to.equal(MAX_PLANS);
    expect(stored.filter((p) => p.origin === 'https://newcomer.example').length).to.equal(200);
    expect(stored.filter((p) => p.origin === 'https://o0.shop0.example').length).to.equal(0);
    expect(stored.filter((p) => p.archived).length).to.equal(0);
  });

  it('refuses plan ids that are not well-formed text (a lone surrogate would break the repay link)', async () => {
    for (const id of ['A\uD800', '\uDC00', 'A\u0000B', 'A\u202EB', 'A\u200BB']) {
      const ack = await handlePageMessage(envelope('plans', { plans: [plan(id, [5])] }), fromShop);
      expect(ack.ok, JSON.stringify(id)).to.equal(false);
      expect(ack.reason).to.match(/^payload\.plans\[0\]\.id: /);
    }
    expect(await allPlans()).to.deep.equal([]);
    expect((await handlePageMessage(envelope('plans', { plans: [plan('订单 A/1 😀', [5])] }), fromShop)).ok).to.equal(
      true,
    );
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
