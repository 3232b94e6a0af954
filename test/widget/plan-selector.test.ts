import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quote } from '../../shared/index.js';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import {
  $,
  $$,
  DATE,
  mount,
  chooseProvider,
  chooseTerm,
  selector,
  storeConfig,
  termCard,
  visibleText,
} from './plan-selector.fixtures.js';

const checkedTerm = (el: Element) =>
  $$<HTMLInputElement>(el, '[part="term"] input').find((i) => i.checked)?.value ?? null;

describe('<fenqi-plan-selector> shows every plan with its true cost', () => {
  it('lists the providers and shows the suggested provider’s terms with per-period amount and fee', async () => {
    const el = await selector('5999.00');
    expect($$(el, '[part="provider"]').map((l) => l.textContent!.trim())).to.deep.equal([
      '花呗分期',
      '信用卡分期',
      '小米分期',
    ]);
    // The card is the merchant's suggestion (suggested: 12), so its terms are shown first.
    expect($$(el, '[part="term"]').map((t) => t.dataset['term'])).to.deep.equal(['6', '12', '24']);
    // 0.6 % of ¥5,999 per month = ¥35.99; principal ¥499.91 (the odd fen go to the last period).
    expect(visibleText(termCard(el, 12))).to.equal('¥535.90 × 11 + ¥536.03 incl. ¥35.99 fee / month Suggested');
    expect(visibleText(termCard(el, 24))).to.equal('¥285.94 × 23 + ¥286.24 incl. ¥35.99 fee / month');
  });

  it('marks interest-free terms with a badge and no fee', async () => {
    const el = await selector('5999.00');
    await chooseProvider(el, '花呗分期');
    expect(visibleText(termCard(el, 3))).to.equal('¥1,999.66 × 2 + ¥1,999.68 Interest-free');
    expect(visibleText(termCard(el, 12))).to.equal('¥537.40 × 11 + ¥537.53 incl. ¥37.49 fee / month');
  });

  it('disables terms outside the provider’s min/max and says why', async () => {
    const el = await selector('500.00');
    await chooseProvider(el, '信用卡分期');
    for (const t of [6, 12, 24]) {
      expect(termCard(el, t).querySelector('input')!.disabled, `term ${t}`).to.be.true;
      expect(termCard(el, t).querySelector('[part="reason"]')!.textContent).to.equal('From ¥600.00');
    }
    el.amount = '25000.00';
    await el.updateComplete;
    await chooseProvider(el, '小米分期');
    expect(termCard(el, 6).querySelector('[part="reason"]')!.textContent).to.equal('Up to ¥20,000.00');
    expect(visibleText($(el, '[part="status"]'))).to.equal('No installment plan is available for this amount.');
  });

  it('disables a term whose periods would be less than one fen', async () => {
    const el = await selector('0.07');
    await chooseProvider(el, '小米分期');
    expect(termCard(el, 6).querySelector('input')!.disabled).to.be.false;
    expect(termCard(el, 12).querySelector('[part="reason"]')!.textContent).to.equal('Amount too small');
  });

  it('says "first period" for plans whose periods differ (等额本金)', async () => {
    const el = await selector('6000.00');
    await chooseProvider(el, '小米分期');
    // 12 % a year on ¥6,000: ¥1,000 principal + ¥60 interest first, declining after.
    expect(visibleText(termCard(el, 6))).to.equal('¥1,060.00 first, 6 payments');
  });

  it('sums up the chosen plan from quote(): total fee, total repayment and the annual rate, nominal and compound', async () => {
    const el = await selector('5999.00');
    await chooseProvider(el, '花呗分期');
    await chooseTerm(el, 12);
    const q = quote({ principal: 599900, term: 12, fee: { model: 'flat-total', ratePct: '7.5' }, purchaseDate: DATE });
    const summary = visibleText($(el, '[part="summary"]'));
    expect(summary).to.equal(
      `Your plan Total fees ¥449.93 Total to repay ¥6,448.93 Annual rate (APR) ${q.aprNominalPct}% (compound ${q.aprEffectivePct}%)`,
    );
    expect(q.totalFee).to.equal(44993);
    expect(q.aprNominalPct).to.equal('13.57');
  });

  it('previews the suggested plan until the shopper chooses', async () => {
    const el = await selector('5999.00');
    expect(visibleText($(el, '[part="summary"] h3'))).to.equal('Suggested plan');
    expect(visibleText($(el, '[part="summary"]'))).to.contain('¥431.93');
  });

  it('suggests the lowest total cost when the merchant suggests nothing', async () => {
    const config = storeConfig();
    delete (config.providers[1] as { suggested?: number }).suggested;
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector amount="5999.00" purchase-date=${DATE} .config=${config}></fenqi-plan-selector>`,
    );
    // Huabei's 3 periods are interest-free: the cheapest plan, so Huabei is shown with it marked.
    expect(visibleText(termCard(el, 3))).to.equal('¥1,999.66 × 2 + ¥1,999.68 Interest-free Suggested');
  });

  it('lists the full schedule in a disclosure: due date, principal, fee and total of every period', async () => {
    const el = await selector('5999.00');
    await chooseProvider(el, '花呗分期');
    await chooseTerm(el, 12);
    const details = $<HTMLDetailsElement>(el, '[part="details"]');
    expect(details.querySelector('table'), 'rendered only when opened').to.be.null;
    details.open = true;
    await oneEvent(details, 'toggle');
    await el.updateComplete;
    const rows = $$(el, '[part="schedule"] tr').map(visibleText);
    expect(rows).to.have.length(13);
    expect(rows[1]).to.equal('1 Feb 29, 2024 ¥499.91 ¥37.49 ¥537.40');
    expect(rows[2]).to.equal('2 Mar 31, 2024 ¥499.91 ¥37.49 ¥537.40');
    expect(rows[12]).to.equal('12 Jan 31, 2025 ¥499.99 ¥37.54 ¥537.53');
  });
});

describe('<fenqi-plan-selector> inputs', () => {
  it('shows no plan until the page gives a config: plans the store did not configure would not be what it charges', async () => {
    const seen: string[] = [];
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector
        amount="5999.00"
        purchase-date=${DATE}
        @fenqi-ready=${() => seen.push('ready')}
        @fenqi-error=${() => seen.push('error')}
      ></fenqi-plan-selector>`,
    );
    await el.updateComplete;
    expect(visibleText($(el, '[part="status"]'))).to.equal('Loading installment plans…');
    expect($$(el, '[part="term"]')).to.have.length(0);
    expect(el.value).to.equal('');
    // A framework may set the config a moment later: then the plans appear, and only then is anything reported.
    el.config = storeConfig();
    await oneEvent(el, 'fenqi-ready');
    expect(seen).to.deep.equal(['ready']);
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11 + ¥536.03');
  });

  it('takes the amount in fen through amount-fen, which wins over amount', async () => {
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector
        amount="1.00"
        amount-fen="599900"
        purchase-date=${DATE}
        .config=${storeConfig()}
      ></fenqi-plan-selector>`,
    );
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11 + ¥536.03');
  });

  it('takes the config as JSON text too', async () => {
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector
        amount="5999"
        purchase-date=${DATE}
        .config=${JSON.stringify(storeConfig())}
      ></fenqi-plan-selector>`,
    );
    expect(visibleText(termCard(el, 12))).to.contain('¥535.90 × 11 + ¥536.03');
  });

  it('loads the config from config-src', async () => {
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector
        amount="5999"
        purchase-date=${DATE}
        config-src="/demo/public/config.json"
      ></fenqi-plan-selector>`,
    );
    expect(visibleText($(el, '[part="status"]'))).to.equal('Loading installment plans…');
    await oneEvent(el, 'fenqi-ready');
    await el.updateComplete;
    expect($$(el, '[part="provider"]').map((l) => l.textContent!.trim())).to.deep.equal([
      '花呗分期',
      '信用卡分期',
      '小米分期',
    ]);
  });

  it('updates in place when the amount changes, keeping the elements and a still-valid choice', async () => {
    const el = await selector('5999.00');
    await chooseTerm(el, 24);
    const card = termCard(el, 24);
    el.amount = '11998.00';
    await el.updateComplete;
    expect(termCard(el, 24), 'same element: no re-creation, no flicker').to.equal(card);
    expect(visibleText(card)).to.contain('¥571.89 × 23 + ¥572.24');
    expect(el.value).to.equal('card:24');
    expect(checkedTerm(el)).to.equal('24');
  });

  it('keeps a choice the new amount rules out, submits nothing meanwhile, and brings it back', async () => {
    const el = await selector('5999.00');
    await chooseTerm(el, 12);
    el.amount = '300.00';
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(checkedTerm(el)).to.be.null;
    el.amount = '5999.00';
    await el.updateComplete;
    expect(el.value).to.equal('card:12');
    expect(checkedTerm(el)).to.equal('12');
  });

  it('selects the plan named by the value attribute', async () => {
    const el = await fixture<FenqiPlanSelector>(
      html`<fenqi-plan-selector
        amount="5999"
        value="huabei:6"
        purchase-date=${DATE}
        .config=${storeConfig()}
      ></fenqi-plan-selector>`,
    );
    expect(el.value).to.equal('huabei:6');
    expect(checkedTerm(el)).to.equal('6');
    expect(visibleText($(el, '[part="summary"] h3'))).to.equal('Your plan');
  });

  it('schedules from purchase-date, and from today in the shopper’s calendar without it', async () => {
    const el = await selector('5999.00');
    el.value = 'card:6';
    el.purchaseDate = '2024-03-31';
    await el.updateComplete;
    $<HTMLDetailsElement>(el, '[part="details"]').open = true;
    await oneEvent($(el, '[part="details"]'), 'toggle');
    await el.updateComplete;
    expect(visibleText($$(el, '[part="schedule"] tr')[1]!)).to.match(/^1 Apr 30, 2024/);

    el.purchaseDate = '';
    await el.updateComplete;
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
    const month = next.toLocaleDateString('en', { month: 'short' });
    // A date of this year is written short ("Dec 26"), one of another year with its year.
    const year = next.getFullYear() === now.getFullYear() ? '' : `, ${next.getFullYear()}`;
    expect(visibleText($$(el, '[part="schedule"] tr')[1]!)).to.match(new RegExp(`^1 ${month} \\d+${year} `));
  });

  it('speaks the nearest lang: zh-CN strings, money and dates', async () => {
    const wrapper = await mount<HTMLElement>(
      html`<div lang="zh-CN">
        <section>
          <fenqi-plan-selector amount="5999.00" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
        </section>
      </div>`,
    );
    const el = wrapper.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    expect(visibleText($(el, '[part="terms"] legend'))).to.equal('分期期数');
    expect(visibleText(termCard(el, 12))).to.equal('¥535.90 × 11期 + ¥536.03 含手续费 ¥35.99/期 推荐');
    expect(visibleText($(el, '[part="summary"]'))).to.contain('年化利率 13.03%（复利 13.84%）');
    await chooseProvider(el, '花呗分期');
    expect(visibleText(termCard(el, 3))).to.equal('¥1,999.66 × 2期 + ¥1,999.68 免息');
    $<HTMLDetailsElement>(el, '[part="details"]').open = true;
    await oneEvent($(el, '[part="details"]'), 'toggle');
    await el.updateComplete;
    expect(visibleText($$(el, '[part="schedule"] tr')[1]!)).to.equal('1 2024年2月29日 ¥1,999.66 ¥0.00 ¥1,999.66');
  });

  it('falls back to English for languages it has no strings for', async () => {
    const wrapper = await mount<HTMLElement>(
      html`<div lang="fr">
        <fenqi-plan-selector amount="5999.00" purchase-date=${DATE} .config=${storeConfig()}></fenqi-plan-selector>
      </div>`,
    );
    const el = wrapper.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    expect(visibleText($(el, '[part="terms"] legend'))).to.equal('Number of installments');
  });
});

describe('<fenqi-plan-selector> events', () => {
  it('fires fenqi-plan-change for the shopper’s choice, with the quote', async () => {
    const el = await selector('5999.00');
    const seen: CustomEvent[] = [];
    document.addEventListener('fenqi-plan-change', (e) => seen.push(e), { once: true });
    await chooseTerm(el, 6);
    expect(seen).to.have.length(1);
    const e = seen[0]!;
    expect(e.bubbles && e.composed && e.cancelable).to.be.true;
    expect(e.detail.value).to.equal('card:6');
    expect(e.detail.provider).to.equal('card');
    expect(e.detail.term).to.equal(6);
    expect(e.detail.quote).to.deep.equal(
      quote({ principal: 599900, term: 6, fee: { model: 'flat-monthly', ratePct: '0.6' }, purchaseDate: DATE }),
    );
  });

  it('keeps the term when the shopper switches to a provider that offers it, and drops it otherwise', async () => {
    const el = await selector('5999.00');
    await chooseTerm(el, 12);
    const seen: string[] = [];
    el.addEventListener('fenqi-plan-change', (e) => seen.push(e.detail.value));
    await chooseProvider(el, '花呗分期');
    await chooseProvider(el, '信用卡分期');
    await chooseTerm(el, 24);
    await chooseProvider(el, '花呗分期');
    expect(seen).to.deep.equal(['huabei:12', 'card:12', 'card:24', '']);
    expect(el.value).to.equal('');
  });

  it('does not fire for what the host page sets', async () => {
    const el = await selector('5999.00');
    let fired = 0;
    el.addEventListener('fenqi-plan-change', () => fired++);
    el.value = 'huabei:6';
    el.amount = '7000';
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(el.value).to.equal('huabei:6');
  });

  it('rolls the choice back when the host cancels it', async () => {
    const el = await selector('5999.00');
    await chooseTerm(el, 12);
    el.addEventListener('fenqi-plan-change', (e) => e.preventDefault());
    await chooseTerm(el, 24);
    expect(el.value).to.equal('card:12');
    expect(checkedTerm(el)).to.equal('12');
    await chooseProvider(el, '花呗分期');
    expect(el.value).to.equal('card:12');
    expect($$<HTMLInputElement>(el, '[part="provider"] input').map((i) => i.checked)).to.deep.equal([
      false,
      true,
      false,
    ]);
  });

  it('fires fenqi-ready once the plans are shown', async () => {
    const el = document.createElement('fenqi-plan-selector');
    let ready = 0;
    el.addEventListener('fenqi-ready', () => ready++);
    el.config = storeConfig();
    el.purchaseDate = DATE;
    document.body.append(el);
    await el.updateComplete;
    expect(ready, 'not before an amount').to.equal(0);
    el.amount = '5999';
    await el.updateComplete;
    el.amount = '6000';
    await el.updateComplete;
    expect(ready).to.equal(1);
    el.remove();
  });
});

describe('<fenqi-plan-selector> in a form', () => {
  it('submits name=provider:term', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form>
        <fenqi-plan-selector
          name="plan"
          amount="5999"
          purchase-date=${DATE}
          .config=${storeConfig()}
        ></fenqi-plan-selector>
      </form>`,
    );
    const el = form.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    expect(new FormData(form).get('plan')).to.be.null;
    await chooseTerm(el, 24);
    expect(new FormData(form).get('plan')).to.equal('card:24');
  });

  it('is invalid while required and no plan is chosen, with a message', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form>
        <fenqi-plan-selector
          name="plan"
          required
          amount="5999"
          purchase-date=${DATE}
          .config=${storeConfig()}
        ></fenqi-plan-selector>
      </form>`,
    );
    const el = form.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    expect(form.checkValidity()).to.be.false;
    expect(el.checkValidity()).to.be.false;
    await chooseTerm(el, 6);
    expect(form.checkValidity()).to.be.true;
  });

  it('goes back to its value attribute on form reset, and restores a saved state', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form>
        <fenqi-plan-selector
          name="plan"
          value="huabei:6"
          amount="5999"
          purchase-date=${DATE}
          .config=${storeConfig()}
        ></fenqi-plan-selector>
      </form>`,
    );
    const el = form.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    await chooseProvider(el, '信用卡分期');
    await chooseTerm(el, 24);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('huabei:6');
    expect(new FormData(form).get('plan')).to.equal('huabei:6');
    el.formStateRestoreCallback('card:12');
    await el.updateComplete;
    expect(new FormData(form).get('plan')).to.equal('card:12');
  });

  it('is disabled with its fieldset', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form>
        <fieldset disabled>
          <fenqi-plan-selector
            name="plan"
            amount="5999"
            purchase-date=${DATE}
            .config=${storeConfig()}
          ></fenqi-plan-selector>
        </fieldset>
      </form>`,
    );
    const el = form.querySelector('fenqi-plan-selector')!;
    await el.updateComplete;
    expect($$<HTMLInputElement>(el, 'input').every((i) => i.matches(':disabled'))).to.be.true;
  });
});
