/**
 * The merchant API's contract (docs/merchant-api.md) as code: the bodies each route takes and answers with,
 * the adapter a merchant may implement instead of the REST routes, and the checks every answer passes before
 * the bill panel shows it. The demo store answers with these types; the panel reads with these parsers, so
 * whatever a merchant's backend sends, the panel gets clean data or a `MerchantApiError`, never an exception
 * from deep inside rendering.
 */
import type { RepaymentRequest } from './bill-state.js';
import { FenqiInputError } from './errors.js';
import { MAX_PAYMENT_METHODS, MAX_PLANS_PER_LIST, MAX_TEXT_LENGTH, MAX_TOTAL_FEN } from './limits.js';
import { parsePaymentMethod, parsePlan, type Fen, type IsoDate, type PaymentMethod, type Plan } from './plan.js';
import { date, fen, integer, list, oneOf, record, uniqueIds } from './checks.js';
import { invalid, isRecord } from './validate.js';

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

/**
 * The merchant wants the shopper to prove the change: an SMS code (hint says where it went) or a password.
 * `resendAfter`: seconds before another code may be asked for (the panel counts them down; 60 when not given).
 */
export interface VerificationChallenge {
  verification: 'sms' | 'password';
  hint: string;
  resendAfter?: number;
}

/** `GET {api}/plans`: the shopper's plans and the merchant's business date, the date every amount is worked out on. */
export interface PlansAnswer {
  plans: Plan[];
  asOf: IsoDate;
}

/** `409 amount-changed`: nothing was charged; what is owed now (`total`), on the plan as it stands, as of `asOf`. */
export interface AmountChanged {
  plan: Plan;
  total: Fen;
  asOf: IsoDate;
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
  /** `GET {api}/plans` → `{ plans, asOf }` */
  getPlans(): Promise<unknown>;
  /** `GET {api}/payment-methods` → `{ paymentMethods }` */
  getPaymentMethods(): Promise<unknown>;
  /** `POST {api}/plans/{id}/repayments` → `{ plan, repayment }` */
  repay(planId: string, body: RepaymentBody): Promise<unknown>;
  /** `PUT {api}/plans/{id}/preferred-method` → `{ plan }`, or `{ verification, hint }` (HTTP 409). */
  setPreferredMethod(planId: string, body: PreferredMethodBody): Promise<unknown>;
}

/**
 * A refusal or failure: the merchant's error code, or one of the {@link UNKNOWN_OUTCOME} codes the panel gives
 * when no readable answer came, and the merchant's message (for the console: shoppers are shown the panel's
 * own sentence for the code). `body` is the whole error answer (a `409 amount-changed` carries the plan);
 * `attemptsLeft` and `retryAfter` (seconds) come with verification refusals.
 */
export class MerchantApiError extends Error {
  readonly body: Record<string, unknown>;
  readonly attemptsLeft: number | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: string,
    message: string,
    body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MerchantApiError';
    this.body = body;
    const inner = isRecord(body.error) ? body.error : {};
    const count = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
    this.attemptsLeft = count(inner.attemptsLeft);
    this.retryAfter = count(inner.retryAfter);
  }
}

/**
 * Failures after which nobody knows whether the merchant acted: no answer (`network`, `timeout`), a server
 * error (`server-error`, any 5xx), an answer that could not be read (`bad-response`), an adapter that failed
 * without a code (`failed`). Only a refusal with the merchant's own code (4xx) means nothing changed.
 */
export const UNKNOWN_OUTCOME: ReadonlySet<string> = new Set([
  'network',
  'timeout',
  'server-error',
  'bad-response',
  'failed',
]);

/** Turns whatever an adapter rejected with into a MerchantApiError. */
export function toApiError(error: unknown): MerchantApiError {
  if (error instanceof MerchantApiError) return error;
  const o = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const body = typeof o.error === 'object' && o.error !== null ? o : { error: o };
  const inner = body.error as Record<string, unknown>;
  // fetch() rejects with a TypeError when no answer came: an adapter passing that on lost its connection.
  const code =
    typeof inner.code === 'string' && inner.code ? inner.code : error instanceof TypeError ? 'network' : 'failed';
  const message =
    typeof inner.message === 'string' && inner.message
      ? inner.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new MerchantApiError(code, message, body);
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

/**
 * `GET {api}/plans`: each plan checked the way the extension will, so a plan it would refuse is not shown
 * either; `asOf` is required, because amounts owed depend on the day and the merchant's day is the one charged.
 */
export function parsePlans(body: unknown): PlansAnswer {
  return answer(() => {
    const o = record(body, 'response');
    const plans = list(o.plans, 'response.plans', { max: MAX_PLANS_PER_LIST, of: 'plans' });
    return {
      plans: uniqueIds(
        plans.map((p, i) => parsePlan(p, `plans[${i}]`)),
        'plans',
      ),
      asOf: date(o.asOf, 'response.asOf'),
    };
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
        charged: fen(r.charged, 'repayment.charged', MAX_TOTAL_FEN),
        lateCharge: fen(r.lateCharge ?? 0, 'repayment.lateCharge', MAX_TOTAL_FEN),
        waivedFee: fen(r.waivedFee ?? 0, 'repayment.waivedFee', MAX_TOTAL_FEN),
        methodId: optionalText(r.methodId),
        date: optionalText(r.date),
      },
    };
  });
}

/** The body of a `409 amount-changed` refusal: the plan as it stands and what is owed on it now. */
export function parseAmountChanged(error: MerchantApiError, planId: string): AmountChanged {
  return answer(() => ({
    plan: planOf(error.body, planId),
    total: fen(error.body.total, 'total', MAX_TOTAL_FEN),
    asOf: date(error.body.asOf, 'asOf'),
  }));
}

export function parseMethodChange(body: unknown, planId: string): MethodChangedAnswer | VerificationChallenge {
  return answer(() => {
    const o = record(body, 'response');
    if (o.verification === undefined) return { plan: planOf(o, planId) };
    return {
      verification: oneOf(o.verification, 'verification', ['sms', 'password'] as const),
      hint: optionalText(o.hint).slice(0, MAX_TEXT_LENGTH),
      ...(o.resendAfter === undefined ? {} : { resendAfter: integer(o.resendAfter, 'resendAfter', 0, 3600) }),
    };
  });
}
