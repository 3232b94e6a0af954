import { expect } from '@open-wc/testing';
import {
  DEFAULT_POLICY,
  MAX_FEN,
  providerAccepts,
  providerFee,
  quoteProvider,
  validateMerchantConfig,
  type MerchantConfig,
} from '../../shared/index.js';

const huabei = {
  id: 'huabei',
  name: '花呗分期',
  fee: { model: 'flat-total', ratePct: { '3': '2.3', '6': '4.5', '12': '7.5' } },
  terms: [3, 6, 12],
  min: '100',
  max: '50000.00',
  schedule: { mode: 'statement', billingDay: 1, dueDay: 10 },
  promo: { interestFreeTerms: [3], label: '3期免息' },
  suggested: 12,
};

function valid(json: unknown): MerchantConfig {
  const r = validateMerchantConfig(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

function errors(json: unknown) {
  const r = validateMerchantConfig(json);
  expect(r.ok, 'config should be refused').to.equal(false);
  return r.ok ? [] : r.errors;
}

describe('validateMerchantConfig()', () => {
  it('types a full config, amounts in fen, one rate per term', () => {
    const [p] = valid({ currency: 'CNY', providers: [huabei] }).providers;
    expect(p).to.deep.equal({
      id: 'huabei',
      name: '花呗分期',
      fee: { model: 'flat-total', ratesPct: { 3: '2.3', 6: '4.5', 12: '7.5' } },
      terms: [3, 6, 12],
      min: 10000,
      max: 5000000,
      schedule: { mode: 'statement', billingDay: 1, dueDay: 10 },
      remainder: 'last',
      promo: { interestFreeTerms: [3], label: '3期免息' },
      suggestedTerm: 12,
      policy: DEFAULT_POLICY,
    });
  });

  it('fills in defaults for a minimal provider', () => {
    const [p] = valid({
      currency: 'CNY',
      providers: [{ id: 'card', name: '信用卡分期', fee: { model: 'flat-monthly', ratePct: 0.6 }, terms: [6, 12] }],
    }).providers;
    expect(p).to.include({ min: 1, max: MAX_FEN, remainder: 'last', promo: null, suggestedTerm: null });
    expect(p!.fee).to.deep.equal({ model: 'flat-monthly', ratesPct: { 6: '0.6', 12: '0.6' } });
    expect(p!.schedule).to.deep.equal({ mode: 'anniversary' });
  });

  it('reads JSON text too', () => {
    expect(valid(JSON.stringify({ currency: 'CNY', providers: [huabei] })).providers).to.have.length(1);
    expect(errors('{"currency": "CNY",')).to.have.length(1).and.to.have.nested.property('[0].path', '$');
  });

  const broken: [string, unknown, string, RegExp][] = [
    [
      'a bad rate in the second provider',
      { fee: { model: 'flat-total', ratePct: '1e3' } },
      '$.providers[1].fee.ratePct',
      /is not a decimal/,
    ],
    [
      'a rate missing for a term',
      { fee: { model: 'flat-total', ratePct: { '3': '2.3' } } },
      '$.providers[1].fee.ratePct',
      /term 6/,
    ],
    [
      'a rate for a term not offered',
      { fee: { model: 'flat-total', ratePct: { '3': '1', '6': '2', '12': '3', '9': '4' } } },
      '$.providers[1].fee.ratePct["9"]',
      /not one of the offered terms/,
    ],
    ['an unknown fee model', { fee: { model: 'balloon' } }, '$.providers[1].fee.model', /must be one of/],
    [
      'the wrong rate key for the model',
      { fee: { model: 'equal-payment', ratePct: '18' } },
      '$.providers[1].fee.ratePct',
      /unknown key/,
    ],
    ['a term of 0', { terms: [3, 0] }, '$.providers[1].terms[1]', /whole number from 1 to 360/],
    ['a repeated term', { terms: [3, 3], fee: { model: 'interest-free' } }, '$.providers[1].terms[1]', /repeats/],
    ['no terms', { terms: [] }, '$.providers[1].terms', /non-empty/],
    ['a hex minimum', { min: '0x10' }, '$.providers[1].min', /plain decimal/],
    ['min above max', { min: '600', max: '500' }, '$.providers[1].min', /not be above max/],
    [
      'billing day 32',
      { schedule: { mode: 'statement', billingDay: 32, dueDay: 10 } },
      '$.providers[1].schedule.billingDay',
      /1 to 31/,
    ],
    [
      'an unknown schedule key',
      { schedule: { mode: 'anniversary', clamp: 'fixed_28' } },
      '$.providers[1].schedule.clamp',
      /unknown key/,
    ],
    [
      'a promo term not offered',
      { promo: { interestFreeTerms: [24] } },
      '$.providers[1].promo.interestFreeTerms[0]',
      /offered/,
    ],
    ['a suggested term not offered', { suggested: 9 }, '$.providers[1].suggested', /offered terms/],
    ['an id with capitals', { id: 'HuaBei' }, '$.providers[1].id', /lowercase/],
    ['a repeated id', { id: 'huabei' }, '$.providers[1].id', /repeats provider id/],
    ['a misspelt key', { temrs: [3] }, '$.providers[1].temrs', /unknown key/],
    [
      'a bad payoff policy',
      { policy: { unbilledFeesOnPayoff: 'refunded' } },
      '$.providers[1].policy.unbilledFeesOnPayoff',
      /charged/,
    ],
    ['a bad remainder', { remainder: 'middle' }, '$.providers[1].remainder', /first/],
  ];
  for (const [what, change, path, reason] of broken) {
    it(`names the JSON path of ${what}`, () => {
      const second = { ...huabei, id: 'other', ...(change as object) };
      const found = errors({ currency: 'CNY', providers: [huabei, second] });
      expect(found.map((e) => e.path)).to.include(path);
      expect(found.find((e) => e.path === path)!.reason).to.match(reason);
    });
  }

  it('reports every error at once, not just the first', () => {
    const found = errors({ currency: 'USD', providers: [{ ...huabei, terms: [0], name: '' }] });
    expect(found.map((e) => e.path)).to.include.members([
      '$.currency',
      '$.providers[0].terms[0]',
      '$.providers[0].name',
    ]);
  });

  it('refuses what is not a config at all', () => {
    expect(errors(null)[0]).to.deep.equal({ path: '$', reason: 'must be an object' });
    expect(errors({ currency: 'CNY', providers: [] })[0]!.path).to.equal('$.providers');
  });
});

describe('quoting a configured provider', () => {
  const [p] = valid({ currency: 'CNY', providers: [huabei] }).providers;

  it('uses the term’s own rate and the provider’s schedule', () => {
    expect(providerFee(p!, 12)).to.deep.equal({ model: 'flat-total', ratePct: '7.5' });
    const q = quoteProvider(p!, 6, 100000, '2024-03-15');
    expect(q.totalFee).to.equal(4500);
    expect(q.installments[0]!.statementDate).to.equal('2024-04-01');
  });

  it('makes promotion terms interest-free', () => {
    expect(providerFee(p!, 3)).to.deep.equal({ model: 'interest-free' });
    expect(quoteProvider(p!, 3, 100000, '2024-03-15').aprNominalPct).to.equal('0.00');
  });

  it('refuses a term the provider does not offer', () => {
    expect(() => providerFee(p!, 24)).to.throw(/does not offer 24 months/);
  });

  it('accepts amounts within min and max, inclusive', () => {
    expect([9999, 10000, 5000000, 5000001].map((fen) => providerAccepts(p!, fen))).to.deep.equal([
      false,
      true,
      true,
      false,
    ]);
  });
});
