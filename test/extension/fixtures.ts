/** Hand-written plans for the extension's tests. */
import { addDays } from '../../shared/dates.js';
import type { IsoDate, Plan } from '../../shared/plan.js';
import { localToday } from '../../shared/dates.js';
import type { StoredPlan } from '../../extension/storage/schema.js';

/**
 * A plan with one installment per due date (100.00 + 5.00 fee each); the first `paid` of them are paid.
 * Dates may be given as day offsets from today.
 */
export function plan(id: string, due: (IsoDate | number)[], { paid = 0, product = `Phone ${id}` } = {}): Plan {
  const dates = due.map((d) => (typeof d === 'number' ? addDays(localToday(), d) : d));
  return {
    id,
    orderId: `ORD-${id}`,
    product,
    provider: { id: 'huabei', name: '花呗分期' },
    principal: 10_000 * dates.length,
    currency: 'CNY',
    purchaseDate: addDays(dates[0]!, -30),
    installments: dates.map((dueDate, i) => ({
      n: i + 1,
      dueDate,
      principal: 10_000,
      fee: 500,
      paid: i < paid ? 10_500 : 0,
      paidDate: i < paid ? addDays(dueDate, -1) : null,
    })),
    autoDebit: false,
    preferredMethod: null,
    policy: { lateDailyRatePct: '0.05', graceDays: 0, unbilledFeesOnPayoff: 'charged' },
  };
}

/** A plan as version 1 of the database stored it (no `activeDue`). */
export function v1Record(origin: string, p: Plan, archived = false): Omit<StoredPlan, 'activeDue'> {
  const next = p.installments.find((it) => it.paid < it.principal + it.fee)?.dueDate ?? '9999-12-31';
  return { ...p, origin, nextDue: next, archived, seenAt: 1_700_000_000_000 };
}

export const SHOP = 'https://shop.example';
export const OTHER = 'https://other.example';
