// The quote engine: what each period costs and when it is due, plus the annualized rate that
// PBOC announcement [2021] No. 3 requires to be disclosed. Money is integer fen and every amount is
// rounded half-up exactly once, from an exact value (BigInt where a product outgrows 2^53); the only float
// is the IRR behind the disclosed APR.

import { type Decimal, isZero, mulDivHalfUp, parseRate, pow10 } from './decimal.js';
import { FenqiInputError } from './errors.js';
import { MAX_FEN, MAX_TERM } from './limits.js';
import type { Fen, IsoDate } from './plan.js';
import { type ScheduleInput, scheduleRule } from './schedule.js';
import { oneOf, wholeNumber } from './validate.js';

/** A rate in percent: an exact decimal string (`"7.5"`) or a number (`7.5`). */
export type RateInput = string | number;

/** How the cost of borrowing is charged. Rates are percent. */
export type FeeInput =
  /** Whole-term fee, a percentage of the principal (花呗-style). */
  | { model: 'flat-total'; ratePct: RateInput }
  /** A percentage of the original principal per period (信用卡分期). */
  | { model: 'flat-monthly'; ratePct: RateInput }
  /** 等额本息: level payments at a nominal annual rate (monthly rate = annual / 12). */
  | { model: 'equal-payment'; annualRatePct: RateInput }
  /** 等额本金: equal principal, interest on the declining balance at a nominal annual rate. */
  | { model: 'equal-principal'; annualRatePct: RateInput }
  /** 免息: no cost to the shopper (merchant-subsidised). */
  | { model: 'interest-free' };

export type FeeModel = FeeInput['model'];

/** The fee models `quote()` understands. */
export const FEE_MODELS: readonly FeeModel[] = [
  'flat-total',
  'flat-monthly',
  'equal-payment',
  'equal-principal',
  'interest-free',
];

/** Where the odd fen of an uneven split go. */
export type RemainderPlacement = 'first' | 'last';
export const REMAINDERS: readonly RemainderPlacement[] = ['first', 'last'];

export interface QuoteInput {
  /** Amount financed in fen, an integer from 1 to 10^13. */
  principal: Fen;
  /** Number of monthly periods, 1–360. */
  term: number;
  fee: FeeInput;
  /** `YYYY-MM-DD`, a calendar date with no time zone. */
  purchaseDate: IsoDate;
  /** Default `{ mode: 'anniversary' }`. */
  schedule?: ScheduleInput;
  /** Default `'last'`. Ignored by `equal-payment`, whose last period always takes the residual. */
  remainder?: RemainderPlacement;
}

export interface QuoteInstallment {
  /** 1-based period number. */
  n: number;
  /** The statement that bills this period (statement schedules), else null. */
  statementDate: IsoDate | null;
  dueDate: IsoDate;
  principal: Fen;
  /** Fee or interest of this period. */
  fee: Fen;
  /** principal + fee. */
  total: Fen;
  /** Principal still owed after this period is paid. */
  remaining: Fen;
}

export interface QuoteResult {
  installments: QuoteInstallment[];
  totalPrincipal: Fen;
  totalFee: Fen;
  totalRepayment: Fen;
  /** 12 × monthly IRR, percent with 2 decimals (单利 / simple). `"0.00"` when nothing is charged. */
  aprNominalPct: string;
  /** (1 + monthly IRR)^12 − 1, percent with 2 decimals (复利 / compound). */
  aprEffectivePct: string;
}

/** Splits `total` fen into `n` parts of floor(total / n), the remainder going to the first or last part. */
export function splitFen(total: Fen, n: number, remainder: RemainderPlacement): Fen[] {
  const base = Math.floor(total / n);
  const parts = new Array<Fen>(n).fill(base);
  parts[remainder === 'first' ? 0 : n - 1] = base + (total - base * n);
  return parts;
}

interface Split {
  principal: Fen[];
  fee: Fen[];
}

/** Principal and fee of every period for the fee model; throws {@link FenqiInputError} on a bad fee. */
function amounts(P: Fen, n: number, fee: unknown, remainder: RemainderPlacement): Split {
  if (typeof fee !== 'object' || fee === null) throw new FenqiInputError('fee', 'must be an object with a model');
  const f = fee as { model?: unknown; ratePct?: unknown; annualRatePct?: unknown };
  switch (f.model) {
    case 'interest-free':
      return { principal: splitFen(P, n, remainder), fee: new Array<Fen>(n).fill(0) };
    case 'flat-total':
    case 'flat-monthly': {
      const rate = parseRate(f.ratePct, 'fee.ratePct');
      // The total fee is computed once and then split, so the periods add up to the disclosed total.
      const total = mulDivHalfUp(P, rate.units * (f.model === 'flat-monthly' ? n : 1), 100 * pow10(rate.scale));
      return { principal: splitFen(P, n, remainder), fee: splitFen(total, n, remainder) };
    }
    case 'equal-principal': {
      const rate = parseRate(f.annualRatePct, 'fee.annualRatePct');
      const principal = splitFen(P, n, remainder);
      const interest = new Array<Fen>(n);
      let balance = P;
      for (let k = 0; k < n; k++) {
        interest[k] = monthlyInterest(balance, rate);
        balance -= principal[k]!;
      }
      return { principal, fee: interest };
    }
    case 'equal-payment':
      return levelPayments(P, n, parseRate(f.annualRatePct, 'fee.annualRatePct'));
    default:
      return oneOf(f.model, 'fee.model', FEE_MODELS) as never; // refuses the model, listing them
  }
}

/** round-half-up(balance × annual% / 1200): one month's interest at a nominal annual rate. */
function monthlyInterest(balance: Fen, annual: Decimal): Fen {
  return mulDivHalfUp(balance, annual.units, 1200 * pow10(annual.scale));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * 等额本息's level payment, exactly: round-half-up(P·r / (1 − (1+r)^−n)) with r = annual% / 1200 as an exact
 * ratio u/D. Written over integers, A = P·u·(D+u)^n / (D·((D+u)^n − D^n)); BigInt keeps every digit, so
 * tiny rates (where 1 + r loses r's digits in floating point) and principals near 10^13 round correctly.
 */
function levelPayment(P: Fen, n: number, annual: Decimal): Fen {
  if (isZero(annual)) return mulDivHalfUp(P, 1, n);
  let u = BigInt(annual.units);
  let D = BigInt(1200 * pow10(annual.scale));
  // 7.5 % is 75/12000 = 1/160: reducing first keeps the powers small (24 periods at 7.5 %: ~1.7× the quotes a
  // second; 360 at 14.4 %: ~1.5×). The ratio, hence the rounded payment, is the same either way.
  const g = gcd(u, D);
  u /= g;
  D /= g;
  const N = BigInt(n);
  const grown = (D + u) ** N;
  const num = BigInt(P) * u * grown;
  const den = D * (grown - D ** N);
  return Number((2n * num + den) / (2n * den));
}

/** 等额本息: payment = round-half-up(PMT); each period's interest on the balance; the last takes the residual. */
function levelPayments(P: Fen, n: number, annual: Decimal): Split {
  const payment = levelPayment(P, n, annual);
  const principal = new Array<Fen>(n);
  const interest = new Array<Fen>(n);
  let balance = P;
  for (let k = 0; k < n; k++) {
    const i = monthlyInterest(balance, annual);
    // A rounded-up payment on a tiny principal could repay it early: never below 0. It never falls short of
    // the interest: the balance never exceeds P, so round(balance·r) ≤ round(P·r) ≤ round(PMT).
    const p = k === n - 1 ? balance : Math.min(payment - i, balance);
    principal[k] = p;
    interest[k] = i;
    balance -= p;
  }
  return { principal, fee: interest };
}

/**
 * Monthly IRR of [−P, totals…]. NPV(r) is decreasing and convex for r > −1 and totals ≥ P, so the root
 * lies in [0, totalFee / P]; Newton steps that leave the bracket are replaced by bisection.
 */
function monthlyIrr(P: Fen, totals: readonly Fen[], totalFee: Fen): number {
  let lo = 0;
  let hi = totalFee / P;
  const n = totals.length;
  let r = Math.min(hi, (2 * totalFee) / (P * (n + 1)));
  for (let iter = 0; iter < 200; iter++) {
    const v = 1 / (1 + r);
    let vk = 1;
    let f = -P;
    let df = 0;
    for (let k = 1; k <= n; k++) {
      vk *= v;
      const t = totals[k - 1]!;
      f += t * vk;
      df -= k * t * vk * v;
    }
    if (f === 0) return r;
    if (f > 0) lo = r;
    else hi = r;
    let next = r - f / df;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - r) <= 1e-15 * (1 + r) || hi - lo <= 1e-15 * (1 + hi)) return next;
    r = next;
  }
  return r;
}

/** A percentage rounded half-up to 2 decimals, as text. */
function pct2(x: number): string {
  // The tiny nudge keeps a true tie (x.xx5) from falling to the lower cent through float error.
  const cents = Math.floor(x * 100 + 0.5 + 1e-9);
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Quotes an installment plan: each period's due date, principal and fee, the totals, and the
 * annualized rate (APR) to disclose. Pure and deterministic; the machine's time zone plays no part.
 *
 * @example
 * quote({ principal: 599900, term: 12, fee: { model: 'flat-total', ratePct: '7.5' }, purchaseDate: '2024-01-31' })
 *   .installments[0] // { n: 1, statementDate: null, dueDate: '2024-02-29', principal: 49991, fee: 3749, … }
 * @throws {FenqiInputError} naming the field, for any invalid input (term 0, bad rate, impossible date…).
 */
export function quote(input: QuoteInput): QuoteResult {
  if (typeof input !== 'object' || input === null) throw new FenqiInputError('input', 'must be an object');
  const P = wholeNumber(input.principal, 'principal', 1, MAX_FEN);
  const n = wholeNumber(input.term, 'term', 1, MAX_TERM);
  const remainder = oneOf(input.remainder ?? 'last', 'remainder', REMAINDERS);
  const dates = scheduleRule(input.purchaseDate, input.schedule);
  const split = amounts(P, n, input.fee, remainder);

  const installments = new Array<QuoteInstallment>(n);
  const totals = new Array<Fen>(n);
  let remaining = P;
  let totalFee = 0;
  for (let k = 0; k < n; k++) {
    const principal = split.principal[k]!;
    const fee = split.fee[k]!;
    remaining -= principal;
    totalFee += fee;
    totals[k] = principal + fee;
    const { statementDate, dueDate } = dates(k + 1);
    installments[k] = { n: k + 1, statementDate, dueDate, principal, fee, total: principal + fee, remaining };
  }
  const r = totalFee === 0 ? 0 : monthlyIrr(P, totals, totalFee);
  return {
    installments,
    totalPrincipal: P,
    totalFee,
    totalRepayment: P + totalFee,
    aprNominalPct: pct2(1200 * r),
    aprEffectivePct: pct2(100 * (Math.pow(1 + r, 12) - 1)),
  };
}

/** How a quote's periods compare: the amount most pay, and the one period (first or last) that differs. */
export interface PeriodAmounts {
  /** What every period but the odd one pays (principal + fee). */
  regular: Fen;
  /** How many periods pay `regular`. */
  regularCount: number;
  /** The period that pays something else, by how much (`total − regular`, may be negative); null when none. */
  odd: { n: number; total: Fen; difference: Fen } | null;
}

/**
 * Whether a quote's first or last period differs from the others, so a selector can say
 * `¥537.40 × 11期 + ¥537.53` rather than `¥537.40 × 12期`. Null when more than one period differs (等额本金's
 * declining payments): there is no regular amount to repeat. With two periods that differ, the second is odd.
 */
export function oddPeriod(q: Pick<QuoteResult, 'installments'>): PeriodAmounts | null {
  const totals = q.installments.map((i) => i.total);
  const n = totals.length;
  const allElseIs = (regular: Fen, at: number) => totals.every((t, k) => k === at || t === regular);
  if (n === 0) return null;
  if (totals.every((t) => t === totals[0])) return { regular: totals[0]!, regularCount: n, odd: null };
  for (const at of [n - 1, 0]) {
    const regular = totals[at === 0 ? 1 : 0]!;
    if (allElseIs(regular, at)) {
      const total = totals[at]!;
      return { regular, regularCount: n - 1, odd: { n: at + 1, total, difference: total - regular } };
    }
  }
  return null;
}
