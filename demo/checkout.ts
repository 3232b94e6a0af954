/**
 * Checkout: the product page's form (`product` id, `quantity`, `plan` = `provider:term`) becomes a plan. The
 * server prices it: the unit price comes from the store's catalogue (demo/catalogue.ts), and the plan is quoted
 * with shared/ `quote()` from the store's merchant config (demo/public/config.json, also served at
 * GET /api/config). A form that names an amount is refused: the price is not the page's to say.
 */
import { readFileSync } from 'node:fs';
import {
  providerAccepts,
  quoteProvider,
  STARTER_CONFIG,
  validateMerchantConfig,
  type MerchantConfig,
} from '../shared/config.js';
import { formatFen } from '../shared/format.js';
import type { IsoDate, Plan } from '../shared/plan.js';
import { findProduct, type Product } from './catalogue.js';
import { HttpError } from './http.js';
import type { Database } from './db.js';
import { insertPlan, nextOrderNumber, paymentMethods } from './store.js';

/** The merchant config as written: config.json when it exists (read on every call), else the selector's starter config. */
export function loadConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return STARTER_CONFIG;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(500, 'config', `${file} is not valid JSON`);
  }
}

/** The config checked by shared/'s validator, the same one the plan selector applies. */
function checkedConfig(raw: unknown): MerchantConfig {
  const result = validateMerchantConfig(raw);
  if (!result.ok) {
    const first = result.errors[0]!;
    throw new HttpError(500, 'config', `The store's config is invalid at ${first.path}: ${first.reason}`);
  }
  return result.config;
}

export interface CheckoutForm {
  product: Product;
  quantity: number;
  providerId: string;
  term: number;
}

/** Checks the form fields; every problem is a 400 naming the field. */
export function checkoutForm(fields: Map<string, string>): CheckoutForm {
  for (const key of fields.keys()) {
    if (key === 'amount' || key === 'price' || key === 'principal') {
      throw new HttpError(400, 'invalid-request', `${key}: the store prices the order; send product and quantity`);
    }
    if (!['product', 'quantity', 'plan'].includes(key))
      throw new HttpError(400, 'invalid-request', `${key}: unknown field`);
  }
  const product = findProduct(fields.get('product') ?? '');
  if (!product) throw new HttpError(400, 'unknown-product', 'product: the store does not sell that product');
  const quantityText = fields.get('quantity') ?? '1';
  const quantity = /^[1-9]\d{0,2}$/.test(quantityText) ? Number(quantityText) : NaN;
  if (!(quantity <= product.maxQuantity)) {
    throw new HttpError(400, 'invalid-request', `quantity: expected a whole number from 1 to ${product.maxQuantity}`);
  }
  const match = /^([a-z0-9][a-z0-9_-]{0,63}):([1-9]\d{0,2})$/i.exec(fields.get('plan') ?? '');
  if (!match) throw new HttpError(400, 'invalid-request', 'plan: expected provider:term, e.g. huabei:12');
  return { product, quantity, providerId: match[1]!, term: Number(match[2]) };
}

/**
 * Quotes the form's plan and stores it as the shopper's, under the provider's review until `reviewDueAt`
 * (demo/review.ts); nothing is written when the plan is not on offer.
 */
export async function checkout(
  db: Database,
  shopperId: string,
  rawConfig: unknown,
  form: CheckoutForm,
  today: IsoDate,
  reviewDueAt: Date,
): Promise<Plan> {
  const provider = checkedConfig(rawConfig).providers.find((p) => p.id === form.providerId);
  if (!provider) throw new HttpError(400, 'unknown-provider', `plan: the store does not offer ${form.providerId}`);
  if (!provider.terms.includes(form.term)) {
    throw new HttpError(400, 'unknown-term', `plan: ${provider.name} is not offered in ${form.term} periods`);
  }
  const principal = form.product.price * form.quantity;
  if (!providerAccepts(provider, principal)) {
    throw new HttpError(
      400,
      'amount-out-of-range',
      `plan: ${provider.name} takes orders of ${formatFen(provider.min)} to ${formatFen(provider.max)}`,
    );
  }
  const q = quoteProvider(provider, form.term, principal, today);
  return db.transaction(async (sql) => {
    const order = await nextOrderNumber(sql);
    const method = (await paymentMethods(sql, shopperId))[0] ?? null;
    const plan: Plan = {
      id: `plan-${order}`,
      orderId: `ORD-${order}`,
      product: form.quantity === 1 ? form.product.name : `${form.product.name} ×${form.quantity}`,
      provider: { id: provider.id, name: provider.name },
      principal,
      currency: 'CNY',
      purchaseDate: today,
      installments: q.installments.map((it) => ({
        n: it.n,
        dueDate: it.dueDate,
        principal: it.principal,
        fee: it.fee,
        paid: 0,
        paidDate: null,
      })),
      autoDebit: method !== null,
      preferredMethod: method,
      policy: provider.policy,
      status: 'under-review',
    };
    await insertPlan(sql, shopperId, plan, reviewDueAt);
    return plan;
  });
}
