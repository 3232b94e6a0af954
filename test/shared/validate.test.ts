import { expect } from '@open-wc/testing';
import { FenqiInputError } from '../../shared/errors.js';
import { MAX_FEN } from '../../shared/limits.js';
import { bool, date, fen, integer, list, oneOf, record, text, uniqueIds } from '../../shared/checks.js';
import { parsed, Problems } from '../../shared/validate.js';

/** The refusal a check throws, as `path: reason`, or '' when it accepts. */
function refusal(check: () => unknown): string {
  try {
    check();
    return '';
  } catch (error) {
    expect(error).to.be.instanceOf(FenqiInputError);
    return (error as Error).message;
  }
}

describe('validation kit', () => {
  it('accepts whole fen from 0 to 10^13 only', () => {
    expect([0, 1, MAX_FEN].map((v) => fen(v, 'x'))).to.deep.equal([0, 1, MAX_FEN]);
    for (const bad of [-1, 0.5, MAX_FEN + 1, NaN, Infinity, '1', null]) {
      expect(
        refusal(() => fen(bad, 'a.b')),
        String(bad),
      ).to.equal('a.b: expected a whole number of fen from 0 to 10^13');
    }
  });

  it('names the path and the reason of each refusal', () => {
    expect(refusal(() => record([], 'p'))).to.equal('p: expected an object');
    expect(refusal(() => record(null, 'p'))).to.equal('p: expected an object');
    expect(refusal(() => text('', 'p.name'))).to.equal('p.name: expected 1–200 characters');
    expect(refusal(() => text('x'.repeat(65), 'p.id', 64))).to.equal('p.id: expected 1–64 characters');
    expect(refusal(() => text(7, 'p.id'))).to.equal('p.id: expected a string');
    expect(refusal(() => integer(32, 'g', 0, 31))).to.equal('g: expected an integer from 0 to 31');
    expect(refusal(() => integer(1.5, 'g', 0, 31))).to.equal('g: expected an integer from 0 to 31');
    expect(refusal(() => date('2023-02-29', 'd'))).to.equal('d: expected a calendar date YYYY-MM-DD');
    expect(refusal(() => bool('true', 'b'))).to.equal('b: expected true or false');
    expect(refusal(() => oneOf('x', 'k', ['a'] as const))).to.equal("k: expected 'a'");
    expect(refusal(() => oneOf('x', 'k', ['a', 'b', 'c'] as const))).to.equal("k: expected 'a', 'b' or 'c'");
    expect(refusal(() => list({}, 'l'))).to.equal('l: expected a list');
    expect(refusal(() => list([1, 2, 3], 'l', { max: 2, of: 'plans' }))).to.equal(
      'l: expected a list of at most 2 plans',
    );
    expect(refusal(() => list([], 'l', { min: 1, max: 2, of: 'installments' }))).to.equal(
      'l: expected 1–2 installments',
    );
    expect(refusal(() => uniqueIds([{ id: 'a' }, { id: 'a' }], 'l'))).to.equal('l: ids repeat');
  });

  it('returns what it accepted unchanged', () => {
    expect(text('分期', 'p')).to.equal('分期');
    expect(integer(31, 'g', 0, 31)).to.equal(31);
    expect(date('2024-02-29', 'd')).to.equal('2024-02-29');
    expect(oneOf('b', 'k', ['a', 'b'] as const)).to.equal('b');
    expect(list([1, 2], 'l', { min: 1, max: 2 })).to.deep.equal([1, 2]);
  });

  it('turns the first refusal into a result, and anything else into the fallback reason', () => {
    expect(parsed(() => 1, 'bad')).to.deep.equal({ ok: true, value: 1 });
    expect(parsed(() => text('', 'x'), 'bad')).to.deep.equal({ ok: false, reason: 'x: expected 1–200 characters' });
    expect(
      parsed(() => {
        throw new RangeError('Maximum call stack size exceeded');
      }, 'bad'),
    ).to.deep.equal({ ok: false, reason: 'bad' });
  });

  it('collects every problem, filed where the caller says', () => {
    const problems = new Problems();
    expect(problems.check(() => integer(40, 'a', 0, 31))).to.equal(undefined);
    expect(problems.check(() => integer(3, 'b', 0, 31))).to.equal(3);
    problems.check(
      () => bool(0, 'rule.on'),
      (field) => `$.x${field.slice('rule'.length)}`,
    );
    expect(problems.list).to.deep.equal([
      { path: 'a', reason: 'expected an integer from 0 to 31' },
      { path: '$.x.on', reason: 'expected true or false' },
    ]);
    expect(() => problems.check(() => (undefined as unknown as { x: number }).x)).to.throw(TypeError);
  });
});
