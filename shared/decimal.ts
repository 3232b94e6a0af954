// Exact decimals for rates. A rate such as "7.5" becomes { units: 75, scale: 1 } (75 / 10^1), so every
// product with an amount in fen is an integer ratio that can be rounded exactly, once.

import { FenqiInputError } from './errors.js';

/** A non-negative exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: number;
  scale: number;
}

/** Most decimals a rate may carry; keeps `units` and every product of it with fen exact. */
const MAX_SCALE = 6;
const PLAIN = /^(0|[1-9]\d{0,5})(?:\.(\d{1,6}))?$/;

/**
 * Parses a rate given as a decimal string (`"7.5"`) or a number (`7.5`, read through its shortest
 * round-trip string) into an exact decimal in `[0, max]`. Rejects signs, exponents, spaces and junk.
 */
export function parseRate(value: unknown, field: string, max = 100): Decimal {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FenqiInputError(field, 'must be a finite number');
    text = String(value);
    // Tiny numbers print as "1e-7"; they have more decimals than a rate may carry anyway.
    if (text.includes('e')) throw new FenqiInputError(field, `has more than ${MAX_SCALE} decimals or is too large`);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new FenqiInputError(field, 'must be a decimal string such as "7.5" or a number');
  }
  const m = PLAIN.exec(text);
  if (!m) {
    throw new FenqiInputError(
      field,
      `"${text}" is not a decimal such as "7.5" (no sign, exponent or spaces; at most ${MAX_SCALE} decimals)`,
    );
  }
  const frac = m[2] ?? '';
  const d: Decimal = { units: Number(m[1]! + frac), scale: frac.length };
  if (d.units > max * 10 ** d.scale) throw new FenqiInputError(field, `must be at most ${max}`);
  return d;
}

/** True when the decimal is exactly zero. */
export function isZero(d: Decimal): boolean {
  return d.units === 0;
}

/** `10^scale` as an integer. */
export function pow10(scale: number): number {
  return 10 ** scale;
}

// Below 2^52 a float product or quotient of integers is exact enough to correct with one remainder step.
const FAST_LIMIT = 2 ** 52;

/**
 * round-half-up(a × b / den) for non-negative integers, exactly. Uses float integer math while every
 * intermediate is exact and falls back to BigInt for large products (principals near 10^13 fen).
 */
export function mulDivHalfUp(a: number, b: number, den: number): number {
  const p = a * b;
  if (p < FAST_LIMIT) {
    let q = Math.floor(p / den);
    let r = p - q * den;
    if (r < 0) {
      q -= 1;
      r += den;
    } else if (r >= den) {
      q += 1;
      r -= den;
    }
    return 2 * r >= den ? q + 1 : q;
  }
  const bd = BigInt(den);
  const big = BigInt(a) * BigInt(b);
  return Number((2n * big + bd) / (2n * bd));
}
