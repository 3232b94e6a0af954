import { expect } from '@open-wc/testing';
import { quote, type QuoteInput, type QuoteResult } from '../../shared/index.js';

// Input and expected output of every worked case in the project's reference quotes, copied as data.
// Fetched rather than imported: the test server does not serve JSON modules.
const response = await fetch(new URL('./fixtures/quote-cases.json', import.meta.url));
const referenceCases = (await response.json()) as { id: string; input: QuoteInput; expected: QuoteResult }[];

describe('quote() reproduces every reference case to the fen and to the day', () => {
  it('has the reference cases to check', () => {
    expect(referenceCases.length).to.be.greaterThan(5);
  });
  for (const c of referenceCases) {
    it(`${c.id}: ${c.input.fee.model}, ${c.input.term} periods`, () => {
      expect(quote(c.input)).to.deep.equal(c.expected);
    });
  }
});
