// fenqi/testing, the kit merchants test their pages with: its fake merchant answers as the contract says (and as
// the demo store does), its fixtures are in the states they claim, and its helpers drive the real components.
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { amountDue } from '../../shared/amount-due.js';
import { planStatus } from '../../shared/bill-state.js';
import { parsePlans } from '../../shared/merchant-api.js';
import '../../widget/fenqi.js';
import '../../widget/bill-panel/bill-panel.js';
import type { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import type { FenqiPlanSelector } from '../../widget/plan-selector/plan-selector.js';
import {
  ALIPAY,
  CMB,
  DECLINED_CARD,
  FakeMerchant,
  FIXTURE_AS_OF,
  FIXTURE_CODE,
  fixturePlans,
  choosePlan,
  whenReady,
} from '../../widget/testing.js';
import { capturingErrors } from '../helpers/console.js';
import { storeConfig } from './plan-selector.fixtures.js';

/** What a refused call rejected with: the REST body `{ error: { code, … } }`. */
async function refusal(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

const hosts: HTMLElement[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.remove()));
function mount(template: unknown): HTMLElement {
  const host = document.createElement('div');
  hosts.push(host);
  document.body.append(host);
  render(template, host);
  return host;
}

describe('fenqi/testing fixtures', () => {
  it('has a plan in every state on the fixed business date, and each passes the panel’s checks', () => {
    const plans = fixturePlans();
    const states = Object.fromEntries(
      Object.entries(plans).map(([key, p]) => [key, planStatus(p, FIXTURE_AS_OF).state]),
    );
    expect(states).to.deep.equal({
      overdue: 'overdue',
      dueToday: 'due-today',
      dueSoon: 'due-soon',
      upcoming: 'upcoming',
      partlyPaid: 'overdue',
      paidOff: 'paid-off',
      waivedOnPayoff: 'upcoming',
    });
    expect(planStatus(plans.partlyPaid, FIXTURE_AS_OF).next!.partiallyPaid).to.equal(true);
    expect(amountDue(plans.overdue, { count: 1 }, FIXTURE_AS_OF).lateCharge).to.be.greaterThan(0);
    expect(amountDue(plans.waivedOnPayoff, { payoff: true }, FIXTURE_AS_OF).feeWaived).to.be.greaterThan(0);
    expect(parsePlans({ plans: Object.values(plans), asOf: FIXTURE_AS_OF }).plans).to.have.length(7);
  });
});

describe('FakeMerchant', () => {
  it('charges what amountDue says, refuses another total with the 409 body, and answers a retry with its receipt', async () => {
    const merchant = new FakeMerchant();
    const plan = fixturePlans().overdue;
    const owed = amountDue(plan, { installments: [4] }, FIXTURE_AS_OF).total;
    const changed = await refusal(
      merchant.repay(plan.id, { installments: [4], methodId: CMB.id, requestId: 'attempt-1', expectedTotal: owed - 1 }),
    );
    expect(changed.error.code).to.equal('amount-changed');
    expect([changed.total, changed.expectedTotal, changed.asOf, changed.plan.id]).to.deep.equal([
      owed,
      owed - 1,
      FIXTURE_AS_OF,
      plan.id,
    ]);
    const body = { installments: [4], methodId: CMB.id, requestId: 'attempt-2', expectedTotal: owed };
    const paid: any = await merchant.repay(plan.id, body);
    expect(paid.repayment.charged).to.equal(owed);
    expect(paid.plan.installments[3].paid).to.equal(
      paid.plan.installments[3].principal + paid.plan.installments[3].fee,
    );
    expect(await merchant.repay(plan.id, body)).to.deep.equal(paid);
    expect((await refusal(merchant.repay(plan.id, { ...body, expectedTotal: owed + 1 }))).error.code).to.equal(
      'request-id-reused',
    );
    expect(merchant.count('repay')).to.equal(4);
  });

  it('declines the declined card, refuses what the installments do not allow, and an unknown plan', async () => {
    const merchant = new FakeMerchant();
    const plan = fixturePlans().dueSoon;
    const owed = amountDue(plan, { installments: [1] }, FIXTURE_AS_OF).total;
    const body = { installments: [1], methodId: DECLINED_CARD.id, requestId: 'attempt-3', expectedTotal: owed };
    expect((await refusal(merchant.repay(plan.id, body))).error.code).to.equal('payment-declined');
    expect(merchant.plans.find((p) => p.id === plan.id)).to.deep.equal(plan);
    expect((await refusal(merchant.repay(plan.id, { ...body, installments: [2] }))).error.code).to.equal(
      'not-oldest-first',
    );
    expect((await refusal(merchant.repay('nope', body))).error.code).to.equal('unknown-plan');
  });

  it('asks for a code before a method change and takes only the right one', async () => {
    const merchant = new FakeMerchant({ verification: { kind: 'sms', code: FIXTURE_CODE, resendAfter: 30 } });
    const plan = fixturePlans().upcoming;
    expect(await merchant.setPreferredMethod(plan.id, { methodId: ALIPAY.id })).to.deep.equal({
      verification: 'sms',
      hint: '验证码已发送至 138****8000',
      resendAfter: 30,
    });
    expect(
      (await refusal(merchant.setPreferredMethod(plan.id, { methodId: ALIPAY.id, verification: '000000' }))).error.code,
    ).to.equal('wrong-code');
    const changed: any = await merchant.setPreferredMethod(plan.id, {
      methodId: ALIPAY.id,
      verification: FIXTURE_CODE,
    });
    expect(changed.plan.preferredMethod).to.deep.equal(ALIPAY);
    expect(
      (await refusal(merchant.setPreferredMethod(plan.id, { methodId: CMB.id, verification: FIXTURE_CODE }))).error
        .code,
    ).to.equal('verification-expired');
  });

  it('fails the next calls as scripted, then answers again', async () => {
    const merchant = new FakeMerchant().failNext('getPlans', 'network', { code: 'maintenance', message: '系统维护中' });
    expect(await refusal(merchant.getPlans())).to.be.instanceOf(TypeError);
    expect((await refusal(merchant.getPlans())).error).to.deep.equal({ code: 'maintenance', message: '系统维护中' });
    const answer: any = await merchant.getPlans();
    expect(answer.asOf).to.equal(FIXTURE_AS_OF);
    expect(answer.plans).to.have.length(7);
  });
});

describe('FakeMerchant answers that are late, lost or never come', () => {
  it('holds a call until released, then acts and answers', async () => {
    const merchant = new FakeMerchant();
    const release = merchant.holdNext('getPaymentMethods');
    let answered: any = null;
    const call = merchant.getPaymentMethods().then((a) => (answered = a));
    // A later call of another route answers: the held one had every chance to, and did not.
    await merchant.getPlans();
    expect([merchant.count('getPaymentMethods'), answered]).to.deep.equal([1, null]);
    release();
    await call;
    expect(answered.paymentMethods).to.have.length(4);
  });

  it('books a repayment whose answer is lost, and answers its retry with the same receipt', async () => {
    const merchant = new FakeMerchant().failNext('repay', 'lost-answer', 'no-answer');
    const plan = fixturePlans().overdue;
    const owed = amountDue(plan, { installments: [4] }, FIXTURE_AS_OF).total;
    const body = { installments: [4], methodId: CMB.id, requestId: 'lost-1', expectedTotal: owed };
    expect(await refusal(merchant.repay(plan.id, body))).to.be.instanceOf(TypeError);
    expect(merchant.plans.find((p) => p.id === plan.id)!.installments[3]!.paid).to.be.greaterThan(0);
    // Never answers, but books: the next read shows it (the second plan's installment 1 is due soon).
    const soon = fixturePlans().dueSoon;
    const first = amountDue(soon, { installments: [1] }, FIXTURE_AS_OF).total;
    void merchant.repay(soon.id, { installments: [1], methodId: CMB.id, requestId: 'lost-2', expectedTotal: first });
    await merchant.getPlans();
    expect(merchant.plans.find((p) => p.id === soon.id)!.installments[0]!.paid).to.equal(first);
    const retried: any = await merchant.repay(plan.id, body);
    expect([retried.repayment.charged, merchant.count('repay')]).to.deep.equal([owed, 3]);
  });

  it('refuses with the fields the contract gives a verification refusal', async () => {
    const merchant = new FakeMerchant().failNext('setPreferredMethod', {
      code: 'wrong-code',
      message: 'wrong',
      attemptsLeft: 2,
    });
    expect((await refusal(merchant.setPreferredMethod('plan-overdue', { methodId: ALIPAY.id }))).error).to.deep.equal({
      code: 'wrong-code',
      message: 'wrong',
      attemptsLeft: 2,
    });
  });
});

describe('whenReady and choosePlan', () => {
  it('wait for the bill panel behind a slow merchant and show its plans', async () => {
    const merchant = new FakeMerchant({ latencyMs: 50 });
    const host = mount(
      html`<div lang="zh-CN"><fenqi-bill-panel .adapter=${merchant} today=${FIXTURE_AS_OF}></fenqi-bill-panel></div>`,
    );
    const panel = host.querySelector<FenqiBillPanel>('fenqi-bill-panel')!;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part~="loading"]'), 'loading at first').to.exist;
    expect(await whenReady(panel)).to.equal('ready');
    expect(panel.shadowRoot!.querySelectorAll('[part~="plan"]')).to.have.length(7);
  });

  it('report the error state of a panel whose merchant failed', async () => {
    const merchant = new FakeMerchant().failNext('getPlans', { code: 'maintenance', message: '系统维护中' });
    let state = '';
    const logged = await capturingErrors(async () => {
      const host = mount(html`<fenqi-bill-panel .adapter=${merchant} today=${FIXTURE_AS_OF}></fenqi-bill-panel>`);
      state = await whenReady(host.querySelector('fenqi-bill-panel')!);
    });
    expect(state).to.equal('error');
    expect(logged.join()).to.contain('maintenance');
  });

  it('choose a provider and term in the selector and give the fenqi-plan-change detail', async () => {
    const host = mount(
      html`<fenqi-plan-selector
        amount="5999.00"
        purchase-date="2026-03-10"
        .config=${storeConfig()}
      ></fenqi-plan-selector>`,
    );
    const selector = host.querySelector<FenqiPlanSelector>('fenqi-plan-selector')!;
    expect(await whenReady(selector)).to.equal('ready');
    const detail = await choosePlan(selector, { provider: 'huabei', term: 6 });
    expect(detail).to.include({ value: 'huabei:6', provider: 'huabei', term: 6 });
    expect(selector.value).to.equal('huabei:6');
    let error: unknown;
    await choosePlan(selector, { term: 5 }).catch((e) => (error = e));
    expect(String(error)).to.match(/no term 5/);
  });
});
