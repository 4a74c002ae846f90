import { describe, expect, it } from 'vitest';
import { addMonths, addWorkdays, calendarOf, chinaDate, isWorkday, monthsDeadline, monthsLimit, NATIONAL_CALENDAR, onOrAfterWorkday, WorkCalendarBody, workdaysBetween } from './workdays.js';

/** The national calendar of 2026 as the State Council published it (and chinese-days carries). */
describe('the national calendar', () => {
  it('knows weekends, the 2026 国庆/中秋 days off and the 调休 Sunday and Saturday that are working days', () => {
    expect(isWorkday('2026-03-07')).toBe(false); // a Saturday
    expect(isWorkday('2026-03-09')).toBe(true); // a Monday
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-09-25']) expect(isWorkday(d), d).toBe(false);
    expect(isWorkday('2026-09-20')).toBe(true); // Sunday, 调休
    expect(isWorkday('2026-10-10')).toBe(true); // Saturday, 调休
    expect(isWorkday('2026-10-08')).toBe(true);
  });

  it('counts working days over weekends', () => {
    expect(addWorkdays('2026-03-06', 1)).toBe('2026-03-09'); // Friday + 1 → Monday
    expect(addWorkdays('2026-03-02', 5)).toBe('2026-03-09');
    expect(addWorkdays('2026-03-07', 0)).toBe('2026-03-09'); // 0 on a Saturday → the next working day
    expect(addWorkdays('2026-03-09', 0)).toBe('2026-03-09');
    expect(workdaysBetween('2026-03-06', '2026-03-13')).toBe(5);
    expect(workdaysBetween('2026-03-13', '2026-03-06')).toBe(0);
  });

  it('skips the National Day week and counts the 调休 days', () => {
    expect(addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkdays('2026-10-09', 1)).toBe('2026-10-10');
    expect(addWorkdays('2026-09-18', 1)).toBe('2026-09-20'); // Friday → the working Sunday
    expect(addWorkdays('2026-09-24', 1)).toBe('2026-09-28'); // 中秋 Friday off
    expect(workdaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    // 5 working days to object, assigned the day before the holiday
    expect(addWorkdays('2026-09-30', 5)).toBe('2026-10-13'); // 10-08, 10-09, 10-10 (Sat), 10-12, 10-13
  });

  it('skips the Spring Festival and counts its working Saturdays', () => {
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14'); // Saturday, 调休
    expect(addWorkdays('2026-02-14', 1)).toBe('2026-02-24'); // 02-15 … 02-23 off
    expect(isWorkday('2026-02-28')).toBe(true);
    expect(onOrAfterWorkday('2026-02-17')).toBe('2026-02-24');
  });
});

describe("an org's own days", () => {
  const local = { holidays: ['2026-03-10'], workdays: ['2026-03-07'] };
  it('a local day off and a local working day change the result and win over the national calendar', () => {
    expect(addWorkdays('2026-03-09', 1)).toBe('2026-03-10');
    expect(addWorkdays('2026-03-09', 1, local)).toBe('2026-03-11');
    expect(addWorkdays('2026-03-06', 1, local)).toBe('2026-03-07');
    expect(isWorkday('2026-10-01', { holidays: [], workdays: ['2026-10-01'] })).toBe(true);
    expect(isWorkday('2026-10-08', { holidays: ['2026-10-08'], workdays: [] })).toBe(false);
  });

  it('reads a stored calendar, falling back to the national one when it is not valid', () => {
    expect(calendarOf(local)).toEqual(local);
    expect(calendarOf({ holidays: ['明天'] })).toEqual(NATIONAL_CALENDAR);
    expect(calendarOf(undefined)).toEqual(NATIONAL_CALENDAR);
    const both = WorkCalendarBody.safeParse({ holidays: ['2026-03-10'], workdays: ['2026-03-10'] });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0].message).toBe('同一天不能既是休息日又是工作日');
    expect(WorkCalendarBody.safeParse({ holidays: ['2026-3-1'], workdays: [] }).error?.issues[0].message).toBe('日期格式应为 YYYY-MM-DD');
  });
});

describe('month deadlines', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-03-15', 3)).toBe('2026-06-15');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-10-31', 14)).toBe('2027-12-31');
  });

  it('a deadline on a day off moves to the next working day', () => {
    expect(monthsDeadline('2026-03-16', 3)).toBe('2026-06-16'); // a Tuesday stays
    expect(monthsDeadline('2026-07-01', 3)).toBe('2026-10-08'); // 国庆 → the first working day after
    expect(monthsDeadline('2026-07-01', 3, { holidays: ['2026-10-08'], workdays: [] })).toBe('2026-10-09');
    expect(monthsDeadline('2026-07-01', 3, { holidays: [], workdays: ['2026-10-01'] })).toBe('2026-10-01');
    expect(monthsDeadline('2026-11-30', 3)).toBe('2027-03-01'); // 2027-02-28 is a Sunday
    expect(monthsDeadline('2026-01-16', 1)).toBe('2026-02-24'); // 春节
  });

  it('a limit on a day off moves back to the working day before it, never past itself', () => {
    expect(monthsLimit('2026-04-03', 6)).toBe('2026-09-30'); // 2026-10-03 is in 国庆
    expect(monthsLimit('2026-03-16', 6)).toBe('2026-09-16');
    expect(monthsLimit('2026-04-03', 6, { holidays: ['2026-09-30'], workdays: [] })).toBe('2026-09-29');
  });
});

describe('China dates', () => {
  it('turns a moment into the date in China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
