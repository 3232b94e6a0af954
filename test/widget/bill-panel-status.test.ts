import { expect, waitUntil } from '@open-wc/testing';
import { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import type { Plan } from '../../shared/plan.js';
import { FakeMerchant, fixturePlans } from '../../widget/testing.js';
import { $, $$, panelWith, planItem, visibleText } from './bill-panel.fixtures.js';
import { capturingErrors } from '../helpers/console.js';

const { overdue, dueSoon, paidOff } = fixturePlans();
const merchantOf = (...plans: Plan[]) => new FakeMerchant({ plans });

/** The due-soon plan as it stands in another part of its life (issue 15). */
const inLife = (status: Plan['status'], reason?: string): Plan => ({
  ...structuredClone(dueSoon),
  status,
  ...(reason ? { statusReason: reason } : {}),
});

describe('<fenqi-bill-panel> plan statuses', () => {
  const first = FenqiBillPanel.reviewRefreshMs;
  afterEach(() => (FenqiBillPanel.reviewRefreshMs = first));

  it('shows a plan under review as 审核中, with what happens next and no repay or method action', async () => {
    const panel = await panelWith(merchantOf(inLife('under-review'), overdue));
    const card = planItem(panel, 'plan-due-soon');
    expect(card.dataset.status).to.equal('under-review');
    expect(visibleText($(panel, 'li[data-plan="plan-due-soon"] [part="badge"]'))).to.equal('审核中');
    expect(visibleText(card)).to.contain('审核通过后开始还款并发货，期间无需还款。');
    expect(card.querySelectorAll('button')).to.have.length(0);
    expect(visibleText(card)).not.to.match(/应还|到期/);
    // An active plan next to it keeps its actions.
    expect(planItem(panel, 'plan-overdue').querySelector('button.repay')).to.exist;
  });

  it('shows a rejected plan as 未通过 with the reason, nothing owed, among the finished plans', async () => {
    const rejected = inLife('rejected', '超出花呗分期可用额度（¥20,000.00）');
    const panel = await panelWith(merchantOf(rejected, paidOff, overdue));
    const card = planItem(panel, 'plan-due-soon');
    expect(visibleText($(panel, 'li[data-plan="plan-due-soon"] [part="badge"]'))).to.equal('未通过');
    expect(visibleText(card)).to.contain('原因：超出花呗分期可用额度（¥20,000.00）。未生成还款计划，无需还款。');
    expect(card.querySelectorAll('button, table')).to.have.length(0);
    // Running plans first; the paid-off and rejected ones after them, in the merchant's order.
    expect($$(panel, 'li.plan').map((li) => li.dataset.plan)).to.deep.equal([
      'plan-overdue',
      'plan-due-soon',
      'plan-paid-off',
    ]);
  });

  it('shows a cancelled plan as 已取消 with the paid-off ones, and an English page in English', async () => {
    const panel = await panelWith(merchantOf(inLife('cancelled', 'Order cancelled by the shopper')), 'en');
    const card = planItem(panel, 'plan-due-soon');
    expect(visibleText($(panel, 'li[data-plan="plan-due-soon"] [part="badge"]'))).to.equal('Cancelled');
    expect(visibleText(card)).to.contain('Reason: Order cancelled by the shopper. Nothing to repay.');
    const zh = await panelWith(merchantOf(inLife('cancelled', 'Order cancelled by the shopper')));
    // A reason in another language than the page's is left out: no English on a zh-CN screen.
    expect(visibleText(planItem(zh, 'plan-due-soon'))).to.match(/已取消\s*无需还款。$/);
  });

  it('opens no repay flow for a plan that is not active, from a deep link either', async () => {
    const merchant = merchantOf(inLife('under-review'));
    const panel = await panelWith(merchant);
    panel.openFlow('repay', 'plan-due-soon');
    await panel.updateComplete;
    expect(visibleText($(panel, '.notice'))).to.equal('这笔分期未生效，无需还款。');
    expect($(panel, 'dialog[open]')).to.be.null;
    expect(merchant.count('getPaymentMethods')).to.equal(0);
  });

  it('reads a plan under review again, waiting longer each time, until it is decided', async () => {
    FenqiBillPanel.reviewRefreshMs = 40;
    const merchant = merchantOf(inLife('under-review'));
    const reads: number[] = [];
    // The merchant decides between the third and the fourth read.
    const read = merchant.getPlans.bind(merchant);
    merchant.getPlans = () => {
      reads.push(performance.now());
      if (reads.length >= 4) merchant.plans = [inLife('active')];
      return read();
    };
    const panel = await panelWith(merchant);
    await waitUntil(() => planItem(panel, 'plan-due-soon')?.querySelector('button.repay'), 'approved plan shown', {
      timeout: 10_000,
    });
    expect(reads).to.have.length(4);
    const gaps = reads.slice(1).map((t, i) => t - reads[i]!);
    // 40, 80, 160 ms at least (a busy machine only makes them longer).
    gaps.forEach((gap, i) => expect(gap, `gap ${i}`).to.be.at.least(40 * 2 ** i - 5));
  });

  it('keeps old plans without a status as active', async () => {
    const logged = await capturingErrors(async () => {
      expect(dueSoon.status, 'the kit’s fixtures carry no status').to.equal(undefined);
      const panel = await panelWith(merchantOf(dueSoon));
      expect(planItem(panel, 'plan-due-soon').querySelector('button.repay')).to.exist;
      expect(planItem(panel, 'plan-due-soon').dataset.status).to.equal(undefined);
    });
    expect(logged).to.deep.equal([]);
  });
});
