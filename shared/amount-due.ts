// What is owed now: the one figure every screen shows and the merchant charges. The bill panel's card, the
// repay dialog and its button, the extension's popup, plan page, badge tooltip and reminders, and the
// merchant's `POST …/repayments` all take their amount from `amountDue()`; `applyRepayment()` charges exactly
// its `total`. Pure: the as-of date (the merchant's business date) is passed in, nothing reads a clock.
//
// The rules (docs/quote.md, "Late charges and payoff", has them with their sources):
// - A fee is billed on the installment's statement date (statement products), else on its due date.
// - A payment made once the fee is billed goes to the fee first, then the principal (先息后本); one made
//   before goes to the principal first, so a prepayment never pays a fee that a payoff would waive.
// - Late charge: each day after the due date, lateDailyRatePct % of what is still unpaid that day (a payment
//   lowers it from the day after it was made). Fen paid within grace were paid on time; fen paid later, or
//   still unpaid, are late from the day after the due date (grace forgives, it does not deduct). Summed in
//   fen-days, rounded half-up once per installment, capped at lateChargeCapPct % of its principal + fee.
//   Late charges are not charged on each other, and are paid when the installment is settled.
// - Early payoff: billed fees are owed; unbilled ones are charged, waived, or (loans) accrued pro rata.

import { dayNumber, parseIsoDate } from './dates.js';
import { type Decimal, parseRate, pow10 } from './decimal.js';
import { FenqiInputError } from './errors.js';
import { DEFAULT_LATE_CHARGE_CAP_PCT, MAX_FEN, MAX_GRACE_DAYS, PAYOFF_RULES } from './limits.js';
import type { Fen, Installment, IsoDate, Payment, Plan, PlanPolicy, UnbilledFeesOnPayoff } from './plan.js';

/**
 * What the shopper chooses to pay: the `count` oldest unpaid installments, the oldest unpaid installments by
 * number (as in the merchant API's `POST …/repayments` body), or everything (early payoff, 提前结清).
 */
export type DueChoice = { count: number } | { installments: number[] } | { payoff: true };

/** Why a choice cannot be paid. */
export type RepaymentErrorCode = 'paid-off' | 'nothing-selected' | 'unknown-installment' | 'not-oldest-first';

/** A choice that cannot be paid: `code` says why, `field` points into the request. */
export class RepaymentError extends FenqiInputError {
  readonly code: RepaymentErrorCode;

  constructor(code: RepaymentErrorCode, field: string, reason: string) {
    super(field, reason);
    this.name = 'RepaymentError';
    this.code = code;
  }
}

/** What one installment costs if paid on the as-of date. */
export interface DueInstallment {
  n: number;
  dueDate: IsoDate;
  /** Principal still owed on it. */
  principal: Fen;
  /** Fee (or interest) owed on it now, after what a payoff gives up. */
  fee: Fen;
  /** Late charge accrued up to the as-of date. */
  lateCharge: Fen;
  /** Unpaid fee an early payoff gives up (not yet billed); 0 otherwise. */
  feeWaived: Fen;
  /** principal + fee + lateCharge: what paying this installment costs now. */
  total: Fen;
  /** Days past the due date on the as-of date; 0 when not overdue. */
  daysOverdue: number;
}

/** What a choice costs on the as-of date: per installment, and in total. */
export interface AmountDue {
  asOf: IsoDate;
  payoff: boolean;
  /** The installments paid, oldest first. */
  installments: DueInstallment[];
  principal: Fen;
  fee: Fen;
  lateCharge: Fen;
  feeWaived: Fen;
  /** What the shopper pays now: principal + fee + lateCharge. The button says it; the merchant charges it. */
  total: Fen;
}

/** A policy whose text fields have been read. */
export interface CheckedPolicy {
  lateRate: Decimal;
  graceDays: number;
  payoff: UnbilledFeesOnPayoff;
  cap: Decimal;
}

/** A calendar date as a day number; throws {@link FenqiInputError} naming `field` when it is not a real date. */
export function dayOf(date: unknown, field: string): number {
  const d = parseIsoDate(date, field);
  return dayNumber(d.y, d.m, d.d);
}

/** principal + fee still owed on an installment (late charge not included). */
export function outstandingOf(i: Installment): Fen {
  return Math.max(0, i.principal + i.fee - i.paid);
}

/** Reads and checks a plan policy; throws {@link FenqiInputError} naming the field. */
export function checkPolicy(policy: PlanPolicy): CheckedPolicy {
  const lateRate = parseRate(policy.lateDailyRatePct, 'policy.lateDailyRatePct');
  const graceDays = policy.graceDays;
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
    throw new FenqiInputError('policy.graceDays', `must be a whole number of days from 0 to ${MAX_GRACE_DAYS}`);
  }
  const payoff = policy.unbilledFeesOnPayoff;
  if (!PAYOFF_RULES.includes(payoff)) {
    throw new FenqiInputError('policy.unbilledFeesOnPayoff', `must be one of ${PAYOFF_RULES.join(', ')}`);
  }
  const cap = parseRate(policy.lateChargeCapPct ?? DEFAULT_LATE_CHARGE_CAP_PCT, 'policy.lateChargeCapPct');
  return { lateRate, graceDays, payoff, cap };
}

/** round-half-up(a / b) for non-negative a and positive b. */
function halfUp(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/** round-half-up(fenDays × lateDailyRatePct %), capped at `cap` % of `base` fen. BigInt: fen-days pass 2^53. */
function charge(fenDays: bigint, base: Fen, p: CheckedPolicy): Fen {
  if (fenDays === 0n) return 0;
  const late = halfUp(fenDays * BigInt(p.lateRate.units), BigInt(100 * pow10(p.lateRate.scale)));
  const cap = halfUp(BigInt(base) * BigInt(p.cap.units), BigInt(100 * pow10(p.cap.scale)));
  return Number(late < cap ? late : cap);
}

/**
 * The late charge on `outstanding` fen left unpaid for `daysOverdue` days past due: 0 within grace, else
 * round-half-up(outstanding × lateDailyRatePct % × daysOverdue), counted from the day after the due date and
 * capped at lateChargeCapPct % of `outstanding`.
 */
export function lateCharge(outstanding: Fen, daysOverdue: number, policy: PlanPolicy): Fen {
  const p = checkPolicy(policy);
  if (outstanding <= 0 || daysOverdue <= p.graceDays) return 0;
  return charge(BigInt(outstanding) * BigInt(daysOverdue), outstanding, p);
}

function fenField(value: unknown, field: string, max: Fen): Fen {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new FenqiInputError(field, `must be a whole number of fen from 0 to ${max}`);
  }
  return value;
}

/** An installment read for the rules: its days, what is left of each part, and its dated payments. */
interface Read {
  i: Installment;
  due: number;
  billed: number;
  principalLeft: Fen;
  feeLeft: Fen;
  payments: { day: number; amount: Fen }[];
}

/** The payments that make up `paid`: the recorded ones, or (older data) all of `paid` on `paidDate`. */
export function paymentsOf(i: Installment): Payment[] {
  if (i.payments) return i.payments;
  return i.paid > 0 ? [{ date: i.paidDate ?? i.dueDate, amount: i.paid }] : [];
}

/** Reads an installment, checking its amounts and dates; throws {@link FenqiInputError} naming the field. */
export function readInstallment(i: Installment): Read {
  const at = `installment ${i.n}`;
  // Within these bounds every sum of a plan's amounts and late charges (capped at principal + fee) stays
  // far inside 2^53, whatever a merchant's answer says.
  const principal = fenField(i.principal, `${at} principal`, MAX_FEN);
  const fee = fenField(i.fee, `${at} fee`, MAX_FEN);
  const paid = fenField(i.paid, `${at} paid`, principal + fee);
  const due = dayOf(i.dueDate, `${at} dueDate`);
  const billed = i.statementDate ? dayOf(i.statementDate, `${at} statementDate`) : due;
  const payments = paymentsOf(i)
    .map((x, k) => ({
      day: dayOf(x.date, `${at} payments[${k}].date`),
      amount: fenField(x.amount, `${at} payments[${k}].amount`, paid),
    }))
    .sort((a, b) => a.day - b.day);
  if (i.payments && payments.reduce((s, x) => s + x.amount, 0) !== paid) {
    throw new FenqiInputError(`${at} payments`, 'must add up to paid');
  }
  // Each payment goes to the fee first once it is billed, to the principal first before.
  let principalLeft = principal;
  let feeLeft = fee;
  for (const x of payments) {
    let rest = x.amount;
    const take = (left: Fen) => {
      const t = Math.min(rest, left);
      rest -= t;
      return left - t;
    };
    if (x.day >= billed) {
      feeLeft = take(feeLeft);
      principalLeft = take(principalLeft);
    } else {
      principalLeft = take(principalLeft);
      feeLeft = take(feeLeft);
    }
  }
  return { i, due, billed, principalLeft, feeLeft, payments };
}

/**
 * The late charge of a read installment on day `today` (a day number): the fen-days each fen spent unpaid
 * past the due date, counting only fen paid (or still unpaid) after grace. 0 once the installment is settled.
 */
export function lateChargeOf(r: Read, today: number, p: CheckedPolicy): Fen {
  const outstanding = r.principalLeft + r.feeLeft;
  if (outstanding === 0 || today - r.due <= p.graceDays) return 0;
  const lateDays = (day: number) => {
    const d = Math.min(day, today) - r.due;
    return d > p.graceDays ? d : 0;
  };
  let fenDays = BigInt(outstanding) * BigInt(today - r.due);
  for (const x of r.payments) fenDays += BigInt(x.amount) * BigInt(lateDays(x.day));
  return charge(fenDays, r.i.principal + r.i.fee, p);
}

/** The unpaid installments, oldest first. */
function unpaidOf(plan: Plan): Installment[] {
  return plan.installments.filter((i) => outstandingOf(i) > 0).sort((a, b) => a.n - b.n);
}

/** The installments a choice pays; throws {@link RepaymentError} for anything but the oldest unpaid, in order. */
function chosen(plan: Plan, unpaid: Installment[], choice: DueChoice): Installment[] {
  if (unpaid.length === 0) throw new RepaymentError('paid-off', 'installments', 'the plan is already paid off');
  if ('payoff' in choice && choice.payoff === true) return unpaid;
  if ('count' in choice) {
    const k = choice.count;
    if (!Number.isInteger(k) || k < 1) {
      throw new RepaymentError('nothing-selected', 'count', 'select at least one installment, or pay off');
    }
    if (k > unpaid.length) {
      throw new RepaymentError('unknown-installment', 'count', `only ${unpaid.length} installments are unpaid`);
    }
    return unpaid.slice(0, k);
  }
  const ns = 'installments' in choice ? choice.installments : undefined;
  if (!Array.isArray(ns) || ns.length === 0) {
    throw new RepaymentError('nothing-selected', 'installments', 'select at least one installment, or pay off');
  }
  ns.forEach((n, k) => {
    if (!plan.installments.some((i) => i.n === n)) {
      throw new RepaymentError('unknown-installment', `installments[${k}]`, `the plan has no installment ${String(n)}`);
    }
    if (unpaid[k]?.n !== n) {
      throw new RepaymentError(
        'not-oldest-first',
        `installments[${k}]`,
        `installments are repaid oldest first: expected ${unpaid[k] ? unpaid[k].n : 'no more'}, got ${n}`,
      );
    }
  });
  return unpaid.slice(0, ns.length);
}

/**
 * The fee a payoff on `today` owes for an installment not yet billed on that day. `charged`: all of what is
 * unpaid; `waived`: nothing; `accrued`: the period's fee pro rata to the days it has run — from the previous
 * period's bill date (or the purchase) to today, over the whole period — rounded half-up once, less what was
 * already paid towards the fee.
 */
function unbilledFeeOwed(r: Read, periodStart: number, today: number, p: CheckedPolicy): Fen {
  if (p.payoff === 'charged') return r.feeLeft;
  if (p.payoff === 'waived') return 0;
  const length = r.billed - periodStart;
  const days = Math.min(Math.max(today - periodStart, 0), length);
  const accrued = length > 0 ? Number(halfUp(BigInt(r.i.fee) * BigInt(days), BigInt(length))) : 0;
  const feePaid = r.i.fee - r.feeLeft;
  return Math.min(r.feeLeft, Math.max(0, accrued - feePaid));
}

/**
 * What the shopper owes on `asOf` (the merchant's business date, `YYYY-MM-DD`) for `choice`: the oldest
 * unpaid installments (`{ count: 2 }` or `{ installments: [3, 4] }`), or an early payoff (`{ payoff: true }`).
 * Each installment owes its unpaid principal and fee and its late charge; a payoff owes the fees already
 * billed and, for the rest, what the provider's policy says (charged, waived, or accrued to `asOf`).
 * `total` is what the button says and what {@link applyRepayment} charges.
 * @throws {RepaymentError} for a choice that is not the oldest unpaid installments in order, or a paid-off plan.
 * @throws {FenqiInputError} for a bad date, amount or policy, naming the field.
 */
export function amountDue(plan: Plan, choice: DueChoice, asOf: IsoDate): AmountDue {
  const today = dayOf(asOf, 'asOf');
  const p = checkPolicy(plan.policy);
  const payoff = 'payoff' in choice && choice.payoff === true;
  const installments: DueInstallment[] = [];
  for (const i of chosen(plan, unpaidOf(plan), choice)) {
    const r = readInstallment(i);
    let fee = r.feeLeft;
    if (payoff && r.billed > today) {
      const previous = plan.installments.find((x) => x.n === i.n - 1);
      const start = previous ? readInstallment(previous).billed : dayOf(plan.purchaseDate, 'purchaseDate');
      fee = unbilledFeeOwed(r, start, today, p);
    }
    const lateCharge = lateChargeOf(r, today, p);
    installments.push({
      n: i.n,
      dueDate: i.dueDate,
      principal: r.principalLeft,
      fee,
      lateCharge,
      feeWaived: r.feeLeft - fee,
      total: r.principalLeft + fee + lateCharge,
      daysOverdue: Math.max(0, today - r.due),
    });
  }
  const due: AmountDue = { asOf, payoff, installments, principal: 0, fee: 0, lateCharge: 0, feeWaived: 0, total: 0 };
  for (const i of installments) {
    due.principal += i.principal;
    due.fee += i.fee;
    due.lateCharge += i.lateCharge;
    due.feeWaived += i.feeWaived;
    due.total += i.total;
  }
  return due;
}
