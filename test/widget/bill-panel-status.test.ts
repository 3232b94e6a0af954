import { expect, waitUntil } from '@open-wc/testing';
import { FenqiBillPanel } from '../../widget/bill-panel/bill-panel.js';
import type { Plan } from '../../shared/plan.js';
import {
  $,
  $$,
  FakeAdapter,
  overduePlan,
  paidPlan,
  panelWith,
  planItem,
  soonPlan,
  visibleText,
} from './bill-panel.fixtures.js';
import { capturingErrors } from '../helpers/console.js';

/** The soon plan as it stands in another part of its life (issue 15). */
const inLife = (status: Plan['status'], reason?: string): Plan => ({
  ...soonPlan(),
  status,
  ...(reason ? { statusReason: reason } : {}),
});

describe('<fenqi-bill-panel> plan statuses', () => {
  const first = FenqiBillPanel.reviewRefreshMs;
  afterEach(() => (FenqiBillPanel.reviewRefreshMs = first));

  it('shows a plan under review as 审核中, with what happens next and no repay or method action', async () => {
    const panel = await panelWith(new FakeAdapter([inLife('under-review'), overduePlan()]));
    const card = planItem(panel, 'p-soon');
    expect(card.dataset.status).to.equal('under-review');
    expect(visibleText($(panel, 'li[data-plan="p-soon"] [part="badge"]'))).to.equal('审核中');
    expect(visibleText(card)).to.contain('审核通过后开始还款并发货，期间无需还款。');
    expect(card.querySelectorAll('button')).to.have.length(0);
    expect(visibleText(card)).not.to.match(/应还|到期/);
    // An active plan next to it keeps its actions.
    expect(planItem(panel, 'p-overdue').querySelector('button.repay')).to.exist;
  });

  it('shows a rejected plan as 未通过 with the reason, nothing owed, among the finished plans', async () => {
    const rejected = inLife('rejected', '超出花呗分期可用额度（¥20,000.00）');
    const panel = await panelWith(new FakeAdapter([rejected, paidPlan(), overduePlan()]));
    const card = planItem(panel, 'p-soon');
    expect(visibleText($(panel, 'li[data-plan="p-soon"] [part="badge"]'))).to.equal('未通过');
    expect(visibleText(card)).to.contain('原因：超出花呗分期可用额度（¥20,000.00）。未生成还款计划，无需还款。');
    expect(card.querySelectorAll('button, table')).to.have.length(0);
    // Running plans first; the paid-off and rejected ones after them, in the merchant's order.
    expect($$(panel, 'li.plan').map((li) => li.dataset.plan)).to.deep.equal(['p-overdue', 'p-soon', 'p-done']);
  });

  it('shows a cancelled plan as 已取消 with the paid-off ones, and an English page in English', async () => {
    const panel = await panelWith(new FakeAdapter([inLife('cancelled', 'Order cancelled by the shopper')]), 'en');
    const card = planItem(panel, 'p-soon');
    expect(visibleText($(panel, 'li[data-plan="p-soon"] [part="badge"]'))).to.equal('Cancelled');
    expect(visibleText(card)).to.contain('Reason: Order cancelled by the shopper. Nothing to repay.');
    const zh = await panelWith(new FakeAdapter([inLife('cancelled', 'Order cancelled by the shopper')]));
    // A reason in another language than the page's is left out: no English on a zh-CN screen.
    expect(visibleText(planItem(zh, 'p-soon'))).to.match(/已取消\s*无需还款。$/);
  });

  it('opens no repay flow for a plan that is not active, from a deep link either', async () => {
    const adapter = new FakeAdapter([inLife('under-review')]);
    const panel = await panelWith(adapter);
    panel.openFlow('repay', 'p-soon');
    await panel.updateComplete;
    expect(visibleText($(panel, '.notice'))).to.equal('这笔分期未生效，无需还款。');
    expect($(panel, 'dialog[open]')).to.be.null;
    expect(adapter.count('getPaymentMethods')).to.equal(0);
  });

  it('reads a plan under review again, waiting longer each time, until it is decided', async () => {
    FenqiBillPanel.reviewRefreshMs = 40;
    const adapter = new FakeAdapter([inLife('under-review')]);
    const reads: number[] = [];
    adapter.plansAnswer = () => {
      reads.push(performance.now());
      const approved = reads.length >= 4;
      return Promise.resolve({ plans: [inLife(approved ? 'active' : 'under-review')], asOf: adapter.asOf });
    };
    const panel = await panelWith(adapter);
    await waitUntil(() => planItem(panel, 'p-soon')?.querySelector('button.repay'), 'approved plan shown', {
      timeout: 10_000,
    });
    expect(reads).to.have.length(4);
    const gaps = reads.slice(1).map((t, i) => t - reads[i]!);
    // 40, 80, 160 ms at least (a busy machine only makes them longer).
    gaps.forEach((gap, i) => expect(gap, `gap ${i}`).to.be.at.least(40 * 2 ** i - 5));
  });

  it('keeps old plans without a status as active', async () => {
    const logged = await capturingErrors(async () => {
      const panel = await panelWith(new FakeAdapter([soonPlan()]));
      expect(planItem(panel, 'p-soon').querySelector('button.repay')).to.exist;
      expect(planItem(panel, 'p-soon').dataset.status).to.equal(undefined);
    });
    expect(logged).to.deep.equal([]);
  });
});
