// 等额本息 and 等额本金 against an independent exact computation. The engine writes the level payment as
// P·u·(D+u)^n / (D·((D+u)^n − D^n)) over a reduced ratio u/D; the oracle here divides the principal by the sum
// of the discount factors, P / Σ (D/(D+u))^k, on the unreduced rate, with no subtraction and no special case
// for a zero rate. Both must agree to the fen, period by period.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { MAX_FEN, MAX_TERM, quote, type QuoteInstallment } from '../../shared/index.js';
import { check, isoDate, RUNS } from './arbitraries.js';

/** round-half-up(a / b) for non-negative a and positive b. */
const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);

/** A percentage string as an exact ratio of the annual rate per month: u / D with D = 1200·10^decimals. */
function monthlyRate(pct: string): { u: bigint; D: bigint } {
  const [whole, frac = ''] = pct.split('.');
  return { u: BigInt(whole! + frac), D: 1200n * 10n ** BigInt(frac.length) };
}

/** The level payment as P divided by the present value of 1 per period: P·(D+u)^n / Σ_{k=1..n} D^k·(D+u)^(n−k). */
function oraclePayment(P: bigint, n: number, u: bigint, D: bigint): bigint {
  let annuity = 0n;
  for (let k = 1; k <= n; k++) annuity += D ** BigInt(k) * (D + u) ** BigInt(n - k);
  return halfUp(P * (D + u) ** BigInt(n), annuity);
}

type Row = [principal: number, fee: number];

function oracleEqualPayment(principal: number, n: number, pct: string): Row[] {
  const { u, D } = monthlyRate(pct);
  const A = oraclePayment(BigInt(principal), n, u, D);
  let balance = BigInt(principal);
  const rows: Row[] = [];
  for (let k = 1; k <= n; k++) {
    const interest = halfUp(balance * u, D);
    let p = k === n ? balance : A - interest;
    if (p > balance) p = balance;
    rows.push([Number(p), Number(interest)]);
    balance -= p;
  }
  return rows;
}

function oracleEqualPrincipal(principal: number, n: number, pct: string, remainder: 'first' | 'last'): Row[] {
  const { u, D } = monthlyRate(pct);
  const P = BigInt(principal);
  const base = P / BigInt(n);
  const odd = remainder === 'first' ? 1 : n;
  let balance = P;
  const rows: Row[] = [];
  for (let k = 1; k <= n; k++) {
    const p = k === odd ? P - base * BigInt(n - 1) : base;
    rows.push([Number(p), Number(halfUp(balance * u, D))]);
    balance -= p;
  }
  return rows;
}

const rows = (xs: QuoteInstallment[]): Row[] => xs.map((i) => [i.principal, i.fee]);

/** A decimal percentage with up to 6 decimals between min and max units of 10^-decimals. */
const pct = (decimals: number, minUnits: number, maxUnits: number) =>
  fc.integer({ min: minUnits, max: maxUnits }).map((units) => {
    const digits = String(units).padStart(decimals + 1, '0');
    return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  });

const annualRate = fc.oneof(
  // Tiny rates: 0.000001 % … 0.000999 %, where 1 + r loses r's digits in floating point.
  pct(6, 1, 999),
  fc.constant('0'),
  // Everyday loan rates with up to 6 decimals (天星金融, 借呗: 7.2 %–24 %).
  fc.integer({ min: 0, max: 6 }).chain((d) => pct(d, 0, 36 * 10 ** d)),
  // Up to the largest rate quote() accepts.
  pct(2, 0, 10000),
);

const principal = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.integer({ min: 1, max: 100_000_000 }),
  fc.integer({ min: MAX_FEN - 1_000_000, max: MAX_FEN }),
  fc.integer({ min: 1, max: MAX_FEN }),
);

const term = fc.oneof(
  { arbitrary: fc.constantFrom(3, 6, 12, 24, 36), weight: 6 },
  { arbitrary: fc.integer({ min: 1, max: MAX_TERM }), weight: 3 },
  { arbitrary: fc.constant(MAX_TERM), weight: 1 },
);

describe('等额本息 and 等额本金 are exact', function () {
  // 360-period oracles with 3,000-digit powers: allow for a machine busy with the other test browsers.
  this.timeout(300_000);

  it('the issue’s case: ¥4.05 over 6 periods at 0.000001 % pays ¥0.68 five times (floating point gave ¥0.67)', () => {
    const q = quote({
      principal: 405,
      term: 6,
      fee: { model: 'equal-payment', annualRatePct: '0.000001' },
      purchaseDate: '2024-01-31',
    });
    expect(q.installments.map((i) => i.total)).to.deep.equal([68, 68, 68, 68, 68, 65]);
  });

  it('a principal near the maximum at a tiny rate is exact (floating point was 34,190 fen short)', () => {
    const q = quote({
      principal: 9_999_999_999_999,
      term: 24,
      fee: { model: 'equal-payment', annualRatePct: '0.000001' },
      purchaseDate: '2024-01-31',
    });
    expect(q.installments[0]!.total).to.equal(416_666_671_007);
    expect(rows(q.installments)).to.deep.equal(oracleEqualPayment(9_999_999_999_999, 24, '0.000001'));
  });

  it('at a zero rate the payment is the principal split half-up, the last period taking the rest', () => {
    const q = quote({
      principal: 1001,
      term: 6,
      fee: { model: 'equal-payment', annualRatePct: '0' },
      purchaseDate: '2024-01-31',
    });
    // 1001 / 6 = 166.83 → 167 five times, 166 last.
    expect(q.installments.map((i) => i.total)).to.deep.equal([167, 167, 167, 167, 167, 166]);
  });

  it('等额本息 matches the discount-factor oracle period by period, for tiny, zero, everyday and extreme rates', () => {
    fc.assert(
      fc.property(principal, term, annualRate, isoDate, (P, n, r, purchaseDate) => {
        const q = quote({ principal: P, term: n, fee: { model: 'equal-payment', annualRatePct: r }, purchaseDate });
        const want = oracleEqualPayment(P, n, r);
        const got = rows(q.installments);
        got.forEach((row, k) =>
          check(row[0] === want[k]![0] && row[1] === want[k]![1], `period ${k + 1}: ${row} ≠ ${want[k]}`),
        );
      }),
      { numRuns: RUNS / 5 },
    );
  });

  it('等额本金 matches the oracle period by period', () => {
    fc.assert(
      fc.property(principal, term, annualRate, fc.constantFrom('first' as const, 'last' as const), (P, n, r, rem) => {
        const q = quote({
          principal: P,
          term: n,
          fee: { model: 'equal-principal', annualRatePct: r },
          purchaseDate: '2024-01-31',
          remainder: rem,
        });
        const want = oracleEqualPrincipal(P, n, r, rem);
        rows(q.installments).forEach((row, k) =>
          check(row[0] === want[k]![0] && row[1] === want[k]![1], `period ${k + 1}: ${row} ≠ ${want[k]}`),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
