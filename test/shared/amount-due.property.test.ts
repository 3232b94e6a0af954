// amountDue() against an independent reading of the rules in docs/quote.md: late charges summed day by day
// over the balance still unpaid that day (not by payment chunks), payments allocated in closed form (not by a
// running loop), payoff fees from the policy; and, over a plan's whole life, every charge equals its preview
// and the charges add up to what was owed.
import fc from 'fast-check';
import {
  addDays,
  amountDue,
  applyRepayment,
  daysBetween,
  type DueChoice,
  type Installment,
  type IsoDate,
  type Plan,
  planStatus,
} from '../../shared/index.js';
import { check, planOnDay, RUNS } from './arbitraries.js';

/** A percentage string as the exact ratio units / den of a whole. */
function ratio(pct: string): { units: bigint; den: bigint } {
  const [whole, frac = ''] = pct.split('.');
  return { units: BigInt(whole! + frac), den: 100n * 10n ** BigInt(frac.length) };
}

const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);
const day = (from: IsoDate, to: IsoDate) => daysBetween(from, to);

/** The recorded payments, or older data's single lump on paidDate. */
function paymentsOf(i: Installment) {
  return i.payments ?? (i.paid > 0 ? [{ date: i.paidDate ?? i.dueDate, amount: i.paid }] : []);
}

/** The day a fee is billed: its statement date, else its due date. */
const billedOn = (i: Installment) => i.statementDate ?? i.dueDate;

/** Principal and fee paid: payments before the bill go to principal first, those on or after it to the fee first. */
function allocation(i: Installment): { principalPaid: number; feePaid: number } {
  const before = paymentsOf(i)
    .filter((x) => x.date < billedOn(i))
    .reduce((a, x) => a + x.amount, 0);
  const after = i.paid - before;
  const pp1 = Math.min(before, i.principal);
  const fp1 = Math.min(before - pp1, i.fee);
  const fp2 = Math.min(after, i.fee - fp1);
  const pp2 = Math.min(after - fp2, i.principal - pp1);
  return { principalPaid: pp1 + pp2, feePaid: fp1 + fp2 };
}

/**
 * Late charge, day by day: each day after the due date up to `asOf` charges the rate on what was unpaid at
 * the start of that day, leaving out fen paid within grace (paid on time). Nothing within grace, nothing once
 * settled; capped at cap % of principal + fee.
 */
function oracleLate(plan: Plan, i: Installment, asOf: IsoDate): number {
  const { graceDays, lateDailyRatePct, lateChargeCapPct = '100' } = plan.policy;
  const owed = i.principal + i.fee;
  const overdue = day(i.dueDate, asOf);
  if (i.paid >= owed || overdue <= graceDays) return 0;
  const payments = paymentsOf(i).map((x) => ({ at: day(i.dueDate, x.date), amount: x.amount }));
  const onTime = payments.filter((x) => x.at <= graceDays).reduce((a, x) => a + x.amount, 0);
  let fenDays = 0n;
  for (let d = 1; d <= overdue; d++) {
    const paidBefore = payments.filter((x) => x.at > graceDays && x.at < d).reduce((a, x) => a + x.amount, 0);
    fenDays += BigInt(owed - onTime - paidBefore);
  }
  const rate = ratio(lateDailyRatePct);
  const cap = ratio(lateChargeCapPct);
  const late = halfUp(fenDays * rate.units, rate.den);
  const most = halfUp(BigInt(owed) * cap.units, cap.den);
  return Number(late < most ? late : most);
}

/** The fee a payoff on `asOf` owes for an installment, by the policy. */
function oraclePayoffFee(plan: Plan, i: Installment, asOf: IsoDate, feeLeft: number, feePaid: number): number {
  if (billedOn(i) <= asOf || plan.policy.unbilledFeesOnPayoff === 'charged') return feeLeft;
  if (plan.policy.unbilledFeesOnPayoff === 'waived') return 0;
  const previous = plan.installments.find((x) => x.n === i.n - 1);
  const start = previous ? billedOn(previous) : plan.purchaseDate;
  const length = day(start, billedOn(i));
  const ran = Math.min(Math.max(day(start, asOf), 0), length);
  const accrued = length > 0 ? Number(halfUp(BigInt(i.fee) * BigInt(ran), BigInt(length))) : 0;
  return Math.min(feeLeft, Math.max(0, accrued - feePaid));
}

const unpaid = (p: Plan) => p.installments.filter((i) => i.paid < i.principal + i.fee);

const choice = fc.oneof(fc.constant<'payoff'>('payoff'), fc.integer({ min: 1, max: 60 }));

function toChoice(plan: Plan, k: 'payoff' | number): DueChoice {
  return k === 'payoff' ? { payoff: true } : { count: Math.min(k, unpaid(plan).length) };
}

describe('amountDue() properties', function () {
  // Day-by-day oracles over years of overdue days: allow for a machine busy with the other test browsers.
  this.timeout(300_000);

  it('matches the day-by-day oracle for every installment: principal, fee, late charge, waiver and total', () => {
    fc.assert(
      fc.property(planOnDay, choice, ({ plan, today }, k) => {
        fc.pre(unpaid(plan).length > 0);
        const due = amountDue(plan, toChoice(plan, k), today);
        let total = 0;
        for (const line of due.installments) {
          const i = plan.installments.find((x) => x.n === line.n)!;
          const { principalPaid, feePaid } = allocation(i);
          const feeLeft = i.fee - feePaid;
          const fee = k === 'payoff' ? oraclePayoffFee(plan, i, today, feeLeft, feePaid) : feeLeft;
          const late = oracleLate(plan, i, today);
          const want = [
            i.principal - principalPaid,
            fee,
            late,
            feeLeft - fee,
            i.principal - principalPaid + fee + late,
          ];
          const got = [line.principal, line.fee, line.lateCharge, line.feeWaived, line.total];
          check(got.join() === want.join(), `installment ${i.n}: got ${got}, want ${want}`);
          check(got.every(Number.isSafeInteger), `installment ${i.n}: not a safe integer`);
          total += line.total;
        }
        check(due.total === total, 'the total is not the sum of the installments');
        // The statuses the card and the extension show carry the same late charges.
        for (const s of planStatus(plan, today).installments) {
          const i = plan.installments.find((x) => x.n === s.n)!;
          check(s.lateCharge === oracleLate(plan, i, today), `status of ${s.n}: late ${s.lateCharge}`);
        }
      }),
      { numRuns: RUNS / 5 },
    );
  });

  it('a prepayment is never applied to a fee that the payoff then waives', () => {
    fc.assert(
      fc.property(planOnDay, ({ plan, today }) => {
        const waiving = { ...plan, policy: { ...plan.policy, unbilledFeesOnPayoff: 'waived' as const } };
        fc.pre(unpaid(waiving).length > 0);
        const due = amountDue(waiving, { payoff: true }, today);
        for (const line of due.installments) {
          const i = plan.installments.find((x) => x.n === line.n)!;
          const payments = paymentsOf(i);
          const prepaidOnly = payments.every((x) => x.date < billedOn(i));
          if (billedOn(i) > today && prepaidOnly && i.paid <= i.principal)
            check(line.feeWaived === i.fee && line.fee === 0, `installment ${i.n}: prepayment went to the fee`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('what a choice costs never falls as the days pass', () => {
    fc.assert(
      fc.property(planOnDay, choice, fc.integer({ min: 0, max: 400 }), ({ plan, today }, k, later) => {
        fc.pre(unpaid(plan).length > 0);
        const c = toChoice(plan, k);
        const now = amountDue(plan, c, today).total;
        const then = amountDue(plan, c, addDays(today, later)).total;
        check(then >= now, `${now} on ${today}, ${then} ${later} days later`);
      }),
      { numRuns: RUNS },
    );
  });

  it('over a plan’s life every charge is its preview, and the charges add up to what was owed plus late charges', () => {
    const steps = fc.array(fc.record({ k: choice, wait: fc.integer({ min: 0, max: 90 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(planOnDay, steps, ({ plan, today }, moves) => {
        let current = plan;
        let date = today;
        let charged = 0;
        let late = 0;
        let waived = 0;
        const start = plan.installments.reduce((a, i) => a + i.principal + i.fee - i.paid, 0);
        // Random repayments on later and later days, then a payoff.
        for (const { k, wait } of [...moves, { k: 'payoff' as const, wait: 0 }]) {
          if (unpaid(current).length === 0) break;
          date = addDays(date, wait);
          const c = toChoice(current, k);
          const preview = amountDue(current, c, date);
          const r = applyRepayment(
            current,
            'count' in c
              ? {
                  installments: unpaid(current)
                    .slice(0, c.count)
                    .map((i) => i.n),
                }
              : c,
            date,
          );
          check(r.charged === preview.total, `charged ${r.charged}, previewed ${preview.total}`);
          charged += r.charged;
          late += r.lateCharge;
          waived += r.waivedFee;
          current = r.plan;
        }
        check(planStatus(current, date).state === 'paid-off', 'not paid off');
        check(
          charged - late === start - waived,
          `charged ${charged} − late ${late} ≠ owed ${start} − waived ${waived}`,
        );
        for (const i of current.installments) {
          check(i.paid === i.principal + i.fee, `installment ${i.n} not settled`);
          const sum = paymentsOf(i).reduce((a, x) => a + x.amount, 0);
          check(sum === i.paid, `installment ${i.n}: payments ${sum} ≠ paid ${i.paid}`);
        }
        check(Number.isSafeInteger(charged), 'the life total is not a safe integer');
      }),
      { numRuns: RUNS / 5 },
    );
  });
});
