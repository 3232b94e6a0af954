/**
 * Invalid input to a shared/ function. `field` names the offending input the way a caller wrote it
 * (`principal`, `fee.ratePct`, `schedule.billingDay`, `installments[2]`), so a UI can point at it.
 */
export class FenqiInputError extends Error {
  /** Which input was wrong, as a dotted path into the argument. */
  readonly field: string;
  /** Why, in plain English, without the field name. */
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'FenqiInputError';
    this.field = field;
    this.reason = reason;
  }
}
