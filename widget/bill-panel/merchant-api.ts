/**
 * The bill panel's side of the merchant API (docs/merchant-api.md): the adapter interface a merchant may
 * implement in code, the REST adapter used for the `api` attribute, and the checks every answer passes
 * before the panel shows it. Whatever the merchant's backend sends, the panel gets either clean data or a
 * `MerchantApiError` — never an exception from deep inside rendering.
 */
import { announcedPlan, type AnnouncedPlan } from '../../shared/bridge.js';
import { PAYMENT_METHOD_KINDS, type Fen, type PaymentMethod, type PaymentMethodKind } from '../../shared/plan.js';

/** What the shopper asks to repay: the oldest unpaid installments in order, or everything (early payoff). */
export type RepaymentBody =
  | { installments: number[]; methodId: string; requestId: string; expectedTotal: Fen }
  | { payoff: true; methodId: string; requestId: string; expectedTotal: Fen };

/** The record of a repayment the merchant accepted. */
export interface Repayment {
  id: string;
  /** Installments settled, oldest first. */
  installments: number[];
  payoff: boolean;
  /** What the shopper was charged: installments + late charge. */
  charged: Fen;
  lateCharge: Fen;
  /** Fees of periods not yet due that an early payoff waived. */
  waivedFee: Fen;
  methodId: string;
  /** The calendar day the merchant booked it. */
  date: string;
}

/** The merchant wants the shopper to prove the change: an SMS code (hint says where it went) or a password. */
export interface VerificationChallenge {
  verification: 'sms' | 'password';
  hint: string;
}

/**
 * The merchant API as a JS object, for merchants who wire their own backend (the `adapter` property).
 * Each method resolves with the JSON body the REST route answers with, and rejects with an object or Error
 * carrying `code` and `message` (the REST `{ error }` body) when the merchant refuses.
 */
export interface FenqiMerchantAdapter {
  /** `GET {api}/plans` → `{ plans }` */
  getPlans(): Promise<unknown>;
  /** `GET {api}/payment-methods` → `{ paymentMethods }` */
  getPaymentMethods(): Promise<unknown>;
  /** `POST {api}/plans/{id}/repayments` → `{ plan, repayment }` */
  repay(planId: string, body: RepaymentBody): Promise<unknown>;
  /** `PUT {api}/plans/{id}/preferred-method` → `{ plan }`, or `{ verification, hint }` (HTTP 409). */
  setPreferredMethod(planId: string, body: { methodId: string; verification?: string }): Promise<unknown>;
}

/** A refusal or failure, with the merchant's error code (or `network`, `bad-response`) and a message for people. */
export class MerchantApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MerchantApiError';
  }
}

function fail(code: string, message: string): never {
  throw new MerchantApiError(code, message);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('bad-response', `${path}: expected an object`);
  return value as Record<string, unknown>;
}

/** Turns whatever an adapter rejected with into a MerchantApiError. */
export function toApiError(error: unknown): MerchantApiError {
  if (error instanceof MerchantApiError) return error;
  const o = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const inner = typeof o.error === 'object' && o.error !== null ? (o.error as Record<string, unknown>) : o;
  const code = typeof inner.code === 'string' && inner.code ? inner.code : 'failed';
  const message =
    typeof inner.message === 'string' && inner.message
      ? inner.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new MerchantApiError(code, message);
}

/** Checks a plan the way the extension will: a plan the bridge would refuse is not shown either. */
function plan(value: unknown, path: string): AnnouncedPlan {
  try {
    return announcedPlan(value, path);
  } catch (error) {
    return fail('bad-response', error instanceof Error ? error.message : String(error));
  }
}

function method(value: unknown, path: string): PaymentMethod {
  const o = object(value, path);
  if (typeof o.id !== 'string' || !o.id || o.id.length > 64)
    fail('bad-response', `${path}.id: expected 1–64 characters`);
  if (typeof o.label !== 'string' || !o.label || o.label.length > 200)
    fail('bad-response', `${path}.label: expected 1–200 characters`);
  if (!PAYMENT_METHOD_KINDS.includes(o.kind as PaymentMethodKind)) fail('bad-response', `${path}.kind: unknown kind`);
  const out: PaymentMethod = { id: o.id, kind: o.kind as PaymentMethodKind, label: o.label };
  if (o.last4 !== undefined) {
    if (typeof o.last4 !== 'string' || !/^\d{4}$/.test(o.last4))
      fail('bad-response', `${path}.last4: expected 4 digits`);
    out.last4 = o.last4;
  }
  return out;
}

function uniqueIds<T extends { id: string }>(list: T[], path: string): T[] {
  if (new Set(list.map((x) => x.id)).size !== list.length) fail('bad-response', `${path}: ids repeat`);
  return list;
}

export function parsePlans(body: unknown): AnnouncedPlan[] {
  const list = object(body, 'response').plans;
  if (!Array.isArray(list) || list.length > 200)
    fail('bad-response', 'response.plans: expected a list of at most 200 plans');
  return uniqueIds(
    list.map((p, i) => plan(p, `plans[${i}]`)),
    'plans',
  );
}

export function parsePaymentMethods(body: unknown): PaymentMethod[] {
  const list = object(body, 'response').paymentMethods;
  if (!Array.isArray(list) || list.length > 50)
    fail('bad-response', 'response.paymentMethods: expected a list of at most 50');
  return uniqueIds(
    list.map((m, i) => method(m, `paymentMethods[${i}]`)),
    'paymentMethods',
  );
}

function fen(value: unknown, path: string): Fen {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail('bad-response', `${path}: expected fen`);
  return value;
}

export function parseRepaid(body: unknown, planId: string): { plan: AnnouncedPlan; repayment: Repayment } {
  const o = object(body, 'response');
  const p = plan(o.plan, 'plan');
  if (p.id !== planId) fail('bad-response', `plan.id: expected ${planId}`);
  const r = object(o.repayment, 'repayment');
  const installments = r.installments;
  if (!Array.isArray(installments) || !installments.every((n) => Number.isInteger(n))) {
    fail('bad-response', 'repayment.installments: expected period numbers');
  }
  return {
    plan: p,
    repayment: {
      id: typeof r.id === 'string' ? r.id : '',
      installments: installments as number[],
      payoff: r.payoff === true,
      charged: fen(r.charged, 'repayment.charged'),
      lateCharge: fen(r.lateCharge ?? 0, 'repayment.lateCharge'),
      waivedFee: fen(r.waivedFee ?? 0, 'repayment.waivedFee'),
      methodId: typeof r.methodId === 'string' ? r.methodId : '',
      date: typeof r.date === 'string' ? r.date : '',
    },
  };
}

export function parseMethodChange(body: unknown, planId: string): { plan: AnnouncedPlan } | VerificationChallenge {
  const o = object(body, 'response');
  if (o.verification !== undefined) {
    if (o.verification !== 'sms' && o.verification !== 'password')
      fail('bad-response', 'verification: expected sms or password');
    return { verification: o.verification, hint: typeof o.hint === 'string' ? o.hint.slice(0, 200) : '' };
  }
  const p = plan(o.plan, 'plan');
  if (p.id !== planId) fail('bad-response', `plan.id: expected ${planId}`);
  return { plan: p };
}

/** The `api` attribute's adapter: the REST routes under `base`, with the page's own cookies. */
export function restAdapter(base: string): FenqiMerchantAdapter {
  const root = base.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new MerchantApiError('network', error instanceof Error ? error.message : String(error));
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new MerchantApiError(
        response.ok ? 'bad-response' : `http-${response.status}`,
        `HTTP ${response.status}: not JSON`,
      );
    }
    // 409 with a challenge is an answer, not a failure: the caller asks for the code and tries again.
    if (response.ok || (response.status === 409 && typeof json === 'object' && json !== null && 'verification' in json))
      return json;
    const error = toApiError(json);
    throw error.code === 'failed' ? new MerchantApiError(`http-${response.status}`, `HTTP ${response.status}`) : error;
  }
  const plan = (id: string) => `/plans/${encodeURIComponent(id)}`;
  return {
    getPlans: () => call('GET', '/plans'),
    getPaymentMethods: () => call('GET', '/payment-methods'),
    repay: (id, body) => call('POST', `${plan(id)}/repayments`, body),
    setPreferredMethod: (id, body) => call('PUT', `${plan(id)}/preferred-method`, body),
  };
}
