/**
 * Typed checks of one value at a path, for the validation kit (shared/validate.ts): each returns the clean
 * value or throws a `FenqiInputError` saying what was expected there.
 */
import { isIsoDate } from './dates.js';
import { MAX_FEN, MAX_ID_LENGTH, MAX_TEXT_LENGTH } from './limits.js';
import type { Fen, IsoDate } from './plan.js';
import { invalid, isRecord } from './validate.js';

export function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) invalid(path, 'expected an object');
  return value;
}

/** A list of `min`…`max` entries; `of` names them in the message ("plans"). */
export function list(value: unknown, path: string, { min = 0, max = Infinity, of = 'items' } = {}): unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    invalid(
      path,
      max === Infinity
        ? 'expected a list'
        : min > 0
          ? `expected ${min}–${max} ${of}`
          : `expected a list of at most ${max} ${of}`,
    );
  }
  return value;
}

/** A non-empty string of at most `max` characters. */
export function text(value: unknown, path: string, max = MAX_TEXT_LENGTH): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  if (value.length === 0 || value.length > max) invalid(path, `expected 1–${max} characters`);
  return value;
}

/**
 * A well-formed id: no lone surrogate (`encodeURIComponent` throws a URIError on one, so a deep link could not be
 * built), no control or invisible character. Merchants' ids are database keys; nothing legitimate needs those.
 */
export function isWellFormedId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_ID_LENGTH &&
    !/[\p{Cs}\p{Cc}\p{Cf}]/u.test(value)
  );
}

/** An id (plan, order, provider, payment method): 1–MAX_ID_LENGTH characters, well-formed (see `isWellFormedId`). */
export function id(value: unknown, path: string): string {
  const out = text(value, path, MAX_ID_LENGTH);
  if (!isWellFormedId(out)) invalid(path, 'expected an id without control, invisible or unpaired surrogate characters');
  return out;
}

export function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(path, `expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** A whole number of fen from 0 to `max` (MAX_FEN; MAX_TOTAL_FEN for a sum such as a charge). */
export function fen(value: unknown, path: string, max = MAX_FEN): Fen {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    invalid(path, `expected a whole number of fen from 0 to ${max === MAX_FEN ? '10^13' : max}`);
  }
  return value;
}

/** A real calendar date `YYYY-MM-DD`. */
export function date(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) invalid(path, 'expected a calendar date YYYY-MM-DD');
  return value;
}

export function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') invalid(path, 'expected true or false');
  return value;
}

/** One of a few known strings. */
export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (!options.includes(value as T)) {
    const quoted = options.map((o) => `'${o}'`);
    invalid(path, `expected ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ` : ''}${quoted.at(-1)}`);
  }
  return value as T;
}

/** The list itself, once no two entries share an id. */
export function uniqueIds<T extends { id: string }>(items: T[], path: string): T[] {
  if (new Set(items.map((x) => x.id)).size !== items.length) invalid(path, 'ids repeat');
  return items;
}
