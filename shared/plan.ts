/**
 * The shape of an installment plan as the merchant's backend, the bill panel and the extension all see it,
 * and the one check (`parsePlan`) that everything arriving from outside passes: the merchant API's answers,
 * a page's bridge messages and backup files. Money is integer fen; dates are calendar dates (`YYYY-MM-DD`).
 * A plan carries no origin: the extension stores it under the origin the browser stamped on the sender.
 */
import { parseRate } from './decimal.js';
import { MAX_GRACE_DAYS, MAX_PAYMENTS, MAX_TERM, MAX_TOTAL_FEN, PAYOFF_RULES } from './limits.js';
import { bool, date, fen, id, integer, list, oneOf, record, text } from './checks.js';
import { invalid } from './validate.js';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** An amount of money in fen (1/100 yuan): a safe integer. */
export type Fen = number;

/** How the shopper pays. Never a full card number, CVV, expiry, password or code: only what a label needs. */
export interface PaymentMethod {
  id: string;
  kind: PaymentMethodKind;
  /** What the shopper recognises, e.g. "招商银行储蓄卡". */
  label: string;
  /** The last four digits of a card, for "****1234". */
  last4?: string;
}

export type PaymentMethodKind = 'debit-card' | 'credit-card' | 'alipay' | 'wechat-pay' | 'balance' | 'other';

export const PAYMENT_METHOD_KINDS: readonly PaymentMethodKind[] = [
  'debit-card',
  'credit-card',
  'alipay',
  'wechat-pay',
  'balance',
  'other',
];

/** A payment towards an installment's principal + fee, on a calendar day. */
export interface Payment {
  date: IsoDate;
  amount: Fen;
}

/** One period of a plan: what is due on `dueDate` and how much of it has been paid. */
export interface Installment {
  /** 1-based period number. */
  n: number;
  /**
   * The statement that bills this period (statement products: credit cards, 花呗); absent or null otherwise.
   * Its fee is billed — owed even on an early payoff — from this day, else from the due date.
   */
  statementDate?: IsoDate | null;
  dueDate: IsoDate;
  principal: Fen;
  fee: Fen;
  /** Paid so far towards principal + fee of this period. */
  paid: Fen;
  /** The day the period was fully paid, or the last partial payment; null when nothing is paid. */
  paidDate: IsoDate | null;
  /**
   * The payments that make up `paid`, oldest first (their amounts add up to `paid`): late charges accrue on
   * what was still unpaid each day. Absent in older data, where `paid` counts as paid on `paidDate`.
   */
  payments?: Payment[];
  /**
   * Fee given up by the provider on an early payoff (policy `waived`, or the unaccrued interest under
   * `accrued`), already taken off `fee`: kept so a bill can say what was waived. Absent when nothing was waived.
   */
  feeWaived?: Fen;
}

/** What an early payoff does with the fees (or interest) of periods not yet billed. */
export type UnbilledFeesOnPayoff = 'charged' | 'waived' | 'accrued';

/** The provider's rules that decide late charges and early payoff (docs/quote.md, "Late charges and payoff"). */
export interface PlanPolicy {
  /** Late charge per overdue day, percent of what is still unpaid that day (Huabei: "0.05"). */
  lateDailyRatePct: string;
  /** Days after the due date during which paying still counts as on time (credit cards: ≥ 3), 0 … MAX_GRACE_DAYS. */
  graceDays: number;
  /**
   * On early payoff, fees of periods not yet billed are `charged` in full, `waived`, or — loans (等额本息 /
   * 等额本金), 民法典 art. 677 — `accrued`: the current period's interest pro rata to the payoff day, the rest waived.
   */
  unbilledFeesOnPayoff: UnbilledFeesOnPayoff;
  /**
   * Most an installment's late charge can reach, percent of its principal + fee ("0" … "100"). Absent means
   * "100": a late charge never exceeds the amount it is charged on.
   */
  lateChargeCapPct?: string;
}

/**
 * Where a plan is in its life. A purchase on installments is reviewed by the provider (审核中) before it counts:
 * approved it becomes `active` (审核通过), or it is `rejected` (未通过, with a reason); a plan under review or
 * active may be `cancelled` (已取消: the order was cancelled). Only an active plan is owed, repaid, counted down
 * and reminded of. Paid off is not a status: it follows from the installments. Plans from before statuses
 * existed carry none and are active.
 */
export type PlanLifecycle = 'under-review' | 'active' | 'rejected' | 'cancelled';

export const PLAN_LIFECYCLE: readonly PlanLifecycle[] = ['under-review', 'active', 'rejected', 'cancelled'];

/** A plan's status: `active` when it carries none (a merchant or an announcement from before statuses). */
export const lifecycleOf = (plan: Pick<Plan, 'status'>): PlanLifecycle => plan.status ?? 'active';

/** Whether a plan is owed and may be repaid, counted down and reminded of. */
export const isActivePlan = (plan: Pick<Plan, 'status'>): boolean => lifecycleOf(plan) === 'active';

export interface Plan {
  /** The merchant's own id for the plan. */
  id: string;
  orderId: string;
  /** What was bought, for people: "Xiaomi 14 12GB+256GB". */
  product: string;
  provider: { id: string; name: string };
  /** The amount financed, in fen. */
  principal: Fen;
  /** ISO 4217; CNY for every plan so far. */
  currency: string;
  purchaseDate: IsoDate;
  installments: Installment[];
  autoDebit: boolean;
  preferredMethod: PaymentMethod | null;
  policy: PlanPolicy;
  /** Absent means `active` (see `lifecycleOf`). */
  status?: PlanLifecycle;
  /** Why a plan was rejected or cancelled, in words for the shopper ("超出花呗分期可用额度"), 1–200 characters. */
  statusReason?: string;
}

/** Checks a payment method; the result holds only the known fields. */
export function parsePaymentMethod(value: unknown, path: string): PaymentMethod {
  const o = record(value, path);
  const out: PaymentMethod = {
    id: id(o.id, `${path}.id`),
    kind: oneOf(o.kind, `${path}.kind`, PAYMENT_METHOD_KINDS),
    label: text(o.label, `${path}.label`),
  };
  if (o.last4 !== undefined) {
    if (typeof o.last4 !== 'string' || !/^\d{4}$/.test(o.last4)) invalid(`${path}.last4`, 'expected exactly 4 digits');
    out.last4 = o.last4;
  }
  return out;
}

function installment(value: unknown, path: string, n: number): Installment {
  const o = record(value, path);
  if (o.n !== n) invalid(`${path}.n`, `expected ${n}`);
  const principal = fen(o.principal, `${path}.principal`);
  const fee = fen(o.fee, `${path}.fee`);
  // A paid amount is a sum (principal + fee, up to 2 × 10^13): bounded by what was due, checked next.
  const paid = fen(o.paid, `${path}.paid`, MAX_TOTAL_FEN);
  if (paid > principal + fee) invalid(`${path}.paid`, 'paid more than was due');
  const paidDate = o.paidDate === null ? null : date(o.paidDate, `${path}.paidDate`);
  if (paid > 0 && paidDate === null) invalid(`${path}.paidDate`, 'a paid amount needs a date');
  const out: Installment = { n, dueDate: date(o.dueDate, `${path}.dueDate`), principal, fee, paid, paidDate };
  if (o.feeWaived !== undefined) out.feeWaived = fen(o.feeWaived, `${path}.feeWaived`);
  // The bill date and dated payments that amountDue() prices by: dropping them would change the figure.
  if (o.statementDate != null) out.statementDate = date(o.statementDate, `${path}.statementDate`);
  if (o.payments !== undefined) {
    out.payments = list(o.payments, `${path}.payments`, { max: MAX_PAYMENTS, of: 'payments' }).map((x, k) => {
      const p = record(x, `${path}.payments[${k}]`);
      return {
        date: date(p.date, `${path}.payments[${k}].date`),
        amount: fen(p.amount, `${path}.payments[${k}].amount`, MAX_TOTAL_FEN),
      };
    });
    if (out.payments.reduce((a, x) => a + x.amount, 0) !== paid) invalid(`${path}.payments`, 'must add up to paid');
  }
  return out;
}

/** A percentage the domain code accepts (a plain decimal string from 0 to 100), so nothing downstream throws on it. */
function rate(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a decimal rate string');
  parseRate(value, path);
  return value;
}

function policy(value: unknown, path: string): PlanPolicy {
  const o = record(value, path);
  const out: PlanPolicy = {
    lateDailyRatePct: rate(o.lateDailyRatePct, `${path}.lateDailyRatePct`),
    graceDays: integer(o.graceDays, `${path}.graceDays`, 0, MAX_GRACE_DAYS),
    unbilledFeesOnPayoff: oneOf(o.unbilledFeesOnPayoff, `${path}.unbilledFeesOnPayoff`, PAYOFF_RULES),
  };
  if (o.lateChargeCapPct !== undefined) out.lateChargeCapPct = rate(o.lateChargeCapPct, `${path}.lateChargeCapPct`);
  return out;
}

/**
 * Checks a plan from outside: shapes, lengths, whole fen, real calendar dates, installments numbered 1…n with
 * increasing due dates and principals that add up, a policy the domain code can compute with. Returns a clean
 * copy holding only the known fields, or throws a `FenqiInputError` naming the first wrong field.
 */
export function parsePlan(value: unknown, path = 'plan'): Plan {
  const o = record(value, path);
  const provider = record(o.provider, `${path}.provider`);
  const installments = list(o.installments, `${path}.installments`, { min: 1, max: MAX_TERM, of: 'installments' }).map(
    (item, i) => installment(item, `${path}.installments[${i}]`, i + 1),
  );
  for (let i = 1; i < installments.length; i++) {
    if (installments[i]!.dueDate <= installments[i - 1]!.dueDate) {
      invalid(`${path}.installments[${i}].dueDate`, 'due dates must increase');
    }
  }
  const principal = fen(o.principal, `${path}.principal`);
  if (installments.reduce((sum, it) => sum + it.principal, 0) !== principal) {
    invalid(`${path}.principal`, 'installment principals do not add up to the principal');
  }
  const out: Plan = {
    id: id(o.id, `${path}.id`),
    orderId: id(o.orderId, `${path}.orderId`),
    product: text(o.product, `${path}.product`),
    provider: {
      id: id(provider.id, `${path}.provider.id`),
      name: text(provider.name, `${path}.provider.name`),
    },
    principal,
    currency: oneOf(o.currency, `${path}.currency`, ['CNY'] as const),
    purchaseDate: date(o.purchaseDate, `${path}.purchaseDate`),
    installments,
    autoDebit: bool(o.autoDebit, `${path}.autoDebit`),
    preferredMethod:
      o.preferredMethod === null ? null : parsePaymentMethod(o.preferredMethod, `${path}.preferredMethod`),
    policy: policy(o.policy, `${path}.policy`),
  };
  // Kept only when sent: a plan from before statuses reads as active and stays byte-for-byte what it was.
  if (o.status !== undefined) out.status = oneOf(o.status, `${path}.status`, PLAN_LIFECYCLE);
  if (o.statusReason !== undefined) {
    if (out.status !== 'rejected' && out.status !== 'cancelled') {
      invalid(`${path}.statusReason`, 'only a rejected or cancelled plan has a reason');
    }
    out.statusReason = text(o.statusReason, `${path}.statusReason`);
  }
  return out;
}
