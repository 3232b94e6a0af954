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
