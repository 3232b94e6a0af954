import { expect } from '@open-wc/testing';
import { displayText, MAX_DISPLAY_CHARS } from '../../shared/display-text.js';

describe('text a page gave, made fit to show', () => {
  it('removes bidirectional controls, so a reversed name cannot pose as another host', () => {
    // U+202E (right-to-left override) makes "moc.yapila" read "alipay.com"; every embedding, override, isolate and mark goes.
    expect(displayText('\u202Emoc.yapila')).to.equal('moc.yapila');
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(displayText(`a${bidi}b`)).to.equal('ab');
  });

  it('removes zero-width and other invisible characters', () => {
    expect(displayText('Mi\u200B \u200C1\u200D4\u2060\uFEFF')).to.equal('Mi 14');
    expect(displayText('\u3164\u200B')).to.equal('…');
  });

  it('collapses line breaks, tabs and control characters to one space, so nothing is pushed out of view', () => {
    expect(displayText('Phone\n\n\n\n\n\r\n\tcase\u0000\u0007\u2028\u2029\u0085x')).to.equal('Phone case x');
    expect(displayText('  a   b  ')).to.equal('a b');
  });

  it('caps the length in characters, marking the cut, and never splits a surrogate pair', () => {
    const long = '手机'.repeat(100);
    expect(Array.from(displayText(long)).length).to.equal(MAX_DISPLAY_CHARS);
    expect(displayText(long).endsWith('…')).to.equal(true);
    expect(displayText('😀'.repeat(10), 5)).to.equal('😀😀😀😀…');
    expect(displayText('short', 5)).to.equal('short');
  });

  it('replaces lone surrogates and drops stacked combining marks', () => {
    expect(displayText('a\uD800b\uDC00')).to.equal('a\uFFFDb\uFFFD');
    expect(displayText('e\u0301\u0301\u0301\u0301\u0301\u0301x')).to.equal('e\u0301\u0301\u0301x');
  });

  it('gives the fallback for anything that is not text or has nothing visible left', () => {
    for (const value of [undefined, null, 42, {}, '', '   ', '\u202E\u200B']) expect(displayText(value)).to.equal('…');
    expect(displayText(null, 10, '?')).to.equal('?');
    expect(displayText('小米 14 Ultra')).to.equal('小米 14 Ultra');
  });
});
