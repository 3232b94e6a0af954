/**
 * The installment provider's review (审核) of a purchase, as the demo store simulates it: a new plan is under
 * review for `delayMs` (REVIEW_DELAY_MS, 10 s by default), then approved, unless it is above the provider's
 * credit line for the shopper, which rejects it with a reason. The decision is applied by the first request of
 * the shopper after it is due, inside that request's transaction: no timer, so it survives a restart and
 * every server process on one database sees the same outcome.
 */
import { formatFen } from '../shared/format.js';
import type { Fen, Plan } from '../shared/plan.js';
import type { Sql } from './db.js';
import { decideReview, dueReviews } from './store.js';

/** What the demo's providers lend one shopper for one order: a plan above it is rejected (the seeded case). */
export const CREDIT_LINE: Fen = 2_000_000;

/** How long a purchase is under review unless the server is told otherwise. */
export const DEFAULT_REVIEW_DELAY_MS = 10_000;

export type Decision = { status: 'active' } | { status: 'rejected'; reason: string };

/** The provider's decision on a plan. */
export function decide(plan: Plan): Decision {
  if (plan.principal > CREDIT_LINE) {
    return { status: 'rejected', reason: `超出${plan.provider.name}可用额度（${formatFen(CREDIT_LINE)}）` };
  }
  return { status: 'active' };
}

/**
 * Applies every decision of the shopper's that is due at `now`; returns what was decided, for the log (to be
 * written once the transaction commits).
 */
export async function settleReviews(
  sql: Sql,
  shopperId: string,
  now: Date,
): Promise<{ planId: string; decision: Decision }[]> {
  const decided = [];
  for (const plan of await dueReviews(sql, shopperId, now)) {
    const decision = decide(plan);
    await decideReview(sql, plan.id, decision, now);
    decided.push({ planId: plan.id, decision });
  }
  return decided;
}
