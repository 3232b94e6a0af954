import fc from 'fast-check';
import { quote } from '../../shared/index.js';
import { check, quoteInput, RUNS } from './arbitraries.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('quote() properties', function () {
  // 10,000 runs each: allow for a machine busy with the other test browsers.
  this.timeout(60_000);

  it('installment principals add up to the principal, and remaining counts down to 0', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const q = quote(input);
        check(q.totalPrincipal === input.principal, 'totalPrincipal');
        let left = input.principal;
        for (const i of q.installments) {
          check(i.principal >= 0, `period ${i.n} principal ${i.principal} < 0`);
          left -= i.principal;
          check(i.remaining === left, `period ${i.n} remaining ${i.remaining} ≠ ${left}`);
        }
        check(left === 0, `principals miss ${left} fen`);
      }),
      { numRuns: RUNS },
    );
  });

  it('fees add up to the total fee, and totals to the total repayment', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const q = quote(input);
        check(sum(q.installments.map((i) => i.fee)) === q.totalFee, 'fees ≠ totalFee');
        check(sum(q.installments.map((i) => i.total)) === q.totalRepayment, 'totals ≠ totalRepayment');
        check(q.totalRepayment === q.totalPrincipal + q.totalFee, 'totalRepayment ≠ principal + fee');
        for (const i of q.installments) check(i.total === i.principal + i.fee && i.fee >= 0, `period ${i.n} total`);
        if (input.fee.model === 'interest-free') check(q.totalFee === 0, 'interest-free charged a fee');
      }),
      { numRuns: RUNS },
    );
  });

  it('a flat split gives every period the same amount except the remainder period, which carries amount mod term', () => {
    const flat = quoteInput.filter((i) => i.fee.model !== 'equal-payment');
    fc.assert(
      fc.property(flat, (input) => {
        const q = quote(input);
        const n = input.term;
        const at = input.remainder === 'first' ? 0 : n - 1;
        const parts = input.fee.model === 'equal-principal' ? ['principal' as const] : (['principal', 'fee'] as const);
        for (const part of parts) {
          const xs = q.installments.map((i) => i[part]);
          const total = sum(xs);
          const base = Math.floor(total / n);
          xs.forEach((x, k) =>
            check(x === (k === at ? base + (total % n) : base), `${part} of period ${k + 1} is ${x}`),
          );
          const others = xs.filter((_, k) => k !== at);
          if (others.length) check(Math.max(...others) - Math.min(...others) === 0, `${part} differs between periods`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('due dates strictly increase, start after the purchase, and never precede their statement', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const q = quote(input);
        let previous = input.purchaseDate;
        for (const i of q.installments) {
          check(i.dueDate > previous, `${i.dueDate} is not after ${previous}`);
          if (i.statementDate !== null) {
            check(i.statementDate >= input.purchaseDate, `statement ${i.statementDate} before the purchase`);
            check(i.dueDate > i.statementDate, `due ${i.dueDate} not after statement ${i.statementDate}`);
          }
          previous = i.dueDate;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('discloses APRs as 2-decimal strings, 0.00 exactly when nothing is charged, effective ≥ nominal', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const q = quote(input);
        check(/^\d+\.\d\d$/.test(q.aprNominalPct) && /^\d+\.\d\d$/.test(q.aprEffectivePct), 'APR format');
        if (q.totalFee === 0) check(q.aprNominalPct === '0.00' && q.aprEffectivePct === '0.00', 'APR of a free plan');
        check(Number(q.aprEffectivePct) >= Number(q.aprNominalPct), 'effective < nominal');
      }),
      { numRuns: RUNS },
    );
  });

  it('the disclosed APR is the rate that discounts the payments back to the principal', () => {
    const charged = quoteInput.filter((i) => i.fee.model !== 'interest-free');
    fc.assert(
      fc.property(charged, (input) => {
        const q = quote(input);
        const npv = (r: number) => sum(q.installments.map((i, k) => i.total / (1 + r) ** (k + 1))) - input.principal;
        // Rounded to 2 decimals of percent, the monthly rate is within 0.005 / 1200 of the true root.
        const r = Number(q.aprNominalPct) / 1200;
        const slack = 0.00501 / 1200;
        check(npv(r + slack) <= 0, `NPV above ${q.aprNominalPct}% is positive`);
        check(npv(Math.max(0, r - slack)) >= 0, `NPV below ${q.aprNominalPct}% is negative`);
      }),
      { numRuns: RUNS },
    );
  });
});
