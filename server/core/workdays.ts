import chineseDays from 'chinese-days';
import { z } from 'zod';
import { isoDate } from './date.js';

/**
 * Working-day arithmetic for deadlines. The national calendar (weekends, public holidays and the
 * 调休 Saturdays/Sundays that are working days) comes from `chinese-days`; an org adds its own local
 * days off and extra working days (`org.settings.calendar`), which win over the national calendar.
 * Dates are China dates as 'YYYY-MM-DD'.
 */
export interface WorkCalendar {
  /** local days off, e.g. a county's own festival */
  holidays: string[];
  /** local extra working days */
  workdays: string[];
}
export const NATIONAL_CALENDAR: WorkCalendar = { holidays: [], workdays: [] };

const day = isoDate('日期');
const dates = (what: string) =>
  z
    .array(day, { message: `${what}应为日期列表` })
    .max(366, `${what}最多 366 天`)
    .refine((a) => new Set(a).size === a.length, `${what}有重复日期`);
export const WorkCalendarBody = z
  .object({ holidays: dates('本地休息日'), workdays: dates('本地工作日') })
  .refine((c) => !c.holidays.some((d) => c.workdays.includes(d)), { path: ['workdays'], message: '同一天不能既是休息日又是工作日' });

export const calendarOf = (stored: unknown): WorkCalendar => {
  const parsed = WorkCalendarBody.safeParse(stored);
  return parsed.success ? parsed.data : NATIONAL_CALENDAR;
};

/** Today's date in China (UTC+8, no daylight saving). */
export const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const shift = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function isWorkday(date: string, cal: WorkCalendar = NATIONAL_CALENDAR): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  return chineseDays.isWorkday(date);
}

/** The working day `n` working days after `date` (the date itself not counted); n = 0 gives `date` if it is a working day, else the next one. */
export function addWorkdays(date: string, n: number, cal: WorkCalendar = NATIONAL_CALENDAR): string {
  let d = date;
  if (n === 0) return onOrAfterWorkday(d, cal);
  for (let left = n; left > 0; ) {
    d = shift(d, 1);
    if (isWorkday(d, cal)) left--;
  }
  return d;
}

/** `date` if it is a working day, else the next working day (a deadline falling on a holiday moves past it). */
export function onOrAfterWorkday(date: string, cal: WorkCalendar = NATIONAL_CALENDAR): string {
  let d = date;
  while (!isWorkday(d, cal)) d = shift(d, 1);
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workdaysBetween(from: string, to: string, cal: WorkCalendar = NATIONAL_CALENDAR): number {
  let n = 0;
  for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isWorkday(d, cal)) n++;
  return n;
}

/** The same day `months` later (the month's last day when it has no such day), e.g. 2026-11-30 + 3 → 2027-02-28. */
export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** `date` if it is a working day, else the working day before it (a limit never moves past itself). */
export function onOrBeforeWorkday(date: string, cal: WorkCalendar = NATIONAL_CALENDAR): string {
  let d = date;
  while (!isWorkday(d, cal)) d = shift(d, -1);
  return d;
}

/** The latest day `months` after `date` may reach (6 months at most for a reply): the last working day on or before it. */
export const monthsLimit = (date: string, months: number, cal: WorkCalendar = NATIONAL_CALENDAR) => onOrBeforeWorkday(addMonths(date, months), cal);

/** A deadline `months` after `date`, moved to the next working day if it falls on a day off. */
export const monthsDeadline = (date: string, months: number, cal: WorkCalendar = NATIONAL_CALENDAR) => onOrAfterWorkday(addMonths(date, months), cal);

export const addDays = shift;
