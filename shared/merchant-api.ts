/**
 * The merchant API's contract (docs/merchant-api.md) as code: the bodies each route takes and answers with,
 * the adapter a merchant may implement instead of the REST routes, and the checks every answer passes before
 * the bill panel shows it. The demo store answers with these types; the panel reads with these parsers, so
 * whatever a merchant's backend sends, the panel gets clean data or a `MerchantApiError`, never an exception
 * from deep inside rendering.
 */
import type { RepaymentRequest } from './bill-state.js';
import { FenqiInputError } from './errors.js';
import { MAX_PAYMENT_METHODS, MAX_PLANS_PER_LIST, MAX_TEXT_LENGTH } from './limits.js';
import { parsePaymentMethod, parsePlan, type Fen, type IsoDate, type PaymentMethod, type Plan } from './plan.js';
import { fen, list, oneOf, record, uniqueIds } from './checks.js';
import { invalid } from './validate.js';

/** `POST {api}/plans/{id}/repayments`: the oldest unpaid installments in order, or everything (early payoff). */
export type RepaymentBody = RepaymentRequest & {
  methodId: string;
  requestId: string;
  /** The total the shopper confirmed: the merchant charges nothing (409 amount-changed) when its figure differs. */
  expectedTotal: Fen;
};

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
  date: IsoDate;
}

/** `PUT {api}/plans/{id}/preferred-method` body; `verification` is the code the shopper was asked for. */
export interface PreferredMethodBody {
  methodId: string;
  verification?: string;
}

/** The merchant wants the shopper to prove the change: an SMS code (hint says where it went) or a password. */
export interface VerificationChallenge {
  verification: 'sms' | 'password';
  hint: string;
}

/** What the repay and preferred-method routes answer with on success. */
export interface RepaidAnswer {
  plan: Plan;
  repayment: Repayment;
}
export interface MethodChangedAnswer {
  plan: Plan;
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
  setPreferredMethod(planId: string, body: PreferredMethodBody): Promise<unknown>;
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

/** Runs the checks of one answer: a refusal becomes `bad-response`, naming the field. */
function answer<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof FenqiInputError) throw new MerchantApiError('bad-response', error.message);
    throw error;
  }
}

/** `GET {api}/plans`: each plan checked the way the extension will, so a plan it would refuse is not shown either. */
export function parsePlans(body: unknown): Plan[] {
  return answer(() => {
    const plans = list(record(body, 'response').plans, 'response.plans', { max: MAX_PLANS_PER_LIST, of: 'plans' });
    return uniqueIds(
      plans.map((p, i) => parsePlan(p, `plans[${i}]`)),
      'plans',
    );
  });
}

export function parsePaymentMethods(body: unknown): PaymentMethod[] {
  return answer(() => {
    const methods = list(record(body, 'response').paymentMethods, 'response.paymentMethods', {
      max: MAX_PAYMENT_METHODS,
      of: 'payment methods',
    });
    return uniqueIds(
      methods.map((m, i) => parsePaymentMethod(m, `paymentMethods[${i}]`)),
      'paymentMethods',
    );
  });
}

function planOf(body: Record<string, unknown>, planId: string): Plan {
  const plan = parsePlan(body.plan, 'plan');
  if (plan.id !== planId) invalid('plan.id', `expected ${planId}`);
  return plan;
}

const optionalText = (value: unknown) => (typeof value === 'string' ? value : '');

export function parseRepaid(body: unknown, planId: string): RepaidAnswer {
  return answer(() => {
    const o = record(body, 'response');
    const plan = planOf(o, planId);
    const r = record(o.repayment, 'repayment');
    const installments = list(r.installments, 'repayment.installments');
    if (!installments.every((n) => Number.isInteger(n))) invalid('repayment.installments', 'expected period numbers');
    return {
      plan,
      repayment: {
        id: optionalText(r.id),
        installments: installments as number[],
        payoff: r.payoff === true,
        charged: fen(r.charged, 'repayment.charged'),
        lateCharge: fen(r.lateCharge ?? 0, 'repayment.lateCharge'),
        waivedFee: fen(r.waivedFee ?? 0, 'repayment.waivedFee'),
        methodId: optionalText(r.methodId),
        date: optionalText(r.date),
      },
    };
  });
}

export function parseMethodChange(body: unknown, planId: string): MethodChangedAnswer | VerificationChallenge {
  return answer(() => {
    const o = record(body, 'response');
    if (o.verification === undefined) return { plan: planOf(o, planId) };
    return {
      verification: oneOf(o.verification, 'verification', ['sms', 'password'] as const),
      hint: optionalText(o.hint).slice(0, MAX_TEXT_LENGTH),
    };
  });
}
