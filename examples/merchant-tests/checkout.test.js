// What a merchant's developer writes to test their own pages with fenqi in them: no backend, no waiting on time.
// `fenqi/testing` scripts the merchant API (FakeMerchant), gives plans in every state on a fixed business date,
// and waits for a component to be ready; `fenqi/domain` gives the figures the shopper must see, computed by the
// same functions the server charges by.
import { expect, fixture, html } from '@open-wc/testing';
import 'fenqi';
import { amountDue, formatFen, quoteProvider, STARTER_CONFIG, validateMerchantConfig } from 'fenqi/domain';
import {
  choosePlan,
  DECLINED_CARD,
  FakeMerchant,
  FIXTURE_AS_OF,
  fixturePlans,
  waitFor,
  whenReady,
} from 'fenqi/testing';

const PHONE_FEN = 599900;

describe('our product page', () => {
  it('offers the phone in installments and puts the chosen plan in our order form', async () => {
    const form = await fixture(html`
      <form lang="zh-CN">
        <fenqi-plan-selector
          name="plan"
          amount-fen=${PHONE_FEN}
          purchase-date="2026-03-10"
          .config=${STARTER_CONFIG}
        ></fenqi-plan-selector>
      </form>
    `);
    const selector = form.querySelector('fenqi-plan-selector');

    const detail = await choosePlan(selector, { provider: 'huabei', term: 12 });

    expect(detail).to.include({ value: 'huabei:12', provider: 'huabei', term: 12 });
    expect(new FormData(form).get('plan')).to.equal('huabei:12');
    // The card shows the first period's amount, as our server would quote it for the order.
    const huabei = validateMerchantConfig(STARTER_CONFIG).config.providers.find((p) => p.id === 'huabei');
    const quoted = quoteProvider(huabei, 12, PHONE_FEN, '2026-03-10');
    const card = selector.shadowRoot.querySelector('[part~="term"][data-term="12"]');
    expect(card.textContent).to.contain(formatFen(quoted.installments[0].total).replace(/^¥/, ''));
  });

  it('lets our page refuse a plan it does not sell (the shopper keeps their choice)', async () => {
    const selector = await fixture(
      html`<fenqi-plan-selector amount-fen=${PHONE_FEN} .config=${STARTER_CONFIG}></fenqi-plan-selector>`,
    );
    await whenReady(selector);
    // This product may be split into at most 6 installments: cancelling the event rolls the choice back.
    selector.addEventListener('fenqi-plan-change', (event) => {
      if (event.detail.term > 6) event.preventDefault();
    });
    await choosePlan(selector, { provider: 'huabei', term: 6 });
    await choosePlan(selector, { provider: 'huabei', term: 12 });
    expect(selector.value).to.equal('huabei:6');
  });
});

describe('our bills page', () => {
  it('shows the overdue plan with what the shopper owes on our business date, late charge included', async () => {
    const plans = fixturePlans();
    const merchant = new FakeMerchant({ plans: [plans.overdue, plans.upcoming], asOf: FIXTURE_AS_OF });
    const panel = await fixture(html`<fenqi-bill-panel lang="en" .adapter=${merchant}></fenqi-bill-panel>`);

    expect(await whenReady(panel)).to.equal('ready');

    const owed = amountDue(plans.overdue, { count: 1 }, FIXTURE_AS_OF);
    expect(owed.lateCharge).to.be.above(0);
    expect(panel.shadowRoot.textContent).to.contain(formatFen(owed.total));
    expect(merchant.count('getPlans')).to.equal(1);
  });

  it('tells the shopper a declined card charged nothing, and charges once with another card', async () => {
    const plans = fixturePlans();
    const merchant = new FakeMerchant({ plans: [plans.overdue] });
    const panel = await fixture(html`<fenqi-bill-panel lang="zh-CN" .adapter=${merchant}></fenqi-bill-panel>`);
    await whenReady(panel);
    const root = panel.shadowRoot;
    root.querySelector('button.repay').click();
    // The dialog arrives in a chunk of its own: wait for it (and its payment methods), never for a fixed time.
    const dialog = await waitFor(panel, () => root.querySelector('dialog.repay[open]'), { what: 'the dialog' });
    const select = await waitFor(panel, () => dialog.querySelector('select:has(option[value])'));
    const pay = async (methodId) => {
      select.value = methodId;
      select.dispatchEvent(new Event('change'));
      await panel.updateComplete;
      dialog.querySelector('button.confirm').click();
      await waitFor(panel, () => !dialog.querySelector('form[aria-busy="true"]'), { what: 'the answer' });
    };

    await pay(DECLINED_CARD.id);
    expect(dialog.querySelector('.error').textContent).to.contain('未扣款');
    expect(merchant.plans[0].installments[3].paid).to.equal(0);

    await pay('pm-cmb');
    const owed = amountDue(plans.overdue, { count: 1 }, FIXTURE_AS_OF).total;
    expect(dialog.querySelector('.result').textContent).to.contain(formatFen(owed));
    expect(merchant.calls.filter((c) => c.route === 'repay')).to.have.length(2);
  });

  it('reports to our monitoring when the plans cannot be loaded, without breaking our page', async () => {
    const merchant = new FakeMerchant().failNext('getPlans', 'network');
    const heard = [];
    const listener = (event) => heard.push(event.detail.code);
    document.addEventListener('fenqi-error', listener);
    try {
      const panel = await fixture(html`<fenqi-bill-panel .adapter=${merchant}></fenqi-bill-panel>`);
      expect(await whenReady(panel)).to.equal('error');
      expect(heard).to.have.length(1);
    } finally {
      document.removeEventListener('fenqi-error', listener);
    }
  });
});
