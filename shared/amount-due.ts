// What is owed now: the one figure every screen shows and the merchant charges. The bill panel's card, the
// repay dialog and its button, the extension's popup, plan page, badge tooltip and reminders, and the
// merchant's `POST …/repayments` all take their amount from `amountDue()`; `applyRepayment()` charges exactly
// its `total`. Pure: the as-of date (the merchant's business date) is passed in, nothing reads a clock.

import { dayNumber, parseIsoDate } from './dates.js';
import { type Decimal, mulDivHalfUp, parseRate, pow10 } from './decimal.js';
import { FenqiInputError } from './errors.js';
import { MAX_GRACE_DAYS } from './limits.js';
import type { Fen, Installment, IsoDate, Plan, PlanPolicy } from './plan.js';

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
  /** Fee (or interest) still owed on it, after what a payoff gives up. */
  fee: Fen;
  /** Late charge accrued up to the as-of date. */
  lateCharge: Fen;
  /** Fee given up by an early payoff (not yet billed); 0 otherwise. */
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
  waiveUnbilled: boolean;
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
  return { lateRate, graceDays, waiveUnbilled: policy.unbilledFeesOnPayoff === 'waived' };
}

/**
 * The late charge on `outstanding` fen that are `daysOverdue` days past due: 0 within grace, else
 * round-half-up(outstanding × lateDailyRatePct% × daysOverdue), counted from the day after the due date.
 */
export function lateCharge(outstanding: Fen, daysOverdue: number, policy: PlanPolicy): Fen {
  return lateChargeWith(outstanding, daysOverdue, checkPolicy(policy));
}

/** {@link lateCharge} with a policy already checked. */
export function lateChargeWith(outstanding: Fen, daysOverdue: number, p: CheckedPolicy): Fen {
  if (outstanding <= 0 || daysOverdue <= p.graceDays) return 0;
  return mulDivHalfUp(outstanding, p.lateRate.units * daysOverdue, 100 * pow10(p.lateRate.scale));
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

/** What paying installment `i` in full costs on day `today`; `payoff` applies the policy's payoff rule. */
function dueOf(i: Installment, today: number, payoff: boolean, p: CheckedPolicy): DueInstallment {
  const dueIn = dayOf(i.dueDate, `installment ${i.n} dueDate`) - today;
  // Partial payments went to the fee first (先息后本): what is left of each part.
  const feeLeft = Math.max(0, i.fee - i.paid);
  const principalLeft = Math.max(0, i.principal - Math.max(0, i.paid - i.fee));
  const feeWaived = payoff && p.waiveUnbilled && dueIn > 0 ? feeLeft : 0;
  const fee = feeLeft - feeWaived;
  const daysOverdue = dueIn < 0 ? -dueIn : 0;
  const late = lateChargeWith(outstandingOf(i), daysOverdue, p);
  return {
    n: i.n,
    dueDate: i.dueDate,
    principal: principalLeft,
    fee,
    lateCharge: late,
    feeWaived,
    total: principalLeft + fee + late,
    daysOverdue,
  };
}

/**
 * What the shopper owes on `asOf` (the merchant's business date, `YYYY-MM-DD`) for `choice`: the oldest
 * unpaid installments (`{ count: 2 }` or `{ installments: [3, 4] }`), or an early payoff (`{ payoff: true }`).
 * Each installment owes its unpaid principal and fee and its late charge; a payoff gives up the fees the
 * provider's policy waives. `total` is what the button says and what {@link applyRepayment} charges.
 * @throws {RepaymentError} for a choice that is not the oldest unpaid installments in order, or a paid-off plan.
 * @throws {FenqiInputError} for a bad date or policy.
 */
export function amountDue(plan: Plan, choice: DueChoice, asOf: IsoDate): AmountDue {
  const today = dayOf(asOf, 'asOf');
  const p = checkPolicy(plan.policy);
  const payoff = 'payoff' in choice && choice.payoff === true;
  const installments = chosen(plan, unpaidOf(plan), choice).map((i) => dueOf(i, today, payoff, p));
  const due: AmountDue = {
    asOf,
    payoff,
    installments,
    principal: 0,
    fee: 0,
    lateCharge: 0,
    feeWaived: 0,
    total: 0,
  };
  for (const i of installments) {
    due.principal += i.principal;
    due.fee += i.fee;
    due.lateCharge += i.lateCharge;
    due.feeWaived += i.feeWaived;
    due.total += i.total;
  }
  return due;
}
