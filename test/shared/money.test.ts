import { expect } from '@open-wc/testing';
import { formatFen, MAX_FEN, parseYuan } from '../../shared/index.js';

describe('parseYuan()', () => {
  const good: [unknown, number][] = [
    ['5999', 599900],
    ['5999.00', 599900],
    ['5999.5', 599950],
    ['0.01', 1],
    ['0', 0],
    [5999.5, 599950],
    [12, 1200],
    ['100000000000', MAX_FEN],
  ];
  for (const [input, fen] of good) {
    it(`reads ${JSON.stringify(input)} as ${fen} fen`, () => {
      expect(parseYuan(input)).to.deep.equal({ ok: true, fen });
    });
  }

  const bad: [unknown, RegExp][] = [
    ['0x10', /plain decimal/],
    ['1e3', /plain decimal/],
    [' 100 ', /spaces/],
    ['100 ', /spaces/],
    ['-1', /negative/],
    ['+1', /plain decimal/],
    ['5999.001', /more than two decimals/],
    ['', /empty/],
    [NaN, /not a finite number/],
    ['NaN', /plain decimal/],
    [Infinity, /not a finite number/],
    ['Infinity', /plain decimal/],
    ['5999.', /plain decimal/],
    ['.5', /plain decimal/],
    ['05999', /plain decimal/],
    ['5,999', /plain decimal/],
    ['５９９９', /plain decimal/],
    ['100000000000.01', /above the largest amount/],
    ['1000000000000000000000000', /above the largest amount/],
    [0.1 + 0.2, /plain decimal|more than two decimals/],
    [-5, /negative/],
    [null, /string or a number/],
    [undefined, /string or a number/],
    [10n, /string or a number/],
  ];
  for (const [input, reason] of bad) {
    it(`rejects ${typeof input === 'string' ? JSON.stringify(input) : String(input)} with a reason`, () => {
      const result = parseYuan(input);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.reason).to.match(reason);
    });
  }
});

describe('formatFen()', () => {
  it('formats yuan with the ¥ sign in Chinese and English', () => {
    expect(formatFen(599900, 'zh-CN')).to.equal('¥5,999.00');
    expect(formatFen(599900, 'en')).to.equal('¥5,999.00');
  });

  it('defaults to zh-CN and always shows two decimals', () => {
    expect(formatFen(1)).to.equal('¥0.01');
    expect(formatFen(599950)).to.equal('¥5,999.50');
  });

  it('keeps every fen of the largest amounts', () => {
    expect(formatFen(MAX_FEN - 1, 'en')).to.equal('¥99,999,999,999.99');
  });
});
