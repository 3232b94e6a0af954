// The limits on what a plan and a list may hold: part of limits.ts's table (which re-exports them), in a module of
// their own so that the selector's entry script, which checks no plans, does not carry them.

/** Dated payments one installment may record (older partial payments, then the one that settles it). */
export const MAX_PAYMENTS = 100;

/** Ids (plan, order, provider, payment method): what a merchant's database key needs, no more. */
export const MAX_ID_LENGTH = 64;

/** Text for people (a product, a provider's or a payment method's name). */
export const MAX_TEXT_LENGTH = 200;

/** Plans in one list: one `plans` bridge message, or one `GET {api}/plans` answer. */
export const MAX_PLANS_PER_LIST = 200;

/** Payment methods in one `GET {api}/payment-methods` answer. */
export const MAX_PAYMENT_METHODS = 50;

/**
 * The largest sum a charge may come to: what is owed on one plan at most, all of it late. A plan's principal is
 * at most MAX_FEN, each installment's fee at most MAX_FEN, and a late charge at most the principal + fee it is
 * charged on (lateChargeCapPct ≤ 100), so: 2 × (MAX_FEN + MAX_TERM × MAX_FEN) = 7.22 × 10^15 fen, still a safe
 * integer (2^53 ≈ 9.007 × 10^15). A repayment's charge, its late charge and a 409's total are sums, not single
 * amounts: they are checked against this, so a plan fenqi accepts can always be paid off (the bill panel once
 * said "paid, not confirmed" for a ¥70-billion order two years late, whose payoff passed 10^13).
 * Written out: importing MAX_FEN and MAX_TERM from limits.ts, which re-exports this module, would be a cycle
 * (test/shared/merchant-api-totals.test.ts checks it against them). Here, not in limits.ts, because only the bill
 * panel and the extension check sums: the selector's entry script does not carry it.
 */
export const MAX_TOTAL_FEN = 2 * (10 ** 13 + 360 * 10 ** 13);
