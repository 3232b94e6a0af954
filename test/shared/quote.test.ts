import { expect } from '@open-wc/testing';
import { FenqiInputError, quote, type QuoteInput } from '../../shared/index.js';

const base: QuoteInput = {
  principal: 100000,
  term: 3,
  fee: { model: 'interest-free' },
  purchaseDate: '2024-03-15',
};

function dues(input: Partial<QuoteInput>): string[] {
  return quote({ ...base, ...input }).installments.map((i) => i.dueDate);
}

function statements(input: Partial<QuoteInput>): (string | null)[] {
  return quote({ ...base, ...input }).installments.map((i) => i.statementDate);
}

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(FenqiInputError);
    return (e as FenqiInputError).field;
  }
  throw new Error('expected a FenqiInputError');
}

describe('quote() anniversary schedule', () => {
  it('counts every month from the purchase date and clamps to month end (Dec 31)', () => {
    expect(dues({ purchaseDate: '2023-12-31', term: 4 })).to.deep.equal([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(dues({ purchaseDate: '2024-12-31', term: 3 })).to.deep.equal(['2025-01-31', '2025-02-28', '2025-03-31']);
  });

  it('keeps day 29 after a Feb 28 in a common year', () => {
    expect(dues({ purchaseDate: '2025-01-29', term: 2 })).to.deep.equal(['2025-02-28', '2025-03-29']);
  });

  it('has no statement dates', () => {
    expect(statements({ term: 2 })).to.deep.equal([null, null]);
  });
});

describe('quote() statement schedule', () => {
  const day31 = { mode: 'statement', billingDay: 31, dueDaysAfterStatement: 20 } as const;

  it('clamps billing day 31 to Feb 29 and Apr 30, due a fixed number of days after each statement', () => {
    const q = quote({ ...base, purchaseDate: '2024-01-31', schedule: day31 });
    expect(q.installments.map((i) => [i.statementDate, i.dueDate])).to.deep.equal([
      ['2024-02-29', '2024-03-20'],
      ['2024-03-31', '2024-04-20'],
      ['2024-04-30', '2024-05-20'],
    ]);
  });

  it('puts a purchase on the billing day on that statement only when statementIncludesBillingDay', () => {
    expect(
      statements({ purchaseDate: '2024-01-31', schedule: { ...day31, statementIncludesBillingDay: true } })[0],
    ).to.equal('2024-01-31');
    expect(statements({ purchaseDate: '2024-01-31', schedule: day31 })[0]).to.equal('2024-02-29');
  });

  it('compares the purchase day with the clamped billing day (Feb 29 is on the day for billing day 30)', () => {
    const schedule = { mode: 'statement', billingDay: 30, dueDay: 10, dueMonthOffset: 1 } as const;
    expect(statements({ purchaseDate: '2024-02-29', schedule })[0]).to.equal('2024-03-30');
    expect(statements({ purchaseDate: '2024-02-28', schedule })[0]).to.equal('2024-02-29');
  });

  it('puts the due day in a later month with dueMonthOffset (statement 18th, due 7th next month)', () => {
    const q = quote({
      ...base,
      purchaseDate: '2024-03-20',
      schedule: { mode: 'statement', billingDay: 18, dueDay: 7, dueMonthOffset: 1 },
    });
    expect(q.installments.map((i) => [i.statementDate, i.dueDate])).to.deep.equal([
      ['2024-04-18', '2024-05-07'],
      ['2024-05-18', '2024-06-07'],
      ['2024-06-18', '2024-07-07'],
    ]);
  });

  it('crosses the year end and clamps the due day too', () => {
    const q = quote({
      ...base,
      purchaseDate: '2024-12-02',
      schedule: { mode: 'statement', billingDay: 1, dueDay: 31, dueMonthOffset: 0 },
    });
    expect(q.installments.map((i) => i.dueDate)).to.deep.equal(['2025-01-31', '2025-02-28', '2025-03-31']);
  });
});

describe('quote() amounts', () => {
  it('gives the odd fen to the first period with remainder "first"', () => {
    const q = quote({ ...base, fee: { model: 'flat-total', ratePct: '2.3' }, remainder: 'first' });
    expect(q.installments.map((i) => [i.principal, i.fee, i.remaining])).to.deep.equal([
      [33334, 768, 66666],
      [33333, 766, 33333],
      [33333, 766, 0],
    ]);
  });

  it('accepts rates as numbers, read as the decimal they print as', () => {
    const asString = quote({ ...base, fee: { model: 'flat-monthly', ratePct: '0.6' } });
    expect(quote({ ...base, fee: { model: 'flat-monthly', ratePct: 0.6 } })).to.deep.equal(asString);
    expect(asString.totalFee).to.equal(1800);
  });

  it('rounds a half fen up, not to even', () => {
    // 150 fen × 1% = 1.5 fen → 2; banker's rounding would give 2 as well, so also 250 × 1% = 2.5 → 3.
    expect(quote({ ...base, principal: 150, term: 1, fee: { model: 'flat-total', ratePct: '1' } }).totalFee).to.equal(
      2,
    );
    expect(quote({ ...base, principal: 250, term: 1, fee: { model: 'flat-total', ratePct: '1' } }).totalFee).to.equal(
      3,
    );
  });

  it('quotes a 1 fen principal', () => {
    const free = quote({ ...base, principal: 1, term: 1 });
    expect(free.installments).to.deep.equal([
      { n: 1, statementDate: null, dueDate: '2024-04-15', principal: 1, fee: 0, total: 1, remaining: 0 },
    ]);
    expect([free.aprNominalPct, free.aprEffectivePct]).to.deep.equal(['0.00', '0.00']);
    const twelve = quote({ ...base, principal: 1, term: 12, fee: { model: 'flat-total', ratePct: '7.5' } });
    expect(twelve.installments.map((i) => i.principal)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(twelve.aprNominalPct).to.equal('0.00');
    const doubled = quote({ ...base, principal: 1, term: 1, fee: { model: 'flat-total', ratePct: '100' } });
    expect([doubled.aprNominalPct, doubled.aprEffectivePct]).to.deep.equal(['1200.00', '409500.00']);
  });

  it('quotes a single period: the fee is the month’s rate', () => {
    const q = quote({ ...base, term: 1, fee: { model: 'flat-total', ratePct: '2.3' } });
    expect(q.installments[0]).to.include({ principal: 100000, fee: 2300, total: 102300, remaining: 0 });
    expect([q.aprNominalPct, q.aprEffectivePct]).to.deep.equal(['27.60', '31.37']);
  });

  it('is exact for principals near 10^13 fen', () => {
    const q = quote({ ...base, principal: 9999999999999, term: 12, fee: { model: 'flat-total', ratePct: '7.123457' } });
    // 9999999999999 × 0.07123457 = 712345699999.92877 → 712345700000
    expect(q.totalFee).to.equal(712345700000);
    expect(q.installments[11]).to.include({ principal: 833333333336, fee: 59362141674 });
    const loan = quote({
      ...base,
      principal: 10 ** 13,
      term: 24,
      fee: { model: 'equal-payment', annualRatePct: '18' },
    });
    expect(loan.installments[0]!.fee).to.equal(150000000000);
    expect(loan.aprNominalPct).to.equal('18.00');
    expect(loan.installments.reduce((s, i) => s + i.principal, 0)).to.equal(10 ** 13);
  });

  it('charges nothing for equal-payment at 0%', () => {
    const q = quote({ ...base, principal: 1000, term: 3, fee: { model: 'equal-payment', annualRatePct: '0' } });
    expect(q.installments.map((i) => i.total)).to.deep.equal([333, 333, 334]);
    expect(q.aprNominalPct).to.equal('0.00');
  });

  it('never lets a rounded-up payment repay a tiny loan early into a negative balance', () => {
    const q = quote({ ...base, principal: 7, term: 10, fee: { model: 'equal-payment', annualRatePct: '0' } });
    expect(q.installments.map((i) => i.principal)).to.deep.equal([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(q.installments.every((i) => i.remaining >= 0)).to.equal(true);
  });
});

describe('quote() rejects invalid input with a FenqiInputError naming the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['term 0', { term: 0 }, 'term'],
    ['a fractional term', { term: 1.5 }, 'term'],
    ['a term above 360', { term: 361 }, 'term'],
    ['principal 0', { principal: 0 }, 'principal'],
    ['a negative principal', { principal: -100 }, 'principal'],
    ['a fractional principal', { principal: 100.5 }, 'principal'],
    ['a principal above 10^13 fen', { principal: 10 ** 13 + 1 }, 'principal'],
    ['a principal given as a string', { principal: '100000' }, 'principal'],
    ['NaN principal', { principal: NaN }, 'principal'],
    ['an unknown fee model', { fee: { model: 'balloon' } }, 'fee.model'],
    ['a missing fee', { fee: undefined }, 'fee'],
    ['an exponent rate', { fee: { model: 'flat-total', ratePct: '1e1' } }, 'fee.ratePct'],
    ['a negative rate', { fee: { model: 'flat-total', ratePct: -1 } }, 'fee.ratePct'],
    ['a rate with spaces', { fee: { model: 'flat-total', ratePct: ' 7.5' } }, 'fee.ratePct'],
    ['a rate above 100%', { fee: { model: 'flat-total', ratePct: '100.01' } }, 'fee.ratePct'],
    ['an infinite rate', { fee: { model: 'equal-payment', annualRatePct: Infinity } }, 'fee.annualRatePct'],
    ['a missing rate', { fee: { model: 'equal-principal' } }, 'fee.annualRatePct'],
    ['an impossible date', { purchaseDate: '2023-02-29' }, 'purchaseDate'],
    ['a date with a time', { purchaseDate: '2024-03-15T00:00:00Z' }, 'purchaseDate'],
    ['month 13', { purchaseDate: '2024-13-01' }, 'purchaseDate'],
    ['an unknown schedule mode', { schedule: { mode: 'weekly' } }, 'schedule.mode'],
    ['billing day 0', { schedule: { mode: 'statement', billingDay: 0, dueDay: 10 } }, 'schedule.billingDay'],
    ['billing day 32', { schedule: { mode: 'statement', billingDay: 32, dueDay: 10 } }, 'schedule.billingDay'],
    ['due day 32', { schedule: { mode: 'statement', billingDay: 1, dueDay: 32 } }, 'schedule.dueDay'],
    ['no due rule', { schedule: { mode: 'statement', billingDay: 1 } }, 'schedule.dueDay'],
    [
      'both due rules',
      { schedule: { mode: 'statement', billingDay: 1, dueDay: 10, dueDaysAfterStatement: 9 } },
      'schedule.dueDay',
    ],
    [
      'a due day before the billing day in the same month',
      { schedule: { mode: 'statement', billingDay: 18, dueDay: 7 } },
      'schedule.dueDay',
    ],
    [
      'a same-month due day that February would clamp onto the billing day',
      { schedule: { mode: 'statement', billingDay: 28, dueDay: 30, dueMonthOffset: 0 } },
      'schedule.billingDay',
    ],
    [
      'a due month offset of 4',
      { schedule: { mode: 'statement', billingDay: 1, dueDay: 10, dueMonthOffset: 4 } },
      'schedule.dueMonthOffset',
    ],
    [
      '0 days after the statement',
      { schedule: { mode: 'statement', billingDay: 1, dueDaysAfterStatement: 0 } },
      'schedule.dueDaysAfterStatement',
    ],
    ['an unknown remainder', { remainder: 'middle' }, 'remainder'],
  ];
  for (const [what, change, field] of cases) {
    it(`rejects ${what} (${field})`, () => {
      expect(fieldOf(() => quote({ ...base, ...change } as unknown as QuoteInput))).to.equal(field);
    });
  }

  it('says why in the message', () => {
    expect(() => quote({ ...base, term: 0 })).to.throw(FenqiInputError, /term: must be a whole number/);
  });
});
