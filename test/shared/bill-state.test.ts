import { expect } from '@open-wc/testing';
import {
  applyRepayment,
  FenqiInputError,
  installmentStatuses,
  lateCharge,
  type Plan,
  type PlanPolicy,
  planStatus,
  RepaymentError,
} from '../../shared/index.js';

const policy: PlanPolicy = { lateDailyRatePct: '0.05', graceDays: 3, unbilledFeesOnPayoff: 'waived' };

/** 1000.00 over 3 periods at 2.3% (reference case C01), nothing paid yet. */
function plan(changes: Partial<Plan> = {}): Plan {
  return {
    id: 'p1',
    orderId: 'ORD-1',
    product: 'Redmi Buds',
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 100000,
    currency: 'CNY',
    purchaseDate: '2024-03-15',
    installments: [
      { n: 1, dueDate: '2024-04-10', principal: 33333, fee: 766, paid: 0, paidDate: null },
      { n: 2, dueDate: '2024-05-10', principal: 33333, fee: 766, paid: 0, paidDate: null },
      { n: 3, dueDate: '2024-06-10', principal: 33334, fee: 768, paid: 0, paidDate: null },
    ],
    autoDebit: true,
    preferredMethod: null,
    policy,
    ...changes,
  };
}

function withPaid(p: Plan, paid: Record<number, number>): Plan {
  return {
    ...p,
    installments: p.installments.map((i) =>
      paid[i.n] === undefined ? i : { ...i, paid: paid[i.n]!, paidDate: '2024-04-01' },
    ),
  };
}

/** Freezes a plan all the way down, so a mutation throws. */
function frozen(p: Plan): Plan {
  p.installments.forEach((i) => Object.freeze(i));
  Object.freeze(p.installments);
  return Object.freeze(p);
}

describe('installment status on a calendar day', () => {
  const first = (today: string, options = {}) => installmentStatuses(plan(), today, options)[0]!;

  it('is upcoming, then due soon within 3 days, then due today', () => {
    expect(first('2024-04-06')).to.include({ state: 'upcoming', daysUntilDue: 4, daysOverdue: 0 });
    expect(first('2024-04-07')).to.include({ state: 'due-soon', daysUntilDue: 3 });
    expect(first('2024-04-09')).to.include({ state: 'due-soon', daysUntilDue: 1 });
    expect(first('2024-04-10')).to.include({ state: 'due-today', daysUntilDue: 0, lateCharge: 0 });
  });

  it('takes the due-soon window from the caller', () => {
    expect(first('2024-04-03', { dueSoonDays: 7 }).state).to.equal('due-soon');
    expect(first('2024-04-09', { dueSoonDays: 0 }).state).to.equal('upcoming');
  });

  it('is overdue from the day after the due date, in grace without a late charge for 3 days', () => {
    expect(first('2024-04-11')).to.include({
      state: 'overdue',
      daysOverdue: 1,
      daysUntilDue: -1,
      inGrace: true,
      lateCharge: 0,
    });
    expect(first('2024-04-13')).to.include({ daysOverdue: 3, inGrace: true, lateCharge: 0 });
  });

  it('charges from the day after the due date once grace has passed (34099 × 0.05% × 4 = 68.198 → 68)', () => {
    expect(first('2024-04-14')).to.include({ state: 'overdue', daysOverdue: 4, inGrace: false, lateCharge: 68 });
  });

  it('is partially paid when something but not everything is paid, and charges late only on the rest', () => {
    const s = installmentStatuses(withPaid(plan(), { 1: 10000 }), '2024-04-14')[0]!;
    // 24099 × 0.0005 × 4 = 48.198 → 48
    expect(s).to.include({ state: 'overdue', partiallyPaid: true, outstanding: 24099, lateCharge: 48 });
  });

  it('is paid, never overdue, once principal and fee are paid', () => {
    const s = installmentStatuses(withPaid(plan(), { 1: 34099 }), '2024-05-30')[0]!;
    expect(s).to.include({ state: 'paid', partiallyPaid: false, outstanding: 0, daysOverdue: 0, lateCharge: 0 });
  });

  it('counts days across month and year ends by the calendar, not by clock hours', () => {
    const p = plan({ installments: [{ n: 1, dueDate: '2025-03-01', principal: 1, fee: 0, paid: 0, paidDate: null }] });
    expect(installmentStatuses(p, '2024-12-31')[0]!.daysUntilDue).to.equal(60);
    expect(installmentStatuses(p, '2025-02-28')[0]!.daysUntilDue).to.equal(1);
    expect(installmentStatuses(p, '2025-03-10')[0]!.daysOverdue).to.equal(9);
  });

  it('rejects an impossible day', () => {
    expect(() => installmentStatuses(plan(), '2024-02-30')).to.throw(FenqiInputError, /today/);
  });
});

describe('plan status', () => {
  it('takes the most urgent state of the unpaid installments and totals what is owed', () => {
    const s = planStatus(withPaid(plan(), { 2: 100 }), '2024-05-20');
    expect(s.state).to.equal('overdue');
    expect(s.next?.n).to.equal(1);
    expect(s.daysUntilNextDue).to.equal(-40);
    expect(s.outstanding).to.equal(102300 - 100);
    expect(s.overdueAmount).to.equal(34099 + 34099 - 100);
    // 34099 × 0.0005 × 40 = 681.98 → 682; 33999 × 0.0005 × 10 = 169.995 → 170
    expect(s.lateCharge).to.equal(682 + 170);
  });

  it('is due soon when the next installment is within the window', () => {
    const s = planStatus(withPaid(plan(), { 1: 34099 }), '2024-05-08');
    expect([s.state, s.next?.n, s.daysUntilNextDue]).to.deep.equal(['due-soon', 2, 2]);
  });

  it('is paid off with nothing next once every installment is paid', () => {
    const s = planStatus(withPaid(plan(), { 1: 34099, 2: 34099, 3: 34102 }), '2024-07-01');
    expect(s).to.include({ state: 'paid-off', next: null, daysUntilNextDue: null, outstanding: 0, lateCharge: 0 });
  });
});

describe('planStatus().daysUntilNextDue', () => {
  it('counts to the oldest unpaid installment, negative when it is overdue, null when paid off', () => {
    const days = (p: Plan, today: string) => planStatus(p, today).daysUntilNextDue;
    expect(days(plan(), '2024-03-15')).to.equal(26);
    expect(days(withPaid(plan(), { 1: 34099 }), '2024-04-15')).to.equal(25);
    expect(days(plan(), '2024-04-15')).to.equal(-5);
    expect(days(withPaid(plan(), { 1: 34099, 2: 34099, 3: 34102 }), '2024-04-15')).to.equal(null);
  });
});

describe('lateCharge()', () => {
  it('rounds half a fen up', () => {
    // 1000 × 0.05% × 1 = 0.5 fen
    expect(lateCharge(1000, 1, { ...policy, graceDays: 0 })).to.equal(1);
    expect(lateCharge(999, 1, { ...policy, graceDays: 0 })).to.equal(0);
  });

  it('is exact for large amounts and long delays', () => {
    // 10^13 × 0.0005 × 365 = 1,825,000,000,000 exactly
    expect(lateCharge(10 ** 13, 365, { ...policy, graceDays: 0 })).to.equal(1825000000000);
  });

  it('is 0 within grace and for nothing owed', () => {
    expect(lateCharge(34099, 3, policy)).to.equal(0);
    expect(lateCharge(0, 30, policy)).to.equal(0);
  });

  it('rejects a bad policy naming the field', () => {
    expect(() => lateCharge(100, 5, { ...policy, lateDailyRatePct: '5e-2' })).to.throw(
      FenqiInputError,
      /policy.lateDailyRatePct/,
    );
    expect(() => lateCharge(100, 5, { ...policy, graceDays: -1 })).to.throw(FenqiInputError, /policy.graceDays/);
  });
});

describe('applyRepayment()', () => {
  it('settles the oldest installment and returns a new plan, leaving the old one untouched', () => {
    const before = frozen(plan());
    const r = applyRepayment(before, { installments: [1] }, '2024-04-08');
    expect(r).to.include({ charged: 34099, installmentsPaid: 34099, lateCharge: 0, waivedFee: 0 });
    expect(r.settled).to.deep.equal([1]);
    expect(r.plan.installments[0]).to.deep.equal({
      ...before.installments[0],
      paid: 34099,
      paidDate: '2024-04-08',
      payments: [{ date: '2024-04-08', amount: 34099 }],
    });
    expect(r.plan.installments.slice(1)).to.deep.equal(before.installments.slice(1));
    expect(before.installments[0]!.paid).to.equal(0);
  });

  it('adds the late charge of an installment paid past grace', () => {
    // 34099 × 0.0005 × 10 = 170.495 → 170
    const r = applyRepayment(plan(), { installments: [1] }, '2024-04-20');
    expect(r).to.include({ charged: 34099 + 170, installmentsPaid: 34099, lateCharge: 170 });
  });

  it('pays only the rest of a partially paid installment', () => {
    const r = applyRepayment(withPaid(plan(), { 1: 10000 }), { installments: [1, 2] }, '2024-04-09');
    expect(r.charged).to.equal(24099 + 34099);
    expect(r.plan.installments.map((i) => i.paid)).to.deep.equal([34099, 34099, 0]);
  });

  const refusals: [string, Plan, number[], string, string][] = [
    ['nothing', plan(), [], 'nothing-selected', 'installments'],
    ['a later installment first', plan(), [2], 'not-oldest-first', 'installments[0]'],
    ['a gap', plan(), [1, 3], 'not-oldest-first', 'installments[1]'],
    ['the oldest ones out of order', plan(), [2, 1], 'not-oldest-first', 'installments[0]'],
    ['the same installment twice', plan(), [1, 1], 'not-oldest-first', 'installments[1]'],
    ['an installment already paid', withPaid(plan(), { 1: 34099 }), [1], 'not-oldest-first', 'installments[0]'],
    ['an installment the plan does not have', plan(), [1, 2, 3, 4], 'unknown-installment', 'installments[3]'],
    [
      'anything on a paid-off plan',
      withPaid(plan(), { 1: 34099, 2: 34099, 3: 34102 }),
      [1],
      'paid-off',
      'installments',
    ],
  ];
  for (const [what, p, ns, code, field] of refusals) {
    it(`refuses ${what} with a typed error`, () => {
      try {
        applyRepayment(p, { installments: ns }, '2024-04-08');
        expect.fail('no error');
      } catch (e) {
        expect(e).to.be.instanceOf(RepaymentError);
        expect(e).to.be.instanceOf(FenqiInputError);
        expect(e).to.include({ code, field });
      }
    });
  }

  it('pays off early, waiving the fees of periods not yet due when the policy says so', () => {
    const r = applyRepayment(frozen(plan()), { payoff: true }, '2024-04-10');
    // Period 1 is due today, so its fee stands; 766 + 768 are waived.
    expect(r).to.include({ charged: 34099 + 33333 + 33334, waivedFee: 766 + 768, lateCharge: 0 });
    expect(r.settled).to.deep.equal([1, 2, 3]);
    expect(r.plan.installments.map((i) => [i.fee, i.paid, i.feeWaived])).to.deep.equal([
      [766, 34099, undefined],
      [0, 33333, 766],
      [0, 33334, 768],
    ]);
  });

  it('charges every remaining fee on payoff when the policy says charged', () => {
    const r = applyRepayment(
      plan({ policy: { ...policy, unbilledFeesOnPayoff: 'charged' } }),
      { payoff: true },
      '2024-04-10',
    );
    expect(r).to.include({ charged: 102300, waivedFee: 0 });
  });

  it('waives the whole fee of a period prepaid in part: a prepayment goes to principal first', () => {
    // 500 paid on 04-01 towards period 3 (billed 06-10) is principal, so its 768 fee is waived whole.
    const r = applyRepayment(withPaid(plan(), { 3: 500 }), { payoff: true }, '2024-04-10');
    expect(r.waivedFee).to.equal(766 + 768);
    expect(r.plan.installments[2]).to.include({ fee: 0, paid: 33334, feeWaived: 768 });
  });

  it('waives only the unpaid part of a fee that a prepayment beyond the principal reached (not refunded)', () => {
    const r = applyRepayment(withPaid(plan(), { 3: 33334 + 100 }), { payoff: true }, '2024-04-10');
    expect(r.waivedFee).to.equal(766 + 668);
    expect(r.plan.installments[2]).to.include({ fee: 100, paid: 33434, feeWaived: 668 });
  });

  it('adds late charges of overdue periods to a payoff', () => {
    const r = applyRepayment(plan(), { payoff: true }, '2024-05-20');
    // Period 1 is 40 days late (682), period 2 is 10 days late (170), period 3's fee is waived.
    expect(r).to.include({ lateCharge: 852, waivedFee: 768, charged: 34099 + 34099 + 33334 + 852 });
  });
});
