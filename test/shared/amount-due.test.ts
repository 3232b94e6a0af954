import { expect } from '@open-wc/testing';
import {
  amountDue,
  applyRepayment,
  type Plan,
  type PlanPolicy,
  planStatus,
  quote,
  RepaymentError,
} from '../../shared/index.js';

const HUABEI: PlanPolicy = { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' };

/**
 * The demo store's overdue plan (demo/seed.ts): ¥2,999.00 over 6 periods at 4.5 %, two installments paid on
 * their due dates, the third (¥522.32) due on 2024-04-10 and unpaid.
 */
function overduePlan(policy: PlanPolicy = HUABEI): Plan {
  const q = quote({
    principal: 299900,
    term: 6,
    fee: { model: 'flat-total', ratePct: '4.5' },
    purchaseDate: '2024-01-10',
  });
  return {
    id: 'plan-2401',
    orderId: 'ORD-2401',
    product: 'Redmi K70 16GB+512GB',
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 299900,
    currency: 'CNY',
    purchaseDate: '2024-01-10',
    installments: q.installments.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      principal: i.principal,
      fee: i.fee,
      paid: i.n <= 2 ? i.total : 0,
      paidDate: i.n <= 2 ? i.dueDate : null,
    })),
    autoDebit: true,
    preferredMethod: null,
    policy,
  };
}

describe('amountDue(): what is owed now', () => {
  // Two days overdue: 52232 × 0.05 % × 2 = 52.232 → 52 fen of late charge.
  const asOf = '2024-04-12';

  it('the card’s 应还 includes the late charge and is what the dialog charges (was ¥522.32 shown, ¥522.84 charged)', () => {
    const plan = overduePlan();
    const card = planStatus(plan, asOf).nextDue!;
    expect(card).to.include({ principal: 49983, fee: 2249, lateCharge: 52, feeWaived: 0, total: 52284 });
    expect(applyRepayment(plan, { installments: [3] }, asOf).charged).to.equal(card.total);
  });

  it('breaks the figure down per installment, and totals it', () => {
    const due = amountDue(overduePlan(), { count: 2 }, asOf);
    expect(due).to.deep.include({ asOf, payoff: false, principal: 2 * 49983, fee: 2 * 2249, lateCharge: 52 });
    expect(due.total).to.equal(52284 + 52232);
    expect(due.installments.map((i) => [i.n, i.daysOverdue, i.lateCharge, i.total])).to.deep.equal([
      [3, 2, 52, 52284],
      [4, 0, 0, 52232],
    ]);
  });

  it('reads a count and the installment numbers of the merchant API alike', () => {
    const plan = overduePlan();
    expect(amountDue(plan, { installments: [3, 4] }, asOf)).to.deep.equal(amountDue(plan, { count: 2 }, asOf));
  });

  it('prices a payoff with the fees the policy waives', () => {
    const due = amountDue(overduePlan({ ...HUABEI, unbilledFeesOnPayoff: 'waived' }), { payoff: true }, asOf);
    // Periods 4–6 are not due yet: their fees (2249 + 2249 + 2251) are given up.
    expect(due).to.include({ payoff: true, feeWaived: 2249 + 2249 + 2251, fee: 2249, lateCharge: 52 });
    expect(due.total).to.equal(49983 * 3 + 49985 + 2249 + 52);
  });

  it('is what applyRepayment charges, to the fen, for every choice', () => {
    const plan = overduePlan({ ...HUABEI, unbilledFeesOnPayoff: 'waived' });
    for (const choice of [{ installments: [3] }, { installments: [3, 4, 5] }, { payoff: true as const }]) {
      const r = applyRepayment(plan, choice, asOf);
      expect(r.charged).to.equal(amountDue(plan, choice, asOf).total);
      expect(r.due).to.deep.equal(amountDue(plan, choice, asOf));
    }
  });

  it('refuses a count of nothing or of more than is unpaid, with a typed error', () => {
    for (const [count, code] of [
      [0, 'nothing-selected'],
      [1.5, 'nothing-selected'],
      [5, 'unknown-installment'],
    ] as const) {
      try {
        amountDue(overduePlan(), { count }, asOf);
        expect.fail(`accepted count ${count}`);
      } catch (e) {
        expect(e).to.be.instanceOf(RepaymentError);
        expect(e).to.include({ code, field: 'count' });
      }
    }
  });

  it('has nothing next once the plan is paid off', () => {
    const plan = overduePlan();
    const paid = applyRepayment(plan, { payoff: true }, asOf).plan;
    expect(planStatus(paid, asOf).nextDue).to.equal(null);
  });
});
