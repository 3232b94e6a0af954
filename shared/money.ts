// Money is integer fen (1/100 yuan) everywhere. This module is the one way a merchant-written amount
// becomes fen; shared/format.ts is the one way fen become text for people.

import { MAX_FEN } from './limits.js';
import type { Fen } from './plan.js';

/** The outcome of {@link parseYuan}: fen, or why the text is not an amount. */
export type ParsedAmount = { ok: true; fen: Fen } | { ok: false; reason: string };

// Digits, no leading zeros, at most two decimals. Deliberately stricter than Number(): no sign,
// exponent, hex, spaces, "Infinity" or "5999." — a merchant typo must not become a price.
const AMOUNT = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/**
 * Parses a merchant-written amount in yuan (`"5999"`, `"5999.00"`, `"5999.5"`, or a number such as
 * `5999.5`) into fen. Never throws: invalid input gives `{ ok: false, reason }`.
 */
export function parseYuan(input: unknown): ParsedAmount {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: `${input} is not a finite number` };
    // Shortest round-trip text: 5999.5 → "5999.5", 0.1 + 0.2 → "0.30000000000000004" (rejected below).
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return { ok: false, reason: 'an amount must be a string or a number' };
  }
  if (text === '') return { ok: false, reason: 'the amount is empty' };
  const m = AMOUNT.exec(text);
  if (!m) {
    const why = /^\s|\s$/.test(text)
      ? 'has spaces around it'
      : text.startsWith('-')
        ? 'is negative'
        : /^\d+\.\d{3,}$/.test(text)
          ? 'has more than two decimals (fen are the smallest unit)'
          : 'is not a plain decimal number of yuan such as "5999" or "5999.00"';
    return { ok: false, reason: `"${text}" ${why}` };
  }
  const intPart = m[1]!;
  // Length check first: a 40-digit string must not round through a float into range.
  if (intPart.length > 12)
    return { ok: false, reason: `"${text}" is above the largest amount (${MAX_FEN / 100} yuan)` };
  const fen = Number(intPart) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return { ok: false, reason: `"${text}" is above the largest amount (${MAX_FEN / 100} yuan)` };
  return { ok: true, fen };
}
