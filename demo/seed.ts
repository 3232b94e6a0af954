/**
 * The demo store's first-run data, dated relative to today. The first shopper always sees the three cases a
 * shopper meets: a plan with an overdue installment, one due in two days, and one paid off; the second has a
 * plan and payment methods of their own, so that each shopper seeing only their own can be tried.
 */
import { addDays, addMonthsClamped, formatYmd, parseIsoDate } from '../shared/dates.js';
import { quote } from '../shared/index.js';
import type { IsoDate, PaymentMethod, Plan, PlanPolicy } from '../shared/plan.js';
import type { Shopper } from './store.js';

/** `iso` moved by whole months (clamped to month end) and then days. */
export function shift(iso: IsoDate, months: number, days = 0): IsoDate {
  const { y, m, d } = parseIsoDate(iso, 'date');
  const moved = addMonthsClamped(y, m, d, months);
  return addDays(formatYmd(moved.y, moved.m, moved.d), days);
}

/**
 * A purchase date whose k-th anniversary due date is `due`. Days 29–31 cannot always be reached from a
 * month before (anniversaries clamp to month end), so those targets move to the 28th (`earlier`) or to the
 * 1st of the next month (`later`), keeping an overdue plan overdue and an upcoming one upcoming.
 */
function purchasedBefore(due: IsoDate, k: number, move: 'earlier' | 'later'): IsoDate {
  if (Number(due.slice(8, 10)) <= 28) return shift(due, -k);
  return shift(move === 'earlier' ? `${due.slice(0, 8)}28` : shift(`${due.slice(0, 8)}01`, 1), -k);
}

export const HUABEI_POLICY: PlanPolicy = { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' };

export const PAYMENT_METHODS: PaymentMethod[] = [
  { id: 'pm-cmb', kind: 'debit-card', label: '招商银行储蓄卡', last4: '1234' },
  { id: 'pm-icbc', kind: 'credit-card', label: '工商银行信用卡', last4: '8848' },
  { id: 'pm-alipay', kind: 'alipay', label: '支付宝余额' },
  { id: 'pm-wechat', kind: 'wechat-pay', label: '微信支付零钱' },
  // The demo backend declines every payment from this card, so the failure path can be tried by hand.
  { id: 'pm-boc', kind: 'debit-card', label: '中国银行储蓄卡（演示：余额不足）', last4: '0000' },
];

/** Payment methods whose payments the demo store declines (402 payment-declined). */
export const DECLINING_METHODS: ReadonlySet<string> = new Set(['pm-boc']);

interface SeedPlan {
  id: string;
  product: string;
  amount: number;
  term: number;
  ratePct: string;
  purchaseDate: IsoDate;
  /** Installments fully paid, oldest first, each on its due date. */
  paidCount: number;
}

function plan(seed: SeedPlan, method: PaymentMethod): Plan {
  const q = quote({
    principal: seed.amount,
    term: seed.term,
    fee: { model: 'flat-total', ratePct: seed.ratePct },
    purchaseDate: seed.purchaseDate,
    schedule: { mode: 'anniversary' },
  });
  return {
    id: seed.id,
    orderId: `ORD-${seed.id.slice(-4)}`,
    product: seed.product,
    provider: { id: 'huabei', name: '花呗分期' },
    principal: seed.amount,
    currency: 'CNY',
    purchaseDate: seed.purchaseDate,
    installments: q.installments.map((it) => {
      const paid = it.n <= seed.paidCount;
      return {
        n: it.n,
        dueDate: it.dueDate,
        principal: it.principal,
        fee: it.fee,
        paid: paid ? it.total : 0,
        paidDate: paid ? it.dueDate : null,
      };
    }),
    autoDebit: true,
    preferredMethod: method,
    policy: HUABEI_POLICY,
  };
}

export const SHOPPERS: readonly Shopper[] = [
  { id: 'shopper-1', name: '张三', phone: '13800138000' },
  { id: 'shopper-2', name: '李四', phone: '13900139000' },
];

/**
 * The demo shoppers' payment passwords at the installment provider (the authorization page shows them: a real
 * provider never would). Stored only as scrypt hashes.
 */
export const DEMO_PAYMENT_PASSWORDS: Readonly<Record<string, string>> = {
  'shopper-1': '246810',
  'shopper-2': '135790',
};

/** The second shopper's own methods: the ids may repeat the first shopper's, the methods are not shared. */
export const SECOND_SHOPPER_METHODS: PaymentMethod[] = [
  { id: 'pm-ccb', kind: 'debit-card', label: '建设银行储蓄卡', last4: '5678' },
  { id: 'pm-alipay', kind: 'alipay', label: '支付宝余额' },
];

export interface SeedData {
  shopper: Shopper;
  methods: PaymentMethod[];
  /** Newest first, as listed. */
  plans: Plan[];
}

/** The first-run data: two shoppers, each with their own payment methods and plans, dated from `today`. */
export function seedData(today: IsoDate): SeedData[] {
  const [cmb, icbc] = PAYMENT_METHODS as [PaymentMethod, PaymentMethod];
  const [ccb] = SECOND_SHOPPER_METHODS as [PaymentMethod];
  return [
    {
      shopper: SHOPPERS[0]!,
      methods: PAYMENT_METHODS,
      plans: [
        // Installment 3 fell due two days ago (or a little more) and is unpaid.
        plan(
          {
            id: 'plan-2401',
            product: 'Redmi K70 16GB+512GB',
            amount: 299900,
            term: 6,
            ratePct: '4.5',
            purchaseDate: purchasedBefore(shift(today, 0, -2), 3, 'earlier'),
            paidCount: 2,
          },
          cmb,
        ),
        // Installment 1 falls due in two days (a little later when that is the 29th–31st).
        plan(
          {
            id: 'plan-2402',
            product: 'Xiaomi 14 Ultra 16GB+512GB',
            amount: 649900,
            term: 12,
            ratePct: '7.5',
            purchaseDate: purchasedBefore(shift(today, 0, 2), 1, 'later'),
            paidCount: 0,
          },
          icbc,
        ),
        // All three installments paid.
        plan(
          {
            id: 'plan-2403',
            product: '小米手环 9 NFC',
            amount: 29900,
            term: 3,
            ratePct: '2.3',
            purchaseDate: shift(today, -4),
            paidCount: 3,
          },
          cmb,
        ),
      ],
    },
    {
      shopper: SHOPPERS[1]!,
      methods: SECOND_SHOPPER_METHODS,
      plans: [
        // Installment 2 falls due in about ten days.
        plan(
          {
            id: 'plan-3401',
            product: 'Redmi Pad Pro 8GB+256GB',
            amount: 159900,
            term: 6,
            ratePct: '4.5',
            purchaseDate: purchasedBefore(shift(today, 0, 10), 2, 'later'),
            paidCount: 1,
          },
          ccb,
        ),
      ],
    },
  ];
}
