// The selector's state without rendering: plain inputs in, plain data out. Nothing here touches the DOM.
import { expect } from '@open-wc/testing';
import { type MerchantConfig, quoteProvider, validateMerchantConfig } from '../../shared/config.js';
import {
  checkChoice,
  checkInputs,
  type Fetched,
  keptTerm,
  type Offer,
  type PageInputs,
  quoteOffer,
  selection,
} from '../../widget/plan-selector/plan-selector.state.js';
import { DATE, storeConfig } from './plan-selector.config.js';

const TODAY = '2025-06-15';

function valid(input: unknown): MerchantConfig {
  const result = validateMerchantConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

const page = (inputs: Partial<PageInputs> = {}): PageInputs => ({
  configSrc: '',
  amount: '5999.00',
  amountFen: null,
  currency: '',
  purchaseDate: DATE,
  ...inputs,
});

const store = () => validateMerchantConfig(storeConfig());
const offerFor = (fen: number) => quoteOffer(valid(storeConfig()), fen, DATE);
/** provider:term of every term that can be chosen, and the reason of every one that cannot. */
const summary = (offer: Offer) =>
  offer.providers.flatMap((p) =>
    p.terms.map((t) => `${t.provider}:${t.term} ${t.reason ? JSON.stringify(t.reason) : 'ok'}`),
  );

describe('plan selector state: which config and amount it prices', () => {
  it('prices the config property, the amount in yuan, the config’s currency and the purchase date', () => {
    const priced = checkInputs(page(), store(), null, TODAY);
    expect(priced).to.deep.equal({ config: valid(storeConfig()), fen: 599900, currency: 'CNY', date: DATE });
  });

  it('waits with neither config nor config-src (never plans the store did not configure), and takes today when no purchase date is set', () => {
    expect(checkInputs(page({ purchaseDate: '' }), null, null, TODAY)).to.deep.equal({ kind: 'waiting' });
    expect(checkInputs(page({ purchaseDate: '' }), store(), null, TODAY)).to.include({ date: TODAY });
  });

  it('waits for config-src until the config fetched from that very URL arrives, then uses it or its failure', () => {
    const config = valid(storeConfig());
    const inputs = page({ configSrc: '/b.json' });
    expect(checkInputs(inputs, null, null, TODAY)).to.deep.equal({ kind: 'waiting' });
    expect(checkInputs(inputs, null, { src: '/a.json', config }, TODAY), 'an older URL').to.deep.equal({
      kind: 'waiting',
    });
    expect(checkInputs(inputs, null, { src: '/b.json', config }, TODAY)).to.include({ config });
    const failed: Fetched = { src: '/b.json', kind: 'error', code: 'config-unavailable', message: 'HTTP 404' };
    expect(checkInputs(inputs, null, failed, TODAY)).to.equal(failed);
  });

  it('prefers the config property over config-src', () => {
    const priced = checkInputs(page({ configSrc: '/b.json' }), store(), null, TODAY);
    expect(priced).to.have.property('fen', 599900);
  });

  it('names the path of what is wrong in an invalid config', () => {
    const priced = checkInputs(page(), validateMerchantConfig({ currency: 'CNY', providers: [] }), null, TODAY);
    expect(priced).to.deep.equal({
      kind: 'error',
      code: 'invalid-config',
      message: 'config is not a valid merchant config: $.providers must be a non-empty array of providers',
    });
  });

  it('waits while the page has set no amount', () => {
    expect(checkInputs(page({ amount: '' }), store(), null, TODAY)).to.deep.equal({ kind: 'waiting' });
    expect(checkInputs(page({ amount: '', amountFen: '' }), store(), null, TODAY)).to.deep.equal({ kind: 'waiting' });
  });

  it('takes amount-fen over amount, as text or as a number', () => {
    expect(checkInputs(page({ amount: 'abc', amountFen: '12345' }), store(), null, TODAY)).to.have.property(
      'fen',
      12345,
    );
    expect(checkInputs(page({ amountFen: 7 }), store(), null, TODAY)).to.have.property('fen', 7);
  });

  for (const amountFen of ['0x10', '1e3', ' 100 ', '-1', '0', '012', '10000000000001', 1.5, 0, -3]) {
    it(`refuses amount-fen ${JSON.stringify(amountFen)}`, () => {
      const result = checkInputs(page({ amountFen }), store(), null, TODAY);
      expect(result).to.include({ kind: 'error', code: 'invalid-amount' });
    });
  }

  it('refuses an amount that is not yuan, or is zero, saying why', () => {
    expect(checkInputs(page({ amount: '59.999' }), store(), null, TODAY)).to.deep.include({ code: 'invalid-amount' });
    expect(checkInputs(page({ amount: '0.00' }), store(), null, TODAY)).to.deep.equal({
      kind: 'error',
      code: 'invalid-amount',
      message: 'amount must be more than 0',
    });
  });

  it('refuses a currency other than the config’s, and a purchase date that is not in the calendar', () => {
    expect(checkInputs(page({ currency: 'USD' }), store(), null, TODAY)).to.deep.equal({
      kind: 'error',
      code: 'invalid-currency',
      message: 'currency "USD" is not the config\'s (CNY)',
    });
    expect(checkInputs(page({ purchaseDate: '2025-02-29' }), store(), null, TODAY)).to.include({
      code: 'invalid-date',
    });
  });
});

describe('plan selector state: the offer', () => {
  it('quotes every term each provider accepts for the amount with the shared quote, and nothing else', () => {
    const config = valid(storeConfig());
    const offer = quoteOffer(config, 599900, DATE);
    for (const [p, provider] of config.providers.entries()) {
      for (const [k, term] of provider.terms.entries()) {
        const t = offer.providers[p]!.terms[k]!;
        expect(t.reason).to.equal(null);
        expect(t.quote).to.deep.equal(quoteProvider(provider, term, 599900, DATE));
      }
    }
  });

  it('says why a term cannot be chosen: below the provider’s minimum, above its maximum, or fewer fen than periods', () => {
    expect(summary(offerFor(50000))).to.include.members([
      'card:6 {"kind":"below-min","limit":60000}',
      'card:24 {"kind":"below-min","limit":60000}',
      'huabei:3 ok',
      'loan:12 ok',
    ]);
    expect(summary(offerFor(2500000))).to.include.members([
      'loan:6 {"kind":"above-max","limit":2000000}',
      'card:24 ok',
    ]);
    expect(summary(offerFor(7))).to.include.members([
      'loan:6 ok',
      'loan:12 {"kind":"too-small"}',
      'huabei:3 {"kind":"below-min","limit":10000}',
    ]);
    expect(summary(offerFor(6)), 'one fen a period is enough').to.include('loan:6 ok');
    const disabled = offerFor(7).providers[2]!.terms[1]!;
    expect(disabled.quote).to.equal(null);
    expect(disabled.periods).to.equal(null);
  });

  it('marks interest-free terms, by promotion or by fee model', () => {
    const free = (offer: Offer) => offer.providers.flatMap((p) => p.terms.filter((t) => t.free).map((t) => t.term));
    expect(free(offerFor(599900))).to.deep.equal([3]);
    const config = valid({
      currency: 'CNY',
      providers: [{ id: 'zero', name: '0息', fee: { model: 'interest-free' }, terms: [3, 6] }],
    });
    expect(free(quoteOffer(config, 10000, DATE))).to.deep.equal([3, 6]);
  });

  it('suggests the merchant’s suggested term, and previews each provider’s own suggestion or cheapest plan', () => {
    const offer = offerFor(599900);
    expect(offer.suggested).to.include({ provider: 'card', term: 12 });
    expect(offer.providers.map((p) => `${p.provider.id}:${p.pick?.term}`)).to.deep.equal([
      'huabei:3',
      'card:12',
      'loan:6',
    ]);
  });

  it('suggests the cheapest plan overall when the merchant’s suggestion is not available for the amount', () => {
    // ¥500: the card (from ¥600) is off, so its suggested 12 months is too; Huabei's interest-free 3 months is cheapest.
    expect(offerFor(50000).suggested).to.include({ provider: 'huabei', term: 3 });
  });

  it('suggests the first of two equally cheap plans', () => {
    const config = valid({
      currency: 'CNY',
      providers: [
        { id: 'a', name: 'A', fee: { model: 'flat-total', ratePct: '1' }, terms: [6, 3] },
        { id: 'b', name: 'B', fee: { model: 'interest-free' }, terms: [3] },
        { id: 'c', name: 'C', fee: { model: 'interest-free' }, terms: [3] },
      ],
    });
    expect(quoteOffer(config, 10000, DATE).suggested).to.include({ provider: 'b', term: 3 });
  });

  it('says "× n" only when every period but the last is the same, the last when it differs, and a fee per period only when it is', () => {
    const offer = offerFor(600000);
    const periods = (p: number, t: number) => offer.providers[p]!.terms[t]!.periods;
    // Card 12 months: ¥500 principal + 0.6 % of ¥6,000 = ¥36 fee, every month.
    expect(periods(1, 1)).to.deep.equal({ first: 53600, even: true, last: null, fee: 3600 });
    // Huabei 3 months interest-free: no fee.
    expect(periods(0, 0)).to.deep.equal({ first: 200000, even: true, last: null, fee: null });
    // 等额本金 at 12 % a year: ¥1,000 + ¥60 interest first, falling after.
    expect(periods(2, 0)).to.deep.equal({ first: 106000, even: false, last: null, fee: null });
    // ¥5,999: the card's principal ¥499.91 a month, the odd fen in the last period, which is said apart:
    // "¥535.90 × 11 + ¥536.03", the figures quote() charges.
    expect(offerFor(599900).providers[1]!.terms[1]!.periods).to.deep.equal({
      first: 53590,
      even: true,
      last: 53603,
      fee: 3599,
    });
  });
});

describe('plan selector state: the choice', () => {
  it('accepts a value the store offers even when it is disabled for this amount, and refuses one it does not offer', () => {
    const offer = offerFor(50000);
    expect(checkChoice(offer, 'card:12', 'card', 12)).to.deep.equal({ provider: 'card', term: 12 });
    expect(checkChoice(offer, 'card:3', 'card', 3)).to.deep.equal({
      kind: 'error',
      code: 'unknown-plan',
      message: 'value "card:3" is not a provider:term this store offers',
    });
    expect(checkChoice(offer, 'nope', 'nope', 0)).to.include({ code: 'unknown-plan' });
  });

  it('drops a shopper’s choice whose provider the config no longer has, for the suggested provider', () => {
    expect(checkChoice(offerFor(599900), '', 'gone', 6)).to.deep.equal({ provider: 'card', term: 0 });
    expect(checkChoice(offerFor(599900), '', 'loan', 6)).to.deep.equal({ provider: 'loan', term: 6 });
  });

  it('shows the first provider until one is chosen, and submits only a term that can be chosen', () => {
    const offer = offerFor(50000);
    const none = selection(offer, '', 0);
    expect([none.shown.provider.id, none.chosen, none.value]).to.deep.equal(['huabei', null, '']);
    const disabled = selection(offer, 'card', 12);
    expect([disabled.shown.provider.id, disabled.chosen, disabled.value]).to.deep.equal(['card', null, '']);
    const chosen = selection(offer, 'huabei', 6);
    expect(chosen.chosen).to.include({ provider: 'huabei', term: 6 });
    expect(chosen.value).to.equal('huabei:6');
  });

  it('keeps the term when switching to a provider that offers it for this amount', () => {
    const [, card, loan] = offerFor(599900).providers;
    expect(keptTerm(loan!, 12)).to.equal(12);
    expect(keptTerm(card!, 3)).to.equal(0);
    expect(keptTerm(offerFor(7).providers[2]!, 12), 'too small for 12 periods').to.equal(0);
  });
});
