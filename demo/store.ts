/**
 * The demo store's data, read and written in SQL (schema: demo/migrations). Every function takes the
 * transaction's `sql`, so a request's reads and writes commit together or not at all. Money columns are
 * bigint fen, read back exactly (`fen()`); dates are `date` columns, read back as `YYYY-MM-DD` text.
 */
import type { Repayment } from '../shared/merchant-api.js';
import type {
  Fen,
  Installment,
  IsoDate,
  PaymentMethod,
  PaymentMethodKind,
  Plan,
  PlanLifecycle,
} from '../shared/plan.js';
import { fen, type Sql } from './db.js';

export interface Shopper {
  id: string;
  name: string;
  phone: string;
}

/** One accepted repayment, kept so a retried request (same `requestId`) is answered, not charged twice. */
export interface RepaymentRecord extends Repayment {
  planId: string;
  requestId: string | null;
  /** The request as received, to tell a retry from a different request reusing the id. */
  request: { installments: number[] | null; payoff: boolean; methodId: string; expectedTotal?: Fen };
}

interface MethodRow {
  id: string;
  kind: PaymentMethodKind;
  label: string;
  last4: string | null;
}

const method = (r: MethodRow): PaymentMethod => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  ...(r.last4 === null ? {} : { last4: r.last4 }),
});

export async function paymentMethods(sql: Sql, shopperId: string): Promise<PaymentMethod[]> {
  const { rows } = await sql.query<MethodRow>(
    'SELECT id, kind, label, last4 FROM payment_methods WHERE shopper_id = $1 ORDER BY position, id',
    [shopperId],
  );
  return rows.map(method);
}

export async function findMethod(sql: Sql, shopperId: string, id: string): Promise<PaymentMethod | null> {
  const { rows } = await sql.query<MethodRow>(
    'SELECT id, kind, label, last4 FROM payment_methods WHERE shopper_id = $1 AND id = $2',
    [shopperId, id],
  );
  return rows[0] ? method(rows[0]) : null;
}

/** The status column spells the API's statuses with an underscore. */
type DbStatus = 'under_review' | 'active' | 'rejected' | 'cancelled';
const fromDb = (s: DbStatus): PlanLifecycle => (s === 'under_review' ? 'under-review' : s);
const toDb = (s: PlanLifecycle): DbStatus => (s === 'under-review' ? 'under_review' : s);

interface PlanRow {
  id: string;
  shopper_id: string;
  order_id: string;
  product: string;
  provider_id: string;
  provider_name: string;
  principal: unknown;
  currency: string;
  purchase_date: string;
  auto_debit: boolean;
  late_daily_rate_pct: string;
  grace_days: number;
  unbilled_fees_on_payoff: 'charged' | 'waived' | 'accrued';
  late_charge_cap_pct: string | null;
  status: DbStatus;
  status_reason: string | null;
  m_id: string | null;
  m_kind: PaymentMethodKind | null;
  m_label: string | null;
  m_last4: string | null;
}

interface InstallmentRow {
  plan_id: string;
  n: number;
  due_date: string;
  principal: unknown;
  fee: unknown;
  paid: unknown;
  paid_date: string | null;
  fee_waived: unknown;
  statement_date: string | null;
  payments: { date: IsoDate; amount: unknown }[] | null;
}

const PLAN_COLUMNS = `p.id, p.shopper_id, p.order_id, p.product, p.provider_id, p.provider_name, p.principal,
  p.currency, p.purchase_date::text AS purchase_date, p.auto_debit, p.late_daily_rate_pct, p.grace_days,
  p.unbilled_fees_on_payoff, p.late_charge_cap_pct, p.status, p.status_reason, m.id AS m_id, m.kind AS m_kind, m.label AS m_label, m.last4 AS m_last4`;
const PLAN_FROM = `plans p LEFT JOIN payment_methods m
  ON m.shopper_id = p.shopper_id AND m.id = p.preferred_method_id`;

async function withInstallments(sql: Sql, rows: PlanRow[]): Promise<Plan[]> {
  if (rows.length === 0) return [];
  const { rows: items } = await sql.query<InstallmentRow>(
    `SELECT plan_id, n, due_date::text AS due_date, principal, fee, paid, paid_date::text AS paid_date, fee_waived,
            statement_date::text AS statement_date, payments
       FROM installments WHERE plan_id = ANY($1) ORDER BY plan_id, n`,
    [rows.map((r) => r.id)],
  );
  const byPlan = new Map<string, Installment[]>();
  for (const i of items) {
    const waived = fen(i.fee_waived);
    const list = byPlan.get(i.plan_id) ?? [];
    list.push({
      n: i.n,
      dueDate: i.due_date,
      principal: fen(i.principal),
      fee: fen(i.fee),
      paid: fen(i.paid),
      paidDate: i.paid_date,
      // In parsePlan's order, so the plans listed read exactly as the ones a repayment answered with.
      ...(waived > 0 ? { feeWaived: waived } : {}),
      ...(i.statement_date === null ? {} : { statementDate: i.statement_date }),
      ...(i.payments === null ? {} : { payments: i.payments.map((x) => ({ date: x.date, amount: fen(x.amount) })) }),
    });
    byPlan.set(i.plan_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    origin: '',
    orderId: r.order_id,
    product: r.product,
    provider: { id: r.provider_id, name: r.provider_name },
    principal: fen(r.principal),
    currency: r.currency,
    purchaseDate: r.purchase_date,
    installments: byPlan.get(r.id) ?? [],
    autoDebit: r.auto_debit,
    preferredMethod:
      r.m_id === null ? null : method({ id: r.m_id, kind: r.m_kind!, label: r.m_label!, last4: r.m_last4 }),
    policy: {
      lateDailyRatePct: r.late_daily_rate_pct,
      graceDays: r.grace_days,
      unbilledFeesOnPayoff: r.unbilled_fees_on_payoff,
      ...(r.late_charge_cap_pct === null ? {} : { lateChargeCapPct: r.late_charge_cap_pct }),
    },
    status: fromDb(r.status),
    ...(r.status_reason === null ? {} : { statusReason: r.status_reason }),
  }));
}

/** The shopper's plans, newest first. */
export async function listPlans(sql: Sql, shopperId: string): Promise<Plan[]> {
  const { rows } = await sql.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM} WHERE p.shopper_id = $1 ORDER BY p.listing DESC`,
    [shopperId],
  );
  return withInstallments(sql, rows);
}

/**
 * One of the shopper's plans, or null (another shopper's plan is as unknown as one that does not exist). With
 * `lock`, the plan's row stays locked until the transaction ends (`FOR UPDATE`): a second request for the same
 * plan, from this process or another, waits and then sees what the first one wrote.
 */
export async function findPlan(
  sql: Sql,
  shopperId: string,
  planId: string,
  { lock = false } = {},
): Promise<Plan | null> {
  const { rows } = await sql.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM} WHERE p.id = $1 AND p.shopper_id = $2${lock ? ' FOR UPDATE OF p' : ''}`,
    [planId, shopperId],
  );
  return (await withInstallments(sql, rows))[0] ?? null;
}

/**
 * Stores a new plan and its installments (newest in the list). A plan under review needs `reviewDueAt`, the
 * moment the provider's decision is due.
 */
export async function insertPlan(
  sql: Sql,
  shopperId: string,
  plan: Plan,
  reviewDueAt: Date | null = null,
): Promise<void> {
  await sql.query(
    `INSERT INTO plans (id, shopper_id, order_id, product, provider_id, provider_name, principal, currency,
       purchase_date, auto_debit, preferred_method_id, late_daily_rate_pct, grace_days, unbilled_fees_on_payoff,
       status, status_reason, review_due_at, late_charge_cap_pct)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      plan.id,
      shopperId,
      plan.orderId,
      plan.product,
      plan.provider.id,
      plan.provider.name,
      plan.principal,
      plan.currency,
      plan.purchaseDate,
      plan.autoDebit,
      plan.preferredMethod?.id ?? null,
      plan.policy.lateDailyRatePct,
      plan.policy.graceDays,
      plan.policy.unbilledFeesOnPayoff,
      toDb(plan.status ?? 'active'),
      plan.statusReason ?? null,
      reviewDueAt,
      plan.policy.lateChargeCapPct ?? null,
    ],
  );
  for (const i of plan.installments) {
    await sql.query(
      `INSERT INTO installments (plan_id, n, due_date, principal, fee, paid, paid_date, fee_waived, statement_date,
         payments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [plan.id, i.n, i.dueDate, i.principal, i.fee, i.paid, i.paidDate, i.feeWaived ?? 0, ...moneyFields(i)],
    );
  }
}

/** The statement date and the dated payments, as their columns take them (`payments` as JSON text). */
const moneyFields = (i: Installment): [IsoDate | null, string | null] => [
  i.statementDate ?? null,
  i.payments === undefined ? null : JSON.stringify(i.payments),
];

/** Writes the installments of `after` that differ from `before` (what a repayment settled). */
export async function saveInstallments(sql: Sql, before: Plan, after: Plan): Promise<void> {
  for (const i of after.installments) {
    const was = before.installments.find((b) => b.n === i.n);
    if (was && JSON.stringify(was) === JSON.stringify(i)) continue;
    await sql.query(
      `UPDATE installments SET fee = $3, paid = $4, paid_date = $5, fee_waived = $6, statement_date = $7, payments = $8
        WHERE plan_id = $1 AND n = $2`,
      [after.id, i.n, i.fee, i.paid, i.paidDate, i.feeWaived ?? 0, ...moneyFields(i)],
    );
  }
}

/**
 * The shopper's plans under review whose decision is due at `now`, locked until the transaction ends: two
 * requests deciding at once take turns, and the second finds nothing left to decide.
 */
export async function dueReviews(sql: Sql, shopperId: string, now: Date): Promise<Plan[]> {
  const { rows } = await sql.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM}
      WHERE p.shopper_id = $1 AND p.status = 'under_review' AND p.review_due_at <= $2
      ORDER BY p.listing FOR UPDATE OF p`,
    [shopperId, now],
  );
  return withInstallments(sql, rows);
}

/** Records the provider's decision on a plan under review. */
export async function decideReview(
  sql: Sql,
  planId: string,
  decision: { status: 'active' } | { status: 'rejected'; reason: string },
  now: Date,
): Promise<void> {
  await sql.query(
    `UPDATE plans SET status = $2, status_reason = $3, decided_at = $4 WHERE id = $1 AND status = 'under_review'`,
    [planId, decision.status, decision.status === 'rejected' ? decision.reason : null, now],
  );
}

export async function setPreferredMethod(sql: Sql, planId: string, methodId: string): Promise<void> {
  await sql.query('UPDATE plans SET preferred_method_id = $2, auto_debit = true WHERE id = $1', [planId, methodId]);
}

export async function nextOrderNumber(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ n: unknown }>("SELECT nextval('order_numbers') AS n");
  return fen(rows[0]!.n);
}

interface RepaymentRow {
  id: string;
  plan_id: string;
  request_id: string | null;
  request: RepaymentRecord['request'];
  date: string;
  installments: number[];
  payoff: boolean;
  charged: unknown;
  late_charge: unknown;
  waived_fee: unknown;
  method_id: string;
}

export async function findRepayment(sql: Sql, planId: string, requestId: string): Promise<RepaymentRecord | null> {
  const { rows } = await sql.query<RepaymentRow>(
    `SELECT id, plan_id, request_id, request, date::text AS date, installments, payoff, charged, late_charge,
       waived_fee, method_id FROM repayments WHERE plan_id = $1 AND request_id = $2`,
    [planId, requestId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    planId: r.plan_id,
    requestId: r.request_id,
    request: r.request,
    date: r.date,
    installments: r.installments,
    payoff: r.payoff,
    charged: fen(r.charged),
    lateCharge: fen(r.late_charge),
    waivedFee: fen(r.waived_fee),
    methodId: r.method_id,
  };
}

/** Records a repayment; `id` empty means "the next number" (`rp-00001`, …). */
export async function insertRepayment(sql: Sql, r: RepaymentRecord): Promise<RepaymentRecord> {
  let id = r.id;
  if (!id) {
    const { rows } = await sql.query<{ n: unknown }>("SELECT nextval('repayment_numbers') AS n");
    id = `rp-${String(fen(rows[0]!.n)).padStart(5, '0')}`;
  }
  await sql.query(
    `INSERT INTO repayments (id, plan_id, request_id, request, date, installments, payoff, charged, late_charge,
       waived_fee, method_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      r.planId,
      r.requestId,
      JSON.stringify(r.request),
      r.date,
      r.installments,
      r.payoff,
      r.charged,
      r.lateCharge,
      r.waivedFee,
      r.methodId,
    ],
  );
  return { ...r, id };
}

export async function insertShopper(sql: Sql, shopper: Shopper, methods: readonly PaymentMethod[]): Promise<void> {
  await sql.query('INSERT INTO shoppers (id, name, phone) VALUES ($1, $2, $3)', [
    shopper.id,
    shopper.name,
    shopper.phone,
  ]);
  for (const [position, m] of methods.entries()) {
    await sql.query(
      'INSERT INTO payment_methods (shopper_id, id, kind, label, last4, position) VALUES ($1, $2, $3, $4, $5, $6)',
      [shopper.id, m.id, m.kind, m.label, m.last4 ?? null, position],
    );
  }
}

/** Marks a one-off setup step done; false when it already was (another process did it first). */
export async function markSetupStep(sql: Sql, name: string): Promise<boolean> {
  const { rows } = await sql.query('INSERT INTO setup_steps (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name', [
    name,
  ]);
  return rows.length === 1;
}

/** Every row of every table, in a stable order: lets a test see that a refused request wrote nothing. */
export async function dumpTables(sql: Sql): Promise<Record<string, unknown[]>> {
  const tables = [
    'shoppers',
    'payment_methods',
    'plans',
    'installments',
    'repayments',
    'setup_steps',
    'verification_codes',
    'verification_failures',
    'orders',
  ];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    // Row to text keeps types (bigint, date) the same on both drivers.
    const { rows } = await sql.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t ORDER BY t::text`);
    dump[table] = rows.map((r) => r.row);
  }
  const { rows } = await sql.query<{ seq: string }>(
    `SELECT (SELECT row(last_value, is_called)::text FROM order_numbers) ||
            (SELECT row(last_value, is_called)::text FROM repayment_numbers) AS seq`,
  );
  dump.sequences = [rows[0]!.seq];
  return dump;
}

/** The shopper, their row locked until the transaction ends: their verification steps take turns. */
export async function lockShopper(sql: Sql, id: string): Promise<Shopper | null> {
  const { rows } = await sql.query<Shopper>('SELECT id, name, phone FROM shoppers WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function listShoppers(sql: Sql): Promise<Shopper[]> {
  return (await sql.query<Shopper>('SELECT id, name, phone FROM shoppers ORDER BY id')).rows;
}
