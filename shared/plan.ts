/**
 * The shape of an installment plan as the merchant's backend, the bill panel and the extension all see it.
 * Money is integer fen; dates are calendar dates (`YYYY-MM-DD`) with no time zone.
 */

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

/** One period of a plan: what is due on `dueDate` and how much of it has been paid. */
export interface Installment {
  /** 1-based period number. */
  n: number;
  dueDate: IsoDate;
  principal: Fen;
  fee: Fen;
  /** Paid so far towards principal + fee of this period. */
  paid: Fen;
  /** The day the period was fully paid, or the last partial payment; null when nothing is paid. */
  paidDate: IsoDate | null;
  /**
   * Fee given up by the provider (an early payoff under `unbilledFeesOnPayoff: 'waived'`), already taken
   * off `fee`: kept so a bill can say what was waived. Absent when nothing was waived.
   */
  feeWaived?: Fen;
}

/** The longest grace period a plan may have: a grace of more than a month would be a different due date. */
export const MAX_GRACE_DAYS = 31;

/** The provider's rules that decide late charges and early payoff. */
export interface PlanPolicy {
  /** Late charge per overdue day, percent of the overdue amount (Huabei: "0.05"). */
  lateDailyRatePct: string;
  /** Days after the due date during which paying still counts as on time (credit cards: ≥ 3), 0 … MAX_GRACE_DAYS. */
  graceDays: number;
  /** On early payoff, fees of periods not yet due are still charged, or waived. */
  unbilledFeesOnPayoff: 'charged' | 'waived';
}

export interface Plan {
  /** The merchant's own id for the plan. */
  id: string;
  /** The store's origin (`https://shop.example`), as the browser saw it. */
  origin: string;
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
}
