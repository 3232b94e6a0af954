// What a plan looks like on a given calendar day, and what paying it changes. Pure functions over the
// Plan type: the date is always passed in (`YYYY-MM-DD`), nothing reads a clock, nothing mutates.
//
// Conventions (fenqi's own choices where providers' published terms leave them open):
// - An installment is overdue from the day after its due date. Within `policy.graceDays` it is still
//   reported overdue (the shopper must be warned from the due date itself) but flagged `inGrace`, and
//   no late charge accrues: paying within grace counts as on time.
// - Repayments settle whole installments, oldest first; an early payoff settles all of them.
// What is owed — late charges, payment allocation, payoff rules — is decided in one place, amount-due.ts:
// statuses show its late charges and `applyRepayment` charges its total.

import {
  amountDue,
  type AmountDue,
  type CheckedPolicy,
  checkPolicy,
  dayOf,
  lateChargeOf,
  outstandingOf,
  paymentsOf,
  readInstallment,
} from './amount-due.js';
import { FenqiInputError } from './errors.js';
import type { Fen, Installment, IsoDate, Plan } from './plan.js';

// Kept here too: the extension and older callers import them from bill-state.
export { lateCharge, outstandingOf, RepaymentError, type RepaymentErrorCode } from './amount-due.js';

/** Where an installment stands on a given day. */
export type InstallmentState = 'paid' | 'upcoming' | 'due-soon' | 'due-today' | 'overdue';

export interface InstallmentStatus {
  n: number;
  state: InstallmentState;
  /** Something, but not all, of principal + fee has been paid. */
  partiallyPaid: boolean;
  /** principal + fee still owed (late charge not included). */
  outstanding: Fen;
  /** Calendar days from the given day to the due date: negative once overdue. */
  daysUntilDue: number;
  /** Days past the due date; 0 unless overdue. */
  daysOverdue: number;
  /** Overdue, but within the provider's grace days: no late charge yet. */
  inGrace: boolean;
  /** Late charge accrued so far on the outstanding amount. */
  lateCharge: Fen;
}

/** Where a whole plan stands: the most urgent state among its unpaid installments. */
export type PlanState = 'paid-off' | 'overdue' | 'due-today' | 'due-soon' | 'upcoming';

export interface PlanStatus {
  state: PlanState;
  installments: InstallmentStatus[];
  /** The oldest unpaid installment, or null once paid off. */
  next: InstallmentStatus | null;
  /** Days until the oldest unpaid installment falls due (negative when overdue); null once paid off. */
  daysUntilNextDue: number | null;
  /** principal + fee still owed over the whole plan. */
  outstanding: Fen;
  /** principal + fee owed on overdue installments. */
  overdueAmount: Fen;
  /** Late charges accrued over the whole plan. */
  lateCharge: Fen;
  /**
   * What paying the oldest unpaid installment costs today, late charge included ({@link amountDue} of
   * `{ count: 1 }`): the card's 应还. Null once paid off.
   */
  nextDue: AmountDue | null;
}

export interface StatusOptions {
  /** An unpaid installment due within this many days (1…N) is `due-soon`. Default 3. */
  dueSoonDays?: number;
}

/** How many days ahead an installment counts as due soon unless the caller says otherwise. */
export const DEFAULT_DUE_SOON_DAYS = 3;

function statusWith(i: Installment, today: number, soon: number, p: CheckedPolicy): InstallmentStatus {
  const outstanding = outstandingOf(i);
  const daysUntilDue = dayOf(i.dueDate, `installment ${i.n} dueDate`) - today;
  const daysOverdue = outstanding > 0 && daysUntilDue < 0 ? -daysUntilDue : 0;
  let state: InstallmentState;
  if (outstanding === 0) state = 'paid';
  else if (daysUntilDue < 0) state = 'overdue';
  else if (daysUntilDue === 0) state = 'due-today';
  else if (daysUntilDue <= soon) state = 'due-soon';
  else state = 'upcoming';
  return {
    n: i.n,
    state,
    partiallyPaid: i.paid > 0 && outstanding > 0,
    outstanding,
    daysUntilDue,
    daysOverdue,
    inGrace: daysOverdue > 0 && daysOverdue <= p.graceDays,
    lateCharge: lateChargeOf(readInstallment(i), today, p),
  };
}

function soonDays(options: StatusOptions): number {
  const soon = options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  if (!Number.isInteger(soon) || soon < 0) throw new FenqiInputError('dueSoonDays', 'must be a whole number ≥ 0');
  return soon;
}

/** The status of every installment of `plan` on calendar day `today` (`YYYY-MM-DD`). */
export function installmentStatuses(plan: Plan, today: IsoDate, options: StatusOptions = {}): InstallmentStatus[] {
  const t = dayOf(today, 'today');
  const soon = soonDays(options);
  const p = checkPolicy(plan.policy);
  return plan.installments.map((i) => statusWith(i, t, soon, p));
}

const URGENCY: readonly PlanState[] = ['overdue', 'due-today', 'due-soon', 'upcoming'];

/** The status of `plan` on calendar day `today`: its most urgent state, what is owed, and what is next. */
export function planStatus(plan: Plan, today: IsoDate, options: StatusOptions = {}): PlanStatus {
  const installments = installmentStatuses(plan, today, options);
  const unpaid = installments.filter((s) => s.state !== 'paid');
  const next = unpaid.reduce<InstallmentStatus | null>((a, s) => (a === null || s.n < a.n ? s : a), null);
  const state = URGENCY.find((u) => unpaid.some((s) => s.state === u)) ?? 'paid-off';
  let outstanding = 0;
  let overdueAmount = 0;
  let late = 0;
  for (const s of unpaid) {
    outstanding += s.outstanding;
    late += s.lateCharge;
    if (s.state === 'overdue') overdueAmount += s.outstanding;
  }
  return {
    state,
    installments,
    next,
    daysUntilNextDue: next ? next.daysUntilDue : null,
    outstanding,
    overdueAmount,
    lateCharge: late,
    nextDue: next ? amountDue(plan, { count: 1 }, today) : null,
  };
}

/** What the shopper asks to pay, as in the merchant API's `POST …/repayments` body. */
export type RepaymentRequest = { installments: number[] } | { payoff: true };

export interface RepaymentResult {
  /** The plan after the repayment: a new object; the input plan is not touched. */
  plan: Plan;
  /** What the shopper pays now: `installmentsPaid + lateCharge`. */
  charged: Fen;
  /** principal + fee paid on the settled installments. */
  installmentsPaid: Fen;
  /** Late charges on the settled installments. */
  lateCharge: Fen;
  /** Fees of periods not yet due that an early payoff waived (policy `waived`); else 0. */
  waivedFee: Fen;
  /** The installments settled, oldest first. */
  settled: number[];
  /** The breakdown of `charged`, as {@link amountDue} gives it. */
  due: AmountDue;
}

/**
 * Applies a repayment made on `today`: either the oldest unpaid installments, in order
 * (`{ installments: [3, 4] }` when 1–2 are paid), or an early payoff (`{ payoff: true }`). It charges exactly
 * what {@link amountDue} says for the same plan, request and day, and settles what that figure covers:
 * the settled installments become fully paid on `today` (a dated entry in `payments`), and fees a payoff
 * gives up are taken off them (`feeWaived`).
 * @throws {RepaymentError} for a selection that is not the oldest unpaid installments in order.
 */
export function applyRepayment(plan: Plan, request: RepaymentRequest, today: IsoDate): RepaymentResult {
  const due = amountDue(plan, request, today);
  const byN = new Map(due.installments.map((d) => [d.n, d]));
  const installments = plan.installments.map((i) => {
    const d = byN.get(i.n);
    if (!d) return i;
    const fee = i.fee - d.feeWaived;
    const amount = d.principal + d.fee;
    // The dated payment is what later late-charge arithmetic needs; older data's lump becomes its first entry.
    const payments = amount > 0 ? [...paymentsOf(i), { date: today, amount }] : paymentsOf(i);
    const next: Installment = { ...i, fee, paid: i.paid + amount, paidDate: today, payments };
    if (d.feeWaived > 0) next.feeWaived = (i.feeWaived ?? 0) + d.feeWaived;
    return next;
  });
  return {
    plan: { ...plan, installments },
    charged: due.total,
    installmentsPaid: due.principal + due.fee,
    lateCharge: due.lateCharge,
    waivedFee: due.feeWaived,
    settled: due.installments.map((d) => d.n),
    due,
  };
}
