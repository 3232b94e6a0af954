import { expect } from '@open-wc/testing';
import {
  amountDue,
  FenqiInputError,
  applyRepayment,
  MAX_FEN,
  type Payment,
  type Plan,
  type PlanPolicy,
  parsePlan,
  planStatus,
  quote,
  type QuoteInput,
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

/** A plan as the merchant would create it from a quote, the first `paidCount` installments paid on their due dates. */
function planFrom(input: QuoteInput, policy: PlanPolicy, paidCount = 0): Plan {
  const q = quote(input);
  return {
    ...overduePlan(policy),
    principal: input.principal,
    purchaseDate: input.purchaseDate,
    installments: q.installments.map((i) => ({
      n: i.n,
      ...(i.statementDate ? { statementDate: i.statementDate } : {}),
      dueDate: i.dueDate,
      principal: i.principal,
      fee: i.fee,
      paid: i.n <= paidCount ? i.total : 0,
      paidDate: i.n <= paidCount ? i.dueDate : null,
    })),
  };
}

/** One installment of 100000 fen (no fee) due 2024-04-10, with the given payments towards it. */
function single(policy: Partial<PlanPolicy>, payments: Payment[] = [], principal = 100000): Plan {
  const paid = payments.reduce((a, p) => a + p.amount, 0);
  return {
    ...overduePlan({ ...HUABEI, ...policy }),
    principal,
    installments: [
      {
        n: 1,
        dueDate: '2024-04-10',
        principal,
        fee: 0,
        paid,
        paidDate: payments.length ? payments[payments.length - 1]!.date : null,
        payments,
      },
    ],
  };
}

describe('late charges accrue on the daily outstanding balance', () => {
  it('a partial payment lowers the balance from that day on, not back to the due date', () => {
    // 5 days on 100000, then 5 days on the 50000 left: 250 + 125 = 375 fen (not 50000 × 10 days = 250).
    const plan = single({}, [{ date: '2024-04-15', amount: 50000 }]);
    const due = amountDue(plan, { count: 1 }, '2024-04-20');
    expect(due.installments[0]).to.include({ principal: 50000, lateCharge: 250 + 125, daysOverdue: 10 });
    expect(planStatus(plan, '2024-04-20').lateCharge).to.equal(375);
  });

  it('what was paid within grace was paid on time; the rest is charged from the day after the due date', () => {
    // Paid 50000 two days late with 3 grace days: no charge on it; the 50000 left is 10 days late: 250.
    const plan = single({ graceDays: 3 }, [{ date: '2024-04-12', amount: 50000 }]);
    expect(amountDue(plan, { count: 1 }, '2024-04-20').lateCharge).to.equal(250);
  });

  it('reads older data (paid and paidDate, no payments) as one payment on paidDate', () => {
    const plan = single({}, [{ date: '2024-04-15', amount: 50000 }]);
    delete plan.installments[0]!.payments;
    expect(amountDue(plan, { count: 1 }, '2024-04-20').lateCharge).to.equal(375);
  });

  it('repaying records a dated payment, so a later late charge still knows when each fen was paid', () => {
    const plan = single({}, [{ date: '2024-04-15', amount: 50000 }]);
    const r = applyRepayment(plan, { installments: [1] }, '2024-04-20');
    expect(r).to.include({ charged: 50000 + 375, lateCharge: 375 });
    expect(r.plan.installments[0]).to.deep.include({
      paid: 100000,
      paidDate: '2024-04-20',
      payments: [
        { date: '2024-04-15', amount: 50000 },
        { date: '2024-04-20', amount: 50000 },
      ],
    });
  });

  it('is capped at 100 % of the installment’s principal + fee by default, or at the policy’s lateChargeCapPct', () => {
    // 1000 fen 10 years late at 0.05 %/day would be 1826 fen.
    const plan = single({}, [], 1000);
    expect(amountDue(plan, { count: 1 }, '2034-04-10').lateCharge).to.equal(1000);
    expect(amountDue(single({ lateChargeCapPct: '10' }, [], 1000), { count: 1 }, '2028-04-10').lateCharge).to.equal(
      100,
    );
    expect(amountDue(single({ lateChargeCapPct: '10' }, [], 1000), { count: 1 }, '2024-04-20').lateCharge).to.equal(5);
  });

  it('stays a safe integer for a hostile plan (¥10^11 at 100 %/day for 9,000 years)', () => {
    const plan: Plan = { ...single({ lateDailyRatePct: '100' }, [], MAX_FEN) };
    plan.installments[0]!.dueDate = '1000-01-01';
    const due = amountDue(plan, { payoff: true }, '9999-12-31');
    expect(due).to.include({ lateCharge: MAX_FEN, total: 2 * MAX_FEN });
    expect(Number.isSafeInteger(planStatus(plan, '9999-12-31').lateCharge)).to.equal(true);
  });
});

describe('early payoff rules', () => {
  // ¥12,000 over 12 months at 12 %/year (等额本息), bought 2024-01-15; periods 1–2 paid.
  const loan: QuoteInput = {
    principal: 1200000,
    term: 12,
    fee: { model: 'equal-payment', annualRatePct: '12' },
    purchaseDate: '2024-01-15',
  };

  it('a loan paid off early owes its principal and the interest accrued to the payoff day (民法典 art. 677)', () => {
    const plan = planFrom(loan, { ...HUABEI, unbilledFeesOnPayoff: 'accrued' }, 2);
    // Period 3 runs 03-15 → 04-15 (31 days) with 10098 interest; 10 days have passed: 10098 × 10/31 = 3257.4 → 3257.
    const due = amountDue(plan, { payoff: true }, '2024-03-25');
    expect(due).to.include({ principal: 1009816, fee: 3257, lateCharge: 0, total: 1009816 + 3257 });
    expect(due.feeWaived).to.equal(79423 - 12000 - 11054 - 3257);
    expect(due.installments[0]).to.include({ n: 3, fee: 3257, feeWaived: 10098 - 3257 });
    expect(applyRepayment(plan, { payoff: true }, '2024-03-25').charged).to.equal(due.total);
  });

  it('accrues nothing on the day the previous period fell due, and the whole interest on its own due date', () => {
    const plan = planFrom(loan, { ...HUABEI, unbilledFeesOnPayoff: 'accrued' }, 2);
    expect(amountDue(plan, { payoff: true }, '2024-03-15').fee).to.equal(0);
    expect(amountDue(plan, { payoff: true }, '2024-04-14').fee).to.equal(Math.round((10098 * 30) / 31));
    // On 04-15 period 3 is due: its interest is owed in full, period 4 has accrued nothing yet.
    expect(amountDue(plan, { payoff: true }, '2024-04-15').fee).to.equal(10098);
  });

  it('a statement product owes on payoff every fee already billed on a statement, even when not yet due', () => {
    const card: QuoteInput = {
      principal: 120000,
      term: 6,
      fee: { model: 'flat-monthly', ratePct: '0.6' },
      purchaseDate: '2024-03-01',
      schedule: { mode: 'statement', billingDay: 5, dueDay: 25 },
    };
    const plan = planFrom(card, { ...HUABEI, unbilledFeesOnPayoff: 'waived' }, 0);
    // Statement 2024-03-05 bills period 1 (due 03-25); on 03-10 it is billed but not due: its 720 fen fee stands.
    expect(plan.installments[0]).to.include({ statementDate: '2024-03-05', dueDate: '2024-03-25', fee: 720 });
    const due = amountDue(plan, { payoff: true }, '2024-03-10');
    expect(due).to.include({ fee: 720, feeWaived: 5 * 720, total: 120000 + 720 });
  });

  it('a partial prepayment goes to principal first, never to a fee that the payoff then waives', () => {
    const policy: PlanPolicy = { ...HUABEI, unbilledFeesOnPayoff: 'waived' };
    const plan = planFrom(
      { principal: 100000, term: 3, fee: { model: 'flat-total', ratePct: '2.3' }, purchaseDate: '2024-03-10' },
      policy,
    );
    // 500 fen paid towards period 3 on 04-01, long before it is billed (06-10).
    plan.installments[2] = { ...plan.installments[2]!, paid: 500, paidDate: '2024-04-01' };
    const due = amountDue(plan, { payoff: true }, '2024-04-10');
    // Period 1 is due today (its fee stands); the fees of periods 2 and 3 are waived whole.
    expect(due).to.include({ feeWaived: 766 + 768, fee: 766 });
    expect(due.installments[2]).to.include({ principal: 33334 - 500, fee: 0, feeWaived: 768 });
  });

  it('a partial payment after the bill goes to the fee first (先息后本)', () => {
    const plan = planFrom(
      { principal: 100000, term: 3, fee: { model: 'flat-total', ratePct: '2.3' }, purchaseDate: '2024-03-10' },
      HUABEI,
    );
    plan.installments[0] = { ...plan.installments[0]!, paid: 500, paidDate: '2024-04-10' };
    expect(amountDue(plan, { count: 1 }, '2024-04-10').installments[0]).to.include({ principal: 33333, fee: 266 });
  });
});

describe('what amountDue() prices by survives the checks on plans from outside', () => {
  it('keeps statement dates, dated payments and the new policy fields, so both sides price alike', () => {
    const plan = single({ unbilledFeesOnPayoff: 'accrued', lateChargeCapPct: '30' }, [
      { date: '2024-04-15', amount: 50000 },
    ]);
    plan.installments[0]!.statementDate = '2024-03-20';
    const checked = parsePlan(JSON.parse(JSON.stringify(plan)));
    expect(checked.installments[0]).to.deep.include({
      statementDate: '2024-03-20',
      payments: [{ date: '2024-04-15', amount: 50000 }],
    });
    expect(checked.policy).to.deep.equal(plan.policy);
    expect(amountDue(checked, { count: 1 }, '2024-04-20')).to.deep.equal(amountDue(plan, { count: 1 }, '2024-04-20'));
  });

  it('refuses payments that do not add up to paid, and an unknown payoff rule', () => {
    const plan = single({}, [{ date: '2024-04-15', amount: 50000 }]);
    const bad = structuredClone(plan);
    bad.installments[0]!.paid = 60000;
    expect(() => parsePlan(bad)).to.throw(FenqiInputError, /installments\[0\]\.payments: must add up to paid/);
    const rule = structuredClone(plan) as unknown as { policy: { unbilledFeesOnPayoff: string } };
    rule.policy.unbilledFeesOnPayoff = 'refunded';
    expect(() => parsePlan(rule)).to.throw(FenqiInputError, /policy\.unbilledFeesOnPayoff/);
  });
});
