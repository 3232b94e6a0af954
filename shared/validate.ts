/**
 * The validation kit every check of outside data is written with: a page's bridge message, a merchant API
 * answer, a backup file, a merchant config. A check returns the clean value or throws a `FenqiInputError` that
 * names the path (`payload.plans[0].installments[1].dueDate`) and the reason; `parsed()` turns the first one
 * into a result, and `Problems` collects all of them. The typed checks themselves (`record`, `text`, `fen`…)
 * are in shared/checks.ts: a separate module, so the checkout selector's entry script, which validates the
 * merchant config with its own wording, does not carry the checks only the bill panel needs (a bundle
 * splits by module, not by function).
 */
import { FenqiInputError } from './errors.js';

/** A checked value, or the first reason it was refused (`path: why`). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** One problem with some input: where and why. */
export interface Problem {
  path: string;
  reason: string;
}

export function invalid(path: string, reason: string): never {
  throw new FenqiInputError(path, reason);
}

/** A whole number from `min` to `max`, or a refusal naming `field` (a term, a principal in fen, a day of the month). */
export function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** One of the `allowed` values (a fee model, a payoff rule, "first" or "last"), or a refusal that lists them. */
export function oneOf<T>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    invalid(field, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs a check; never throws. Anything but a refusal (a bug, a stack overflow) becomes `otherwise`. */
export function parsed<T>(check: () => T, otherwise: string): Parsed<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    return { ok: false, reason: error instanceof FenqiInputError ? error.message : otherwise };
  }
}

/** Collects every problem instead of stopping at the first (a merchant fixes a config in one go). */
export class Problems {
  readonly list: Problem[] = [];

  add(path: string, reason: string): undefined {
    this.list.push({ path, reason });
    return undefined;
  }

  /** Runs a check; its refusal becomes a problem, filed at `at(field)` when the check names fields its own way. */
  check<T>(run: () => T, at: (field: string) => string = (field) => field): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof FenqiInputError)) throw error;
      return this.add(at(error.field), error.reason);
    }
  }
}
