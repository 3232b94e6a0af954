/**
 * Checkout: the product page's choice (`product` id, `quantity`, `plan` = `provider:term`) is priced and quoted
 * for the order confirmation (确认订单), then submitted (提交订单) as an order that the shopper authorizes at the
 * provider with a payment password; only then is the plan booked, under the provider's review. The server
 * prices everything: the unit price comes from the store's catalogue (demo/catalogue.ts), and the plan is quoted
 * with shared/ `quote()` from the store's merchant config (demo/public/config.json, also served at
 * GET /api/config). A form that names an amount is refused: the price is not the page's to say; the total the
 * shopper confirmed (`expectedTotal`) is checked against the server's, never used.
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
import type { Fen, IsoDate, Plan } from '../shared/plan.js';
import type { Provider } from '../shared/config.js';
import type { QuoteResult } from '../shared/quote.js';
import { findProduct, type Product } from './catalogue.js';
import { HttpError } from './http.js';

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
  /** The total repayment including fees the shopper was shown and confirmed, when the form carries it. */
  expectedTotal: Fen | null;
}

const FIELDS = ['product', 'quantity', 'plan', 'expectedTotal'];

/** Checks the form fields (and `extra` ones the caller reads itself); every problem is a 400 naming the field. */
export function checkoutForm(fields: Map<string, string>, extra: readonly string[] = []): CheckoutForm {
  for (const key of fields.keys()) {
    if (key === 'amount' || key === 'price' || key === 'principal') {
      throw new HttpError(400, 'invalid-request', `${key}: the store prices the order; send product and quantity`);
    }
    if (!FIELDS.includes(key) && !extra.includes(key))
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
  const totalText = fields.get('expectedTotal');
  if (totalText !== undefined && !/^\d{1,15}$/.test(totalText)) {
    throw new HttpError(400, 'invalid-request', 'expectedTotal: expected the confirmed total in fen');
  }
  return {
    product,
    quantity,
    providerId: match[1]!,
    term: Number(match[2]),
    expectedTotal: totalText === undefined ? null : Number(totalText),
  };
}

/** An order priced and quoted by the store: what the confirmation shows and the plan repays. */
export interface PricedOrder {
  form: CheckoutForm;
  provider: Provider;
  principal: Fen;
  purchaseDate: IsoDate;
  quote: QuoteResult;
}

/**
 * Prices the form's order from the catalogue and quotes its plan on `today`; a plan not on offer is a 400, a
 * confirmed total other than the quote's a 409 `total-changed` (the config changed since the page was shown).
 */
export function priceOrder(rawConfig: unknown, form: CheckoutForm, today: IsoDate): PricedOrder {
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
  const quote = quoteProvider(provider, form.term, principal, today);
  if (form.expectedTotal !== null && form.expectedTotal !== quote.totalRepayment) {
    throw new HttpError(
      409,
      'total-changed',
      `The total is now ${formatFen(quote.totalRepayment)}, not ${formatFen(form.expectedTotal)}; confirm the order again`,
    );
  }
  return { form, provider, principal, purchaseDate: today, quote };
}

/** The plan an authorized order books: under the provider's review, repaying exactly the confirmed quote. */
export function planOf(order: PricedOrder, orderNumber: number, method: Plan['preferredMethod']): Plan {
  const { form, provider, quote } = order;
  return {
    id: `plan-${orderNumber}`,
    orderId: `ORD-${orderNumber}`,
    product: form.quantity === 1 ? form.product.name : `${form.product.name} ×${form.quantity}`,
    provider: { id: provider.id, name: provider.name },
    principal: order.principal,
    currency: 'CNY',
    purchaseDate: order.purchaseDate,
    installments: quote.installments.map((it) => ({
      n: it.n,
      dueDate: it.dueDate,
      principal: it.principal,
      fee: it.fee,
      paid: 0,
      paidDate: null,
      // A statement product's fee is billed on its statement day and owed on payoff from then (amountDue).
      ...(it.statementDate === null ? {} : { statementDate: it.statementDate }),
    })),
    autoDebit: method !== null,
    preferredMethod: method,
    policy: provider.policy,
    status: 'under-review',
  };
}
