// Calendar dates as plain `YYYY-MM-DD` strings and day numbers. No Date object is involved, so nothing
// here depends on the machine's time zone or clock.

import { FenqiInputError } from './errors.js';
import type { IsoDate } from './plan.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in month `m` (1–12) of year `y`, with Gregorian leap years. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A parsed calendar date. */
export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Parses a `YYYY-MM-DD` date (years 1000–9999), rejecting impossible dates such as 2023-02-29. */
export function parseIsoDate(value: unknown, field: string): YMD {
  const match = typeof value === 'string' ? ISO.exec(value) : null;
  if (!match) throw new FenqiInputError(field, 'must be a calendar date written YYYY-MM-DD');
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new FenqiInputError(field, `${value as string} is not a date in the calendar`);
  }
  return { y, m, d };
}

/** True when `value` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value, 'date');
    return true;
  } catch {
    return false;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Formats a date as `YYYY-MM-DD`. */
export function formatYmd(y: number, m: number, d: number): IsoDate {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The date `k` months after year `y`, month `m`, on day `d` clamped to that month's last day. */
export function addMonthsClamped(y: number, m: number, d: number, k: number): YMD {
  const index = m - 1 + k;
  const ny = y + Math.floor(index / 12);
  const nm = (((index % 12) + 12) % 12) + 1;
  return { y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) };
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
/** The day number of a date; differences of day numbers are calendar days. */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (inverse of {@link dayNumber}). */
export function fromDayNumber(z: number): YMD {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). Both must be `YYYY-MM-DD`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from, 'from');
  const b = parseIsoDate(to, 'to');
  return dayNumber(b.y, b.m, b.d) - dayNumber(a.y, a.m, a.d);
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  const a = parseIsoDate(date, 'date');
  const r = fromDayNumber(dayNumber(a.y, a.m, a.d) + n);
  return formatYmd(r.y, r.m, r.d);
}

/**
 * The calendar date of `now` in the runtime's own time zone: the shopper's "today" in a browser, the
 * server's in Node. Pure: the instant is passed in (default: the current time at the call).
 */
export function localToday(now: Date = new Date()): IsoDate {
  return formatYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * The calendar date of an instant in a time zone (default Asia/Shanghai, where Chinese bills fall due).
 * Pure: pass the instant in, e.g. `calendarDate(Date.now())`. Everything else in shared/ takes dates.
 */
export function calendarDate(instant: number | Date, timeZone = 'Asia/Shanghai'): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(instant)
    .reduce<Record<string, number>>((acc, p) => ((acc[p.type] = Number(p.value)), acc), {});
  return formatYmd(parts['year']!, parts['month']!, parts['day']!);
}
