import { expect } from '@open-wc/testing';
import { oddPeriod, quote, type QuoteInput } from '../../shared/index.js';

const q = (input: Partial<QuoteInput>) =>
  quote({
    principal: 599900,
    term: 12,
    fee: { model: 'flat-total', ratePct: '7.5' },
    purchaseDate: '2024-01-31',
    ...input,
  });

describe('oddPeriod()', () => {
  it('says the last period pays 13 fen more: ¥537.40 × 11期 + ¥537.53', () => {
    expect(oddPeriod(q({}))).to.deep.equal({
      regular: 53740,
      regularCount: 11,
      odd: { n: 12, total: 53753, difference: 13 },
    });
  });

  it('finds the odd period first when the remainder goes first', () => {
    expect(oddPeriod(q({ remainder: 'first' }))).to.deep.equal({
      regular: 53740,
      regularCount: 11,
      odd: { n: 1, total: 53753, difference: 13 },
    });
  });

  it('has no odd period when every period pays the same', () => {
    expect(oddPeriod(q({ principal: 120000, fee: { model: 'interest-free' } }))).to.deep.equal({
      regular: 10000,
      regularCount: 12,
      odd: null,
    });
    expect(oddPeriod(q({ term: 1 }))).to.deep.include({ regularCount: 1, odd: null });
  });

  it('gives a negative difference when the last 等额本息 period pays less (¥0.68 × 5期 + ¥0.65)', () => {
    const r = oddPeriod(q({ principal: 405, term: 6, fee: { model: 'equal-payment', annualRatePct: '0.000001' } }));
    expect(r).to.deep.equal({ regular: 68, regularCount: 5, odd: { n: 6, total: 65, difference: -3 } });
  });

  it('is null for 等额本金, whose payments decline every period', () => {
    expect(oddPeriod(q({ fee: { model: 'equal-principal', annualRatePct: '12' } }))).to.equal(null);
  });

  it('calls the second of two differing periods the odd one', () => {
    expect(oddPeriod(q({ principal: 101, term: 2, fee: { model: 'interest-free' } }))).to.deep.equal({
      regular: 50,
      regularCount: 1,
      odd: { n: 2, total: 51, difference: 1 },
    });
  });
});
