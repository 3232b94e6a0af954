// Merchant config for the checkout plan selector: JSON in, a typed config or every error out (with its
// JSON path), never an exception. Documented for merchants in docs/merchant-config.md.

import { parseRate } from './decimal.js';
import { FenqiInputError } from './errors.js';
import { DEFAULT_LATE_CHARGE_CAP_PCT, MAX_FEN, MAX_GRACE_DAYS, MAX_TERM, PAYOFF_RULES } from './limits.js';
import { parseYuan } from './money.js';
import type { Fen, IsoDate, PlanPolicy } from './plan.js';
import {
  type FeeInput,
  FEE_MODELS,
  type FeeModel,
  quote,
  type QuoteResult,
  REMAINDERS,
  type RemainderPlacement,
} from './quote.js';
import { type ScheduleInput, scheduleRule } from './schedule.js';
import { isRecord, oneOf, Problems, type Problem, wholeNumber } from './validate.js';

/** A provider's fee: one model, and its rate (percent, exact decimal text) for every offered term. */
export type ProviderFee =
  | { model: 'interest-free' }
  | { model: Exclude<FeeModel, 'interest-free'>; ratesPct: Readonly<Record<number, string>> };

/** An installment provider offered at checkout (花呗分期, a bank's 信用卡分期, …). */
export interface Provider {
  /** Stable id, lowercase letters, digits and dashes: also the form value's provider part. */
  id: string;
  /** Shown to the shopper. */
  name: string;
  fee: ProviderFee;
  /** Offered terms in months, in display order. */
  terms: number[];
  /** Smallest and largest amounts (fen, inclusive) this provider takes. */
  min: Fen;
  max: Fen;
  schedule: ScheduleInput;
  remainder: RemainderPlacement;
  /** Terms the merchant makes interest-free (商家贴息), with the badge text; null when none. */
  promo: { interestFreeTerms: number[]; label: string | null } | null;
  /** The term to preselect, or null. */
  suggestedTerm: number | null;
  /** Late charge, grace and payoff rules that plans from this provider carry. */
  policy: PlanPolicy;
}

export interface MerchantConfig {
  currency: 'CNY';
  providers: Provider[];
}

/** One problem in a merchant config: where (`$.providers[1].fee.ratePct`) and why. */
export type ConfigError = Problem;

export type ConfigResult = { ok: true; config: MerchantConfig } | { ok: false; errors: ConfigError[] };

/**
 * What the plan selector shows when a page gives it no config at all: one provider, 花呗分期 at the commonly
 * quoted whole-term rates (2.3% / 4.5% / 7.5% for 3 / 6 / 12 months). For trying fenqi out; a store sets its own config.
 */
export const STARTER_CONFIG = {
  currency: 'CNY',
  providers: [
    {
      id: 'huabei',
      name: '花呗分期',
      fee: { model: 'flat-total', ratePct: { 3: '2.3', 6: '4.5', 12: '7.5' } },
      terms: [3, 6, 12],
      min: '100.00',
      max: '50000.00',
    },
  ],
} as const;

/**
 * Plan policy when a provider gives none: Huabei's published terms (0.05%/day, no grace), unbilled fees charged
 * on payoff (loans: `accrued`), late charges capped at the installment's principal + fee (docs/quote.md).
 */
export const DEFAULT_POLICY: PlanPolicy = {
  lateDailyRatePct: '0.05',
  graceDays: 0,
  unbilledFeesOnPayoff: 'charged',
  lateChargeCapPct: DEFAULT_LATE_CHARGE_CAP_PCT,
};

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
type Json = Record<string, unknown>;

/** Collects every problem while walking the JSON, in the words a merchant reads in the console. */
class Walk extends Problems {
  object(v: unknown, path: string, keys: readonly string[]): Json | undefined {
    if (!isRecord(v)) return this.add(path, 'must be an object');
    for (const k of Object.keys(v))
      if (!keys.includes(k)) this.add(`${path}.${k}`, `unknown key (expected one of ${keys.join(', ')})`);
    return v;
  }

  term(v: unknown, path: string): number | undefined {
    return this.check(() => wholeNumber(v, path, 1, MAX_TERM));
  }

  amount(v: unknown, path: string, fallback: Fen): Fen | undefined {
    if (v === undefined) return fallback;
    const parsed = parseYuan(v);
    return parsed.ok ? parsed.fen : this.add(path, parsed.reason);
  }
}

const PROVIDER_KEYS = [
  'id',
  'name',
  'fee',
  'terms',
  'min',
  'max',
  'schedule',
  'remainder',
  'promo',
  'suggested',
  'policy',
];
const SCHEDULE_KEYS = [
  'mode',
  'billingDay',
  'statementIncludesBillingDay',
  'dueDay',
  'dueMonthOffset',
  'dueDaysAfterStatement',
];

function fee(w: Walk, v: unknown, path: string, terms: number[]): ProviderFee | undefined {
  if (!isRecord(v)) return w.add(path, 'must be an object with a model');
  const model = v['model'];
  if (model === 'interest-free') {
    w.object(v, path, ['model']);
    return { model };
  }
  if (!w.check(() => oneOf(model, `${path}.model`, FEE_MODELS))) return undefined;
  const key = model === 'flat-total' || model === 'flat-monthly' ? 'ratePct' : 'annualRatePct';
  w.object(v, path, ['model', key]);
  const rate = v[key];
  const ratesPct: Record<number, string> = {};
  const errorsBefore = w.list.length;
  if (isRecord(rate)) {
    // A rate per term: { "3": "2.3", "6": "4.5", "12": "7.5" }.
    for (const t of terms) if (!(String(t) in rate)) w.add(`${path}.${key}`, `has no rate for term ${t}`);
    for (const [k, r] of Object.entries(rate)) {
      const at = `${path}.${key}["${k}"]`;
      if (!terms.some((t) => String(t) === k)) w.add(at, 'is not one of the offered terms');
      else if (w.check(() => parseRate(r, at))) ratesPct[Number(k)] = String(r);
    }
  } else if (w.check(() => parseRate(rate, `${path}.${key}`))) {
    for (const t of terms) ratesPct[t] = String(rate);
  }
  return w.list.length === errorsBefore ? { model: model as Exclude<FeeModel, 'interest-free'>, ratesPct } : undefined;
}

function provider(w: Walk, v: unknown, path: string): Provider | undefined {
  const p = w.object(v, path, PROVIDER_KEYS);
  if (!p) return undefined;
  const errorsBefore = w.list.length;
  const id =
    typeof p['id'] === 'string' && ID.test(p['id'])
      ? p['id']
      : w.add(`${path}.id`, 'must be 1–40 lowercase letters, digits or dashes');
  const name =
    typeof p['name'] === 'string' && p['name'].trim() !== ''
      ? p['name']
      : w.add(`${path}.name`, 'must be a non-empty string');

  const terms: number[] = [];
  if (!Array.isArray(p['terms']) || p['terms'].length === 0) {
    w.add(`${path}.terms`, 'must be a non-empty array of months');
  } else {
    p['terms'].forEach((t: unknown, k: number) => {
      const term = w.term(t, `${path}.terms[${k}]`);
      if (term === undefined) return;
      if (terms.includes(term)) w.add(`${path}.terms[${k}]`, `repeats term ${term}`);
      else terms.push(term);
    });
  }
  const feeValue = fee(w, p['fee'], `${path}.fee`, terms);

  const min = w.amount(p['min'], `${path}.min`, 1);
  const max = w.amount(p['max'], `${path}.max`, MAX_FEN);
  if (min !== undefined && max !== undefined && min > max) w.add(`${path}.min`, 'must not be above max');
  if (min === 0) w.add(`${path}.min`, 'must be at least 0.01');

  let schedule: ScheduleInput | undefined = { mode: 'anniversary' };
  if (p['schedule'] !== undefined) {
    schedule = w.object(p['schedule'], `${path}.schedule`, SCHEDULE_KEYS) as ScheduleInput | undefined;
    if (schedule) {
      const s = schedule;
      // The rule does not depend on the date: any real date lets scheduleRule check the fields.
      const at = (field: string) => `${path}.schedule${field.startsWith('schedule') ? field.slice(8) : ''}`;
      if (!w.check(() => scheduleRule('2024-01-01', s), at)) schedule = undefined;
    }
  }

  const remainder = w.check(() => oneOf(p['remainder'] ?? 'last', `${path}.remainder`, REMAINDERS));

  let promo: Provider['promo'] = null;
  if (p['promo'] !== undefined) {
    const o = w.object(p['promo'], `${path}.promo`, ['interestFreeTerms', 'label']);
    if (o) {
      const list = o['interestFreeTerms'];
      const free: number[] = [];
      if (!Array.isArray(list) || list.length === 0)
        w.add(`${path}.promo.interestFreeTerms`, 'must be a non-empty array of offered terms');
      else
        list.forEach((t: unknown, k: number) => {
          const at = `${path}.promo.interestFreeTerms[${k}]`;
          if (typeof t !== 'number' || !terms.includes(t)) w.add(at, 'is not one of the offered terms');
          else free.push(t);
        });
      const label = o['label'] ?? null;
      if (label !== null && typeof label !== 'string') w.add(`${path}.promo.label`, 'must be a string');
      promo = { interestFreeTerms: free, label: label as string | null };
    }
  }

  const suggested = p['suggested'] ?? null;
  if (suggested !== null && (typeof suggested !== 'number' || !terms.includes(suggested))) {
    w.add(`${path}.suggested`, 'must be one of the offered terms');
  }

  // A loan's early payoff owes interest only for the time borrowed (民法典 art. 677) unless agreed otherwise.
  const policy: PlanPolicy = { ...DEFAULT_POLICY };
  if (feeValue?.model.startsWith('equal-')) policy.unbilledFeesOnPayoff = 'accrued';
  const o = p['policy'] === undefined ? {} : w.object(p['policy'], `${path}.policy`, Object.keys(DEFAULT_POLICY));
  if (o) {
    const at = `${path}.policy.`;
    for (const k of ['lateDailyRatePct', 'lateChargeCapPct'] as const) {
      const rate = o[k] ?? policy[k];
      if (w.check(() => parseRate(rate, at + k))) policy[k] = String(rate);
    }
    const grace = w.check(() => wholeNumber(o['graceDays'] ?? policy.graceDays, `${at}graceDays`, 0, MAX_GRACE_DAYS));
    if (grace !== undefined) policy.graceDays = grace;
    const payoff = w.check(() =>
      oneOf(o['unbilledFeesOnPayoff'] ?? policy.unbilledFeesOnPayoff, `${at}unbilledFeesOnPayoff`, PAYOFF_RULES),
    );
    if (payoff) policy.unbilledFeesOnPayoff = payoff;
  }

  if (w.list.length !== errorsBefore) return undefined;
  return {
    id: id!,
    name: name!,
    fee: feeValue!,
    terms,
    min: min!,
    max: max!,
    schedule: schedule!,
    remainder: remainder!,
    promo,
    suggestedTerm: suggested as number | null,
    policy,
  };
}

/**
 * Validates a merchant config (an object, or JSON text) for `<fenqi-plan-selector>`. Returns the typed
 * config with defaults filled in, or every problem found, each with its JSON path. Never throws.
 */
export function validateMerchantConfig(input: unknown): ConfigResult {
  const w = new Walk();
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [{ path: '$', reason: `is not valid JSON (${(e as Error).message})` }] };
    }
  }
  const root = w.object(json, '$', ['currency', 'providers']);
  if (!root) return { ok: false, errors: w.list };
  if (root['currency'] !== 'CNY') w.add('$.currency', 'must be "CNY"');
  const providers: Provider[] = [];
  const list = root['providers'];
  if (!Array.isArray(list) || list.length === 0) {
    w.add('$.providers', 'must be a non-empty array of providers');
  } else {
    list.forEach((v: unknown, k: number) => {
      const p = provider(w, v, `$.providers[${k}]`);
      if (!p) return;
      if (providers.some((q) => q.id === p.id)) w.add(`$.providers[${k}].id`, `repeats provider id "${p.id}"`);
      providers.push(p);
    });
  }
  return w.list.length ? { ok: false, errors: w.list } : { ok: true, config: { currency: 'CNY', providers } };
}

/** The fee `quote()` needs for `term` of a provider: interest-free under its promotion. */
export function providerFee(provider: Provider, term: number): FeeInput {
  const f = provider.fee;
  if (f.model === 'interest-free' || provider.promo?.interestFreeTerms.includes(term))
    return { model: 'interest-free' };
  const rate = f.ratesPct[term];
  if (rate === undefined) throw new FenqiInputError('term', `provider "${provider.id}" does not offer ${term} months`);
  return f.model === 'flat-total' || f.model === 'flat-monthly'
    ? { model: f.model, ratePct: rate }
    : { model: f.model, annualRatePct: rate };
}

/** Whether the provider takes an amount of `principal` fen (its min/max, inclusive). */
export function providerAccepts(provider: Provider, principal: Fen): boolean {
  return principal >= provider.min && principal <= provider.max;
}

/** Quotes one term of a provider, with its fee, schedule and remainder rule. */
export function quoteProvider(provider: Provider, term: number, principal: Fen, purchaseDate: IsoDate): QuoteResult {
  return quote({
    principal,
    term,
    fee: providerFee(provider, term),
    purchaseDate,
    schedule: provider.schedule,
    remainder: provider.remainder,
  });
}
