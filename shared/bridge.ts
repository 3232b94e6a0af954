/**
 * The page ↔ extension bridge: `window.postMessage` envelopes `{ fenqi: 1, type, payload }`.
 *
 * Page → extension: `hello`, `plans` (the full list the page shows), `repaid`, `method-changed`.
 * Extension → page: `present` and `ack` only — never plan data, never anything about another origin.
 *
 * Everything arriving from a page is untrusted: `parsePageMessage` checks shape, types, lengths and counts
 * and returns either a clean copy (unknown keys dropped) or the first reason it was refused.
 * Plans carry no origin: the extension stores them under the origin the browser stamped on the sender.
 */
import type { Installment, IsoDate, PaymentMethod, PaymentMethodKind, Plan, PlanPolicy } from './plan.js';
import { isIsoDate } from './dates.js';
import { parseRate } from './decimal.js';
import { FenqiInputError } from './errors.js';
import { MAX_GRACE_DAYS, PAYMENT_METHOD_KINDS } from './plan.js';
import { MAX_TERM } from './quote.js';

export const BRIDGE_VERSION = 1;

/** Limits on what one page may send in one message. */
export const BRIDGE_LIMITS = {
  /** Bytes of the JSON-serialised envelope. */
  maxMessageBytes: 256 * 1024,
  /** Plans in one `plans` message. */
  maxPlans: 200,
  /** Installments in one plan: as many as `quote()` and merchant configs allow. */
  maxInstallments: MAX_TERM,
  maxIdLength: 64,
  maxTextLength: 200,
  /** Largest amount accepted, in fen (10^13 fen = 100 billion yuan). */
  maxFen: 1e13,
} as const;

/** A plan as a page announces it: everything but the origin, which only the browser may vouch for. */
export type AnnouncedPlan = Omit<Plan, 'origin'>;

export interface PageMessages {
  hello: { widget: 'selector' | 'bill-panel' };
  plans: { plans: AnnouncedPlan[] };
  repaid: { plan: AnnouncedPlan };
  'method-changed': { plan: AnnouncedPlan };
}

export interface ExtensionMessages {
  present: { version: number };
  ack: { of: PageMessageType; ok: boolean; reason?: string };
}

export type PageMessageType = keyof PageMessages;
export type PageMessage = { [T in PageMessageType]: { fenqi: 1; type: T; payload: PageMessages[T] } }[PageMessageType];
export type ExtensionMessage = {
  [T in keyof ExtensionMessages]: { fenqi: 1; type: T; payload: ExtensionMessages[T] };
}[keyof ExtensionMessages];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Wraps a payload in the envelope. */
export function envelope<T extends PageMessageType>(type: T, payload: PageMessages[T]): PageMessage {
  return { fenqi: 1, type, payload } as PageMessage;
}

/** Tells a fenqi envelope from any other message a page posts, without judging its contents. */
export function isFenqiEnvelope(data: unknown): data is { fenqi: unknown; type: unknown; payload: unknown } {
  return typeof data === 'object' && data !== null && (data as { fenqi?: unknown }).fenqi === BRIDGE_VERSION;
}

class Refused extends Error {}

function refuse(path: string, why: string): never {
  throw new Refused(`${path}: ${why}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(path, 'expected an object');
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string, max: number = BRIDGE_LIMITS.maxTextLength): string {
  if (typeof value !== 'string') refuse(path, 'expected a string');
  if (value.length === 0 || value.length > max) refuse(path, `expected 1–${max} characters`);
  return value;
}

function fen(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > BRIDGE_LIMITS.maxFen) {
    refuse(path, 'expected a whole number of fen from 0 to 10^13');
  }
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    refuse(path, `expected an integer from ${min} to ${max}`);
  }
  return value;
}

function date(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) refuse(path, 'expected a calendar date YYYY-MM-DD');
  return value;
}

/** A percentage the domain code accepts (a plain decimal string from 0 to 100), so nothing downstream throws on it. */
function rate(value: unknown, path: string): string {
  if (typeof value !== 'string') refuse(path, 'expected a decimal rate string');
  try {
    parseRate(value, path);
  } catch (error) {
    refuse(path, error instanceof FenqiInputError ? error.reason : 'expected a decimal rate');
  }
  return value;
}

function method(value: unknown, path: string): PaymentMethod {
  const o = record(value, path);
  const kind = o.kind as PaymentMethodKind;
  if (!PAYMENT_METHOD_KINDS.includes(kind))
    refuse(`${path}.kind`, `expected one of ${PAYMENT_METHOD_KINDS.join(', ')}`);
  const out: PaymentMethod = {
    id: text(o.id, `${path}.id`, BRIDGE_LIMITS.maxIdLength),
    kind,
    label: text(o.label, `${path}.label`),
  };
  if (o.last4 !== undefined) {
    if (typeof o.last4 !== 'string' || !/^\d{4}$/.test(o.last4)) refuse(`${path}.last4`, 'expected exactly 4 digits');
    out.last4 = o.last4;
  }
  return out;
}

function installment(value: unknown, path: string, n: number): Installment {
  const o = record(value, path);
  if (o.n !== n) refuse(`${path}.n`, `expected ${n}`);
  const principal = fen(o.principal, `${path}.principal`);
  const fee = fen(o.fee, `${path}.fee`);
  const paid = fen(o.paid, `${path}.paid`);
  if (paid > principal + fee) refuse(`${path}.paid`, 'paid more than was due');
  const paidDate = o.paidDate === null ? null : date(o.paidDate, `${path}.paidDate`);
  if (paid > 0 && paidDate === null) refuse(`${path}.paidDate`, 'a paid amount needs a date');
  const out: Installment = { n, dueDate: date(o.dueDate, `${path}.dueDate`), principal, fee, paid, paidDate };
  // The fee waived by an early payoff, already taken off `fee`.
  if (o.feeWaived !== undefined) out.feeWaived = fen(o.feeWaived, `${path}.feeWaived`);
  return out;
}

function policy(value: unknown, path: string): PlanPolicy {
  const o = record(value, path);
  const unbilled = o.unbilledFeesOnPayoff;
  if (unbilled !== 'charged' && unbilled !== 'waived')
    refuse(`${path}.unbilledFeesOnPayoff`, "expected 'charged' or 'waived'");
  return {
    lateDailyRatePct: rate(o.lateDailyRatePct, `${path}.lateDailyRatePct`),
    graceDays: integer(o.graceDays, `${path}.graceDays`, 0, MAX_GRACE_DAYS),
    unbilledFeesOnPayoff: unbilled,
  };
}

/** Checks one announced plan; the result holds only the known fields. */
export function announcedPlan(value: unknown, path = 'plan'): AnnouncedPlan {
  const o = record(value, path);
  const provider = record(o.provider, `${path}.provider`);
  const list = o.installments;
  if (!Array.isArray(list) || list.length === 0 || list.length > BRIDGE_LIMITS.maxInstallments) {
    refuse(`${path}.installments`, `expected 1–${BRIDGE_LIMITS.maxInstallments} installments`);
  }
  const installments = list.map((item, i) => installment(item, `${path}.installments[${i}]`, i + 1));
  for (let i = 1; i < installments.length; i++) {
    if (installments[i]!.dueDate <= installments[i - 1]!.dueDate) {
      refuse(`${path}.installments[${i}].dueDate`, 'due dates must increase');
    }
  }
  const principal = fen(o.principal, `${path}.principal`);
  if (installments.reduce((sum, it) => sum + it.principal, 0) !== principal) {
    refuse(`${path}.principal`, 'installment principals do not add up to the principal');
  }
  if (typeof o.autoDebit !== 'boolean') refuse(`${path}.autoDebit`, 'expected true or false');
  if (o.currency !== 'CNY') refuse(`${path}.currency`, "expected 'CNY'");
  return {
    id: text(o.id, `${path}.id`, BRIDGE_LIMITS.maxIdLength),
    orderId: text(o.orderId, `${path}.orderId`, BRIDGE_LIMITS.maxIdLength),
    product: text(o.product, `${path}.product`),
    provider: {
      id: text(provider.id, `${path}.provider.id`, BRIDGE_LIMITS.maxIdLength),
      name: text(provider.name, `${path}.provider.name`),
    },
    principal,
    currency: 'CNY',
    purchaseDate: date(o.purchaseDate, `${path}.purchaseDate`),
    installments,
    autoDebit: o.autoDebit,
    preferredMethod: o.preferredMethod === null ? null : method(o.preferredMethod, `${path}.preferredMethod`),
    policy: policy(o.policy, `${path}.policy`),
  };
}

function payload<T extends PageMessageType>(type: T, value: unknown): PageMessages[T] {
  const o = record(value, 'payload');
  switch (type) {
    case 'hello': {
      if (o.widget !== 'selector' && o.widget !== 'bill-panel') refuse('payload.widget', 'unknown widget');
      return { widget: o.widget } as PageMessages[T];
    }
    case 'plans': {
      const plans = o.plans;
      if (!Array.isArray(plans) || plans.length > BRIDGE_LIMITS.maxPlans) {
        refuse('payload.plans', `expected a list of at most ${BRIDGE_LIMITS.maxPlans} plans`);
      }
      const clean = plans.map((p, i) => announcedPlan(p, `payload.plans[${i}]`));
      if (new Set(clean.map((p) => p.id)).size !== clean.length) refuse('payload.plans', 'plan ids repeat');
      return { plans: clean } as PageMessages[T];
    }
    case 'repaid':
    case 'method-changed':
      return { plan: announcedPlan(o.plan, 'payload.plan') } as PageMessages[T];
  }
  return refuse('type', 'unknown message type');
}

const PAGE_TYPES: readonly PageMessageType[] = ['hello', 'plans', 'repaid', 'method-changed'];

/** Validates a message a page sent; never throws. */
export function parsePageMessage(data: unknown): Parsed<PageMessage> {
  try {
    if (!isFenqiEnvelope(data)) refuse('fenqi', `expected version ${BRIDGE_VERSION}`);
    let json: string;
    try {
      json = JSON.stringify(data);
    } catch {
      refuse('message', 'not serialisable');
    }
    // UTF-8 bytes ≤ 3 × UTF-16 length, so only long messages need encoding to be measured.
    if (
      json.length * 3 > BRIDGE_LIMITS.maxMessageBytes &&
      new TextEncoder().encode(json).length > BRIDGE_LIMITS.maxMessageBytes
    ) {
      refuse('message', `larger than ${BRIDGE_LIMITS.maxMessageBytes} bytes`);
    }
    const type = data.type as PageMessageType;
    if (!PAGE_TYPES.includes(type)) refuse('type', 'unknown message type');
    return { ok: true, value: { fenqi: 1, type, payload: payload(type, data.payload) } as PageMessage };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    return { ok: false, reason: 'malformed message' };
  }
}
