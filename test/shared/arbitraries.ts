// fast-check generators for quote inputs, shared by the property tests.
import fc from 'fast-check';
import { addDays, quote } from '../../shared/index.js';
import type { FeeInput, IsoDate, Payment, Plan, QuoteInput, ScheduleInput } from '../../shared/index.js';
import { runs } from '../helpers/engine.js';

/**
 * A plain assertion for property bodies: chai's `expect` is too slow for 10,000 runs of hundreds of
 * checks each, and fast-check reports the failing input together with this message.
 */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** How many runs each property gets: at least 10,000 in Chromium, a sample in Firefox and WebKit (test/helpers/engine.ts). */
export const RUNS = runs(10_000);

const two = (n: number) => String(n).padStart(2, '0');

/** Any real calendar date from 1990 to 2099, including every Feb 29 and month end. */
export const isoDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${two(m)}-${two(Math.min(d, last))}`;
  });

/** An exact decimal rate as a string such as "7.5" or "0.0625": up to 4 decimals, at most `max`. */
const rate = (max: number) =>
  fc.integer({ min: 0, max: 4 }).chain((scale) =>
    fc.integer({ min: 0, max: max * 10 ** scale }).map((units) => {
      const digits = String(units).padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }),
  );

export const fee: fc.Arbitrary<FeeInput> = fc.oneof(
  rate(30).map((ratePct) => ({ model: 'flat-total' as const, ratePct })),
  rate(2).map((ratePct) => ({ model: 'flat-monthly' as const, ratePct })),
  rate(36).map((annualRatePct) => ({ model: 'equal-payment' as const, annualRatePct })),
  rate(36).map((annualRatePct) => ({ model: 'equal-principal' as const, annualRatePct })),
  fc.constant({ model: 'interest-free' as const }),
);

export const schedule: fc.Arbitrary<ScheduleInput> = fc.oneof(
  fc.constant({ mode: 'anniversary' as const }),
  fc
    .record({
      billingDay: fc.integer({ min: 1, max: 31 }),
      statementIncludesBillingDay: fc.boolean(),
      due: fc.oneof(
        fc.record({ dueDaysAfterStatement: fc.integer({ min: 1, max: 60 }) }),
        fc.record({ dueDay: fc.integer({ min: 1, max: 31 }), dueMonthOffset: fc.integer({ min: 1, max: 3 }) }),
        // Due in the statement's own month (花呗: billed on the 1st, due on the 10th): a later day.
        fc.record({ dueDay: fc.integer({ min: 2, max: 31 }), dueMonthOffset: fc.constant(0) }),
      ),
    })
    .map(({ billingDay, statementIncludesBillingDay, due }) => ({
      mode: 'statement' as const,
      // A same-month due day needs an earlier billing day that February cannot clamp onto it.
      billingDay:
        'dueMonthOffset' in due && due.dueMonthOffset === 0 ? Math.min(billingDay, due.dueDay - 1, 27) : billingDay,
      statementIncludesBillingDay,
      ...due,
    })),
);

/** Principals: mostly everyday amounts, sometimes tiny, sometimes near the 10^13 fen ceiling. */
export const principal = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.integer({ min: 1, max: 10 ** 13 }),
);

/** Terms: the usual ones, anything up to 5 years, and now and then the 360-month maximum. */
export const term = fc.oneof(
  { arbitrary: fc.constantFrom(1, 3, 6, 9, 12, 24), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 4 },
  { arbitrary: fc.constant(360), weight: 1 },
);

export const quoteInput: fc.Arbitrary<QuoteInput> = fc.record({
  principal,
  term,
  fee,
  purchaseDate: isoDate,
  schedule,
  remainder: fc.constantFrom('first' as const, 'last' as const),
});

/** Up to three dated payments adding up to `amount`, around `dueDate` (before it, on it, late). */
function datedPayments(amount: number, dueDate: IsoDate, cuts: number[], offsets: number[]): Payment[] {
  if (amount === 0) return [];
  const points = [...new Set(cuts.map((c) => Math.floor(c * amount)).filter((x) => x > 0 && x < amount))].sort(
    (a, b) => a - b,
  );
  const bounds = [0, ...points, amount];
  const days = offsets.slice(0, bounds.length - 1).sort((a, b) => a - b);
  return bounds.slice(1).map((b, k) => ({ date: addDays(dueDate, days[k] ?? 0), amount: b - bounds[k]! }));
}

/**
 * A plan as a merchant would hold it: quoted, some oldest installments paid, maybe one partly paid (in up to
 * three dated payments, or as older data with only `paid` and `paidDate`), a random provider policy — and a
 * calendar day around its life.
 */
export const planOnDay: fc.Arbitrary<{ plan: Plan; today: IsoDate }> = fc
  .record({
    input: quoteInput.filter((i) => i.term <= 60),
    paidFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    partial: fc.double({ min: 0, max: 1, noNaN: true }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
    offsets: fc.array(fc.integer({ min: -40, max: 60 }), { minLength: 3, maxLength: 3 }),
    dated: fc.boolean(),
    lateDailyRatePct: fc.constantFrom('0', '0.05', '0.035', '0.1', '3'),
    graceDays: fc.integer({ min: 0, max: 5 }),
    unbilledFeesOnPayoff: fc.constantFrom('charged' as const, 'waived' as const, 'accrued' as const),
    lateChargeCapPct: fc.constantFrom(undefined, '100', '10', '0.5'),
    offsetDays: fc.integer({ min: -40, max: 2000 }),
  })
  .map((r) => {
    const q = quote(r.input);
    const paidCount = Math.floor(r.paidFraction * q.installments.length);
    const plan: Plan = {
      id: 'p',
      orderId: 'o',
      product: 'x',
      provider: { id: 'huabei', name: '花呗分期' },
      principal: r.input.principal,
      currency: 'CNY',
      purchaseDate: r.input.purchaseDate,
      installments: q.installments.map((i) => {
        const paid = i.n <= paidCount ? i.total : i.n === paidCount + 1 ? Math.floor(r.partial * i.total) : 0;
        const payments = i.n === paidCount + 1 ? datedPayments(paid, i.dueDate, r.cuts, r.offsets) : [];
        return {
          n: i.n,
          ...(i.statementDate ? { statementDate: i.statementDate } : {}),
          dueDate: i.dueDate,
          principal: i.principal,
          fee: i.fee,
          paid,
          paidDate: payments.length ? payments[payments.length - 1]!.date : paid ? i.dueDate : null,
          ...(r.dated && payments.length ? { payments } : {}),
        };
      }),
      autoDebit: false,
      preferredMethod: null,
      policy: {
        lateDailyRatePct: r.lateDailyRatePct,
        graceDays: r.graceDays,
        unbilledFeesOnPayoff: r.unbilledFeesOnPayoff,
        ...(r.lateChargeCapPct ? { lateChargeCapPct: r.lateChargeCapPct } : {}),
      },
    };
    return { plan, today: addDays(r.input.purchaseDate, r.offsetDays) };
  });
