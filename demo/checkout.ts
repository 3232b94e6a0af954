/**
 * Checkout: the product page's form (`product`, `amount` in yuan, `plan` = `provider:term`) becomes a plan,
 * quoted with shared/ `quote()` from the store's merchant config (demo/public/config.json, also served
 * at GET /api/config).
 */
import { readFileSync } from 'node:fs';
import { parseYuan, quote, FenqiInputError, type FeeInput, type ScheduleInput } from '../shared/index.js';
import type { IsoDate, Plan, PlanPolicy } from '../shared/plan.js';
import { HttpError } from './http.js';
import { HUABEI_POLICY } from './seed.js';
import type { JsonStore } from './store.js';

/** A provider as far as checkout needs it. The selector's config validator owns the full shape. */
interface ProviderConfig {
  id: string;
  name: string;
  terms: unknown[];
  fee: unknown;
  min?: unknown;
  max?: unknown;
  schedule?: unknown;
  policy?: unknown;
}

/** Used while the store has no config.json: Huabei's commonly quoted whole-term rates. */
export const FALLBACK_CONFIG = {
  currency: 'CNY',
  providers: [
    {
      id: 'huabei',
      name: '花呗分期',
      terms: [3, 6, 12],
      fee: {
        3: { model: 'flat-total', ratePct: '2.3' },
        6: { model: 'flat-total', ratePct: '4.5' },
        12: { model: 'flat-total', ratePct: '7.5' },
      },
      min: '100.00',
      max: '50000.00',
    },
  ],
};

/** The merchant config: config.json when it exists and parses, else the fallback (read on every call). */
export function loadConfig(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return FALLBACK_CONFIG;
  }
}

function providers(config: unknown): ProviderConfig[] {
  const list = (config as { providers?: unknown } | null)?.providers;
  return Array.isArray(list) ? (list as ProviderConfig[]) : [];
}

/** A term as config writes it: a number, or `{ term, fee? }`. */
function termNumber(entry: unknown): number | undefined {
  if (typeof entry === 'number') return entry;
  const term = (entry as { term?: unknown } | null)?.term;
  return typeof term === 'number' ? term : undefined;
}

/** The fee for one term: one fee model for every term, a table keyed by term, or a per-term entry. */
function feeFor(provider: ProviderConfig, term: number): FeeInput {
  const entry = provider.terms.find((t) => termNumber(t) === term) as { fee?: unknown } | number;
  if (typeof entry === 'object' && entry?.fee) return entry.fee as FeeInput;
  const fee = provider.fee as Record<string, unknown> | undefined;
  if (fee && typeof fee === 'object' && 'model' in fee) return fee as unknown as FeeInput;
  const byTerm = fee?.[String(term)];
  if (byTerm && typeof byTerm === 'object') return byTerm as FeeInput;
  throw new HttpError(500, 'config', `The store's config has no fee for ${provider.id} in ${term} periods`);
}

function yuanLimit(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseYuan(value);
  return parsed.ok ? parsed.fen : undefined;
}

export interface CheckoutForm {
  product: string;
  principal: number;
  providerId: string;
  term: number;
}

/** Checks the form fields; every problem is a 400 naming the field. */
export function checkoutForm(fields: Map<string, string>): CheckoutForm {
  for (const key of fields.keys()) {
    if (!['product', 'amount', 'plan'].includes(key)) throw new HttpError(400, 'invalid-request', `${key}: unknown field`);
  }
  const product = (fields.get('product') ?? '').trim();
  if (product.length === 0 || product.length > 200) throw new HttpError(400, 'invalid-request', 'product: expected 1–200 characters');
  const amount = parseYuan(fields.get('amount') ?? '');
  if (!amount.ok) throw new HttpError(400, 'invalid-request', `amount: ${amount.reason}`);
  if (amount.fen < 1) throw new HttpError(400, 'invalid-request', 'amount: must be more than 0');
  const match = /^([a-z0-9][a-z0-9_-]{0,63}):([1-9]\d{0,2})$/i.exec(fields.get('plan') ?? '');
  if (!match) throw new HttpError(400, 'invalid-request', 'plan: expected provider:term, e.g. huabei:12');
  return { product, principal: amount.fen, providerId: match[1]!, term: Number(match[2]) };
}

/** Quotes the form's plan and stores it; nothing is written when the plan is not on offer. */
export function checkout(store: JsonStore, config: unknown, form: CheckoutForm, today: IsoDate): Plan {
  const provider = providers(config).find((p) => p.id === form.providerId);
  if (!provider) throw new HttpError(400, 'unknown-provider', `plan: the store does not offer ${form.providerId}`);
  if (!Array.isArray(provider.terms) || !provider.terms.some((t) => termNumber(t) === form.term)) {
    throw new HttpError(400, 'unknown-term', `plan: ${provider.name} is not offered in ${form.term} periods`);
  }
  const min = yuanLimit(provider.min);
  const max = yuanLimit(provider.max);
  if ((min !== undefined && form.principal < min) || (max !== undefined && form.principal > max)) {
    throw new HttpError(400, 'amount-out-of-range', `amount: ${provider.name} is offered from ${String(provider.min)} to ${String(provider.max)} yuan`);
  }
  let q;
  try {
    q = quote({
      principal: form.principal,
      term: form.term,
      fee: feeFor(provider, form.term),
      purchaseDate: today,
      ...(provider.schedule ? { schedule: provider.schedule as ScheduleInput } : {}),
    });
  } catch (error) {
    if (error instanceof FenqiInputError) throw new HttpError(500, 'config', `The store's config for ${provider.id} is invalid: ${error.message}`);
    throw error;
  }
  const policy = (provider.policy as PlanPolicy | undefined) ?? HUABEI_POLICY;
  return store.update((draft) => {
    const order = draft.nextOrder++;
    const method = draft.paymentMethods[0] ?? null;
    const plan: Plan = {
      id: `plan-${order}`,
      origin: '',
      orderId: `ORD-${order}`,
      product: form.product,
      provider: { id: provider.id, name: provider.name },
      principal: form.principal,
      currency: 'CNY',
      purchaseDate: today,
      installments: q.installments.map((it) => ({ n: it.n, dueDate: it.dueDate, principal: it.principal, fee: it.fee, paid: 0, paidDate: null })),
      autoDebit: method !== null,
      preferredMethod: method,
      policy,
    };
    draft.plans.unshift(plan);
    return plan;
  });
}
