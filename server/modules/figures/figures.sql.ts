import { sql, type SQL } from 'drizzle-orm';
import { fieldError } from '../../core/errors.js';
import type { PerLevel, PeriodQuery, RequestStats } from './figures.schema.js';

const DAY = 86_400_000;
/** A date in China (UTC+8, no daylight saving), YYYY-MM-DD. */
export const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
export const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

export interface Period {
  from: string;
  to: string;
  /** [start, end) instants */
  start: Date;
  end: Date;
}

export function periodOf(q: PeriodQuery, now: Date): Period {
  const today = chinaDay(now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw fieldError('from', '开始日期不能晚于结束日期');
  const start = dayStart(from);
  const end = new Date(dayStart(to).getTime() + DAY);
  if (end.getTime() - start.getTime() > 3700 * DAY) throw fieldError('from', '统计区间不能超过 10 年');
  return { from, to, start, end };
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31`, start: dayStart(`${year}-01-01`), end: dayStart(`${year + 1}-01-01`) });

/** Every month of the period, YYYY-MM, for a chart without holes. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

export const monthSql = (col: SQL) => sql`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

/**
 * Aggregates over concerns aliased `q` (which may be null in an outer join: counts go by q.id).
 * `now` decides what is overdue.
 */
export const requestStatsSql = (now: Date) => sql`
  count(q.id)::int as raised,
  count(q.first_answered_at)::int as answered,
  (count(q.id) filter (where q.first_answered_at <= q.due_at))::int as "answeredWithinDeadline",
  (count(q.id) filter (where q.outcome = 'solved'))::int as solved,
  count(q.rating)::int as rated,
  (count(q.id) filter (where q.rating in ('satisfied', 'basic')))::int as satisfied,
  round((avg(extract(epoch from q.first_answered_at - q.created_at)) / 3600)::numeric, 1)::float8 as "avgHoursToFirstAnswer",
  (count(q.id) filter (where q.first_answered_at is null and q.status <> 'closed' and q.due_at < ${now.toISOString()}::timestamptz))::int as "overdueOpen"`;

type RawStats = Omit<RequestStats, 'satisfactionRate' | 'onTimeRate'>;
const percentOf = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);
/**
 * Adds the rates, in percent with one decimal: satisfaction (满意 + 基本满意 over rated) and on time
 * (answered within the deadline over those whose result is known: answered, or unanswered past it).
 */
export const withRate = <T extends RawStats>(s: T): T & { satisfactionRate: number | null; onTimeRate: number | null } => ({
  ...s,
  avgHoursToFirstAnswer: s.avgHoursToFirstAnswer === null ? null : Number(s.avgHoursToFirstAnswer),
  satisfactionRate: percentOf(s.satisfied, s.rated),
  onTimeRate: percentOf(s.answeredWithinDeadline, s.answered + s.overdueOpen),
});

export const emptyStats = (): RequestStats => ({
  raised: 0,
  answered: 0,
  answeredWithinDeadline: 0,
  solved: 0,
  rated: 0,
  satisfied: 0,
  satisfactionRate: null,
  onTimeRate: null,
  avgHoursToFirstAnswer: null,
  overdueOpen: 0,
});

/** Distinct reports per level with a record of `kind`, in `x` (opinion_report_record), as JSON. */
export const perLevelSql = (kind: 'adopted' | 'instructed') => sql`
  json_build_object(
    'county', count(distinct x.report_id) filter (where x.kind = ${kind} and x.level = 'county'),
    'city', count(distinct x.report_id) filter (where x.kind = ${kind} and x.level = 'city'),
    'province', count(distinct x.report_id) filter (where x.kind = ${kind} and x.level = 'province'),
    'national', count(distinct x.report_id) filter (where x.kind = ${kind} and x.level = 'national'))`;
export const noLevels = (): PerLevel => ({ county: 0, city: 0, province: 0, national: 0 });
