import { expect } from '@open-wc/testing';
import dayjs from 'dayjs/esm/index.js';
import utc from 'dayjs/esm/plugin/utc/index.js';
import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  formatYmd,
  calendarDate,
  daysBetween,
  dayNumber,
  FenqiInputError,
  fromDayNumber,
  isIsoDate,
  localToday,
  parseIsoDate,
} from '../../shared/index.js';
import { check, isoDate, RUNS } from './arbitraries.js';

dayjs.extend(utc);

describe('calendar dates', () => {
  it('counts days across month, leap-day and year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).to.equal(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).to.equal(1);
    expect(daysBetween('2024-12-31', '2025-01-01')).to.equal(1);
    expect(daysBetween('2025-01-01', '2024-01-01')).to.equal(-366);
    expect(addDays('2024-02-09', 20)).to.equal('2024-02-29');
    expect(addDays('2000-03-01', -1)).to.equal('2000-02-29');
    expect(addDays('1900-03-01', -1)).to.equal('1900-02-28');
  });

  it('agrees with UTC day arithmetic for every date, and round-trips day numbers', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const { y, m, d } = parseIsoDate(date, 'date');
        const z = dayNumber(y, m, d);
        check(z === Date.UTC(y, m - 1, d) / 86_400_000, `${date} is day ${z}`);
        const back = fromDayNumber(z);
        check(back.y === y && back.m === m && back.d === d, `${date} does not round-trip`);
      }),
      { numRuns: RUNS },
    );
  });

  it('adds months from the anchor with a month-end clamp, as dayjs does (an independent oracle)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 360 }), (date, k) => {
        const { y, m, d } = parseIsoDate(date, 'date');
        const ours = addMonthsClamped(y, m, d, k);
        const theirs = dayjs.utc(date).add(k, 'month').format('YYYY-MM-DD');
        check(formatYmd(ours.y, ours.m, ours.d) === theirs, `${date} + ${k} months: dayjs says ${theirs}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(['2024-02-29', '2000-02-29', '9999-12-31'].every(isIsoDate)).to.equal(true);
    expect(
      ['2023-02-29', '1900-02-29', '2024-04-31', '2024-1-05', '20240105', '2024-01-05 ', 20240105].some(isIsoDate),
    ).to.equal(false);
    expect(() => parseIsoDate('2024-00-10', 'purchaseDate')).to.throw(FenqiInputError, /^purchaseDate: /);
  });

  it('gives the calendar date of an instant in China whatever zone the machine is in', () => {
    const instant = Date.UTC(2024, 0, 31, 16, 30); // 2024-02-01 00:30 in Shanghai, Jan 31 08:30 in Los Angeles
    expect(calendarDate(instant)).to.equal('2024-02-01');
    expect(calendarDate(new Date(instant), 'America/Los_Angeles')).to.equal('2024-01-31');
  });

  it("takes today from the runtime's own zone: a minute before local midnight is still that day", () => {
    expect(localToday(new Date(2024, 1, 29, 23, 59))).to.equal('2024-02-29');
    expect(localToday(new Date(2024, 2, 1, 0, 0))).to.equal('2024-03-01');
    const instant = Date.UTC(2024, 0, 31, 16, 30);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(localToday(new Date(instant))).to.equal(calendarDate(instant, zone));
  });
});
