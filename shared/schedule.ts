// Due dates (and statement dates) of each period, from the purchase date and the schedule rule.
// Month k is always counted from the anchor (purchase date or first statement), never from the
// previous date, so Jan 31 → Feb 29 → Mar 31 does not drift to Mar 29.

import { addMonthsClamped, dayNumber, formatYmd, fromDayNumber, parseIsoDate } from './dates.js';
import { FenqiInputError } from './errors.js';
import type { IsoDate } from './plan.js';
import { oneOf, wholeNumber } from './validate.js';

/** Due dates fall on the purchase day of each following month, clamped to month end (the default). */
export interface AnniversarySchedule {
  mode: 'anniversary';
}

/**
 * Credit-card / Huabei style: each period is billed on a statement (billing day, clamped to month end)
 * and due on a fixed day (`dueDay`, `dueMonthOffset` months after the statement) or
 * `dueDaysAfterStatement` days after it. Give exactly one of `dueDay` and `dueDaysAfterStatement`.
 */
export interface StatementSchedule {
  mode: 'statement';
  /** Day of month the statement is drawn up, 1–31 (clamped to shorter months). */
  billingDay: number;
  /** Whether a purchase made on the billing day is on that day's statement. Default false. */
  statementIncludesBillingDay?: boolean;
  /** Day of month the statement is due, 1–31 (clamped). */
  dueDay?: number;
  /** Months from the statement's month to the due date's month, 0–3. Default 0. */
  dueMonthOffset?: number;
  /** Instead of `dueDay`: the due date is this many days (1–60) after the statement. */
  dueDaysAfterStatement?: number;
}

export type ScheduleInput = AnniversarySchedule | StatementSchedule;

/** The dates of one period. */
export interface PeriodDates {
  statementDate: IsoDate | null;
  dueDate: IsoDate;
}

/** A validated rule that yields the dates of period k (1-based). */
type DateRule = (k: number) => PeriodDates;

/** Checks the schedule and returns a function giving each period's dates; throws {@link FenqiInputError}. */
export function scheduleRule(purchaseDate: unknown, schedule: unknown): DateRule {
  const p = parseIsoDate(purchaseDate, 'purchaseDate');
  if (schedule === undefined) schedule = { mode: 'anniversary' };
  if (typeof schedule !== 'object' || schedule === null) throw new FenqiInputError('schedule', 'must be an object');
  const s = schedule as Omit<Partial<StatementSchedule>, 'mode'> & { mode?: unknown };
  if (s.mode === 'anniversary') {
    return (k) => {
      const d = addMonthsClamped(p.y, p.m, p.d, k);
      return { statementDate: null, dueDate: formatYmd(d.y, d.m, d.d) };
    };
  }
  oneOf(s.mode, 'schedule.mode', ['anniversary', 'statement']);
  const billingDay = wholeNumber(s.billingDay, 'schedule.billingDay', 1, 31);
  const includes = s.statementIncludesBillingDay ?? false;
  if (typeof includes !== 'boolean')
    throw new FenqiInputError('schedule.statementIncludesBillingDay', 'must be true or false');
  const offset = s.dueMonthOffset === undefined ? 0 : wholeNumber(s.dueMonthOffset, 'schedule.dueMonthOffset', 0, 3);
  const hasDueDay = s.dueDay !== undefined;
  const hasDueDays = s.dueDaysAfterStatement !== undefined;
  if (hasDueDay === hasDueDays) {
    throw new FenqiInputError('schedule.dueDay', 'give exactly one of dueDay and dueDaysAfterStatement');
  }
  const dueDay = hasDueDay ? wholeNumber(s.dueDay, 'schedule.dueDay', 1, 31) : 0;
  const dueDays = hasDueDays ? wholeNumber(s.dueDaysAfterStatement, 'schedule.dueDaysAfterStatement', 1, 60) : 0;
  if (hasDueDay && offset === 0 && dueDay <= billingDay) {
    // Otherwise a period would fall due before (or on) the statement that bills it.
    throw new FenqiInputError('schedule.dueDay', 'must be after billingDay when dueMonthOffset is 0');
  }
  if (hasDueDay && offset === 0 && billingDay > 27) {
    // Both days clamp to the end of a short month: billing day 28 and due day 30 meet on February 28.
    throw new FenqiInputError('schedule.billingDay', 'must be 27 or earlier when dueMonthOffset is 0');
  }

  // Statement S0 is this month's (clamped) billing day if the purchase is before it, else next month's.
  const thisMonths = addMonthsClamped(p.y, p.m, billingDay, 0);
  const onThis = p.d < thisMonths.d || (includes && p.d === thisMonths.d);
  const first = onThis ? 0 : 1;
  return (k) => {
    const st = addMonthsClamped(p.y, p.m, billingDay, first + k - 1);
    let due;
    if (hasDueDay) {
      due = addMonthsClamped(st.y, st.m, dueDay, offset);
    } else {
      due = fromDayNumber(dayNumber(st.y, st.m, st.d) + dueDays);
    }
    return { statementDate: formatYmd(st.y, st.m, st.d), dueDate: formatYmd(due.y, due.m, due.d) };
  };
}
