import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY, validateMerchantConfig } from '../../shared/index.js';

function provider(extra: Record<string, unknown>) {
  return { id: 'p', name: '分期', fee: { model: 'flat-total', ratePct: '4.5' }, terms: [6], ...extra };
}

function policyOf(extra: Record<string, unknown>) {
  const r = validateMerchantConfig({ currency: 'CNY', providers: [provider(extra)] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config.providers[0]!.policy;
}

function errorsOf(extra: Record<string, unknown>) {
  const r = validateMerchantConfig({ currency: 'CNY', providers: [provider(extra)] });
  expect(r.ok, 'config should be refused').to.equal(false);
  return r.ok ? [] : r.errors.map((e) => e.path);
}

describe('merchant config: late-charge and payoff policy', () => {
  it('defaults to Huabei’s terms with late charges capped at the installment’s principal + fee', () => {
    expect(policyOf({})).to.deep.equal({
      lateDailyRatePct: '0.05',
      graceDays: 0,
      unbilledFeesOnPayoff: 'charged',
      lateChargeCapPct: '100',
    });
    expect(DEFAULT_POLICY.lateChargeCapPct).to.equal('100');
  });

  it('defaults a loan (等额本息 / 等额本金) to interest accrued to the payoff day, with or without a policy', () => {
    for (const model of ['equal-payment', 'equal-principal']) {
      const fee = { model, annualRatePct: '12' };
      expect(policyOf({ fee }).unbilledFeesOnPayoff).to.equal('accrued');
      expect(policyOf({ fee, policy: { graceDays: 3 } })).to.include({ unbilledFeesOnPayoff: 'accrued', graceDays: 3 });
      expect(policyOf({ fee, policy: { unbilledFeesOnPayoff: 'charged' } }).unbilledFeesOnPayoff).to.equal('charged');
    }
  });

  it('takes every payoff rule and a cap from 0 to 100 percent', () => {
    expect(policyOf({ policy: { unbilledFeesOnPayoff: 'accrued', lateChargeCapPct: '30' } })).to.include({
      unbilledFeesOnPayoff: 'accrued',
      lateChargeCapPct: '30',
    });
    expect(policyOf({ policy: { lateChargeCapPct: 0 } }).lateChargeCapPct).to.equal('0');
  });

  it('refuses a cap above 100 %, a cap that is not a plain decimal, and an unknown payoff rule, by path', () => {
    expect(errorsOf({ policy: { lateChargeCapPct: '150' } })).to.deep.equal(['$.providers[0].policy.lateChargeCapPct']);
    expect(errorsOf({ policy: { lateChargeCapPct: '-1' } })).to.deep.equal(['$.providers[0].policy.lateChargeCapPct']);
    expect(errorsOf({ policy: { unbilledFeesOnPayoff: 'prorated' } })).to.deep.equal([
      '$.providers[0].policy.unbilledFeesOnPayoff',
    ]);
  });
});
