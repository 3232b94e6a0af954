// Every size and range limit fenqi enforces on data from outside (a merchant config, a merchant API answer,
// a page's message, a backup file), in one table: a plan one side accepts is never refused by another.
// The limits on plans and lists themselves are in list-limits.ts (re-exported here): only the bill panel and the
// extension check them, so the selector's entry script does not carry them.
import type { UnbilledFeesOnPayoff } from './plan.js';

export {
  MAX_ID_LENGTH,
  MAX_PAYMENT_METHODS,
  MAX_PAYMENTS,
  MAX_PLANS_PER_LIST,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_FEN,
} from './list-limits.js';

/** The largest amount fenqi accepts: 10^13 fen (100 billion yuan), far inside 2^53. */
export const MAX_FEN = 10 ** 13;

/** The longest term accepted, in installments (months). */
export const MAX_TERM = 360;

/** What a provider's policy may say an early payoff does with fees not yet billed (PlanPolicy). */
export const PAYOFF_RULES: readonly UnbilledFeesOnPayoff[] = ['charged', 'waived', 'accrued'];

/** The late-charge cap when a policy names none: a late charge never exceeds what it is charged on. */
export const DEFAULT_LATE_CHARGE_CAP_PCT = '100';

/** The longest grace period a plan may have: a grace of more than a month would be a different due date. */
export const MAX_GRACE_DAYS = 31;

/**
 * Bytes of one JSON-serialised page → extension message (UTF-8): a backstop, not the bound a store meets.
 * The largest list the rules above allow (200 plans × 360 installments, every text at its longest) is about
 * 10 MB and fits (test/shared/bridge.test.ts); browsers carry extension messages up to 64 MiB.
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
