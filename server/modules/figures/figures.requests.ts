import { sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { fieldError } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import type { RequestFigures, RequestFiguresQuery, RequestStats } from './figures.schema.js';
import { emptyStats, monthSql, monthsOf, periodOf, requestStatsSql, withRate, type Period } from './figures.sql.js';

type Raw = Omit<RequestStats, 'satisfactionRate' | 'onTimeRate'>;

/** The org's concerns raised in the period, with their township (`q`), optionally of one township. */
const concernsSql = (orgId: string, p: Period, townshipId?: string) => sql`
  select r.*, coalesce(pl.parent_id, pl.id) as township_id from request r join place pl on pl.id = r.place_id
  where r.org_id = ${orgId} and r.created_at >= ${p.start.toISOString()}::timestamptz and r.created_at < ${p.end.toISOString()}::timestamptz
  ${townshipId ? sql`and coalesce(pl.parent_id, pl.id) = ${townshipId}` : sql``}`;

/** Figures of concerns in four aggregate statements: totals, per place, per category, per month. */
export async function requestFiguresOf(db: Executor, orgId: string, p: Period, now: Date, townshipId?: string) {
  const q = concernsSql(orgId, p, townshipId);
  const stats = requestStatsSql(now);
  const places: SQL = townshipId
    ? sql`select t.id, case when t.id = ${townshipId} then t.name || '（本级）' else t.name end as name, ${stats}
        from place t left join q on q.place_id = t.id where t.org_id = ${orgId} and (t.parent_id = ${townshipId} or t.id = ${townshipId})
        group by t.id, t.name, t.sort having t.id <> ${townshipId} or count(q.id) > 0 order by t.id = ${townshipId} desc, t.sort, t.name`
    : sql`select t.id, t.name, ${stats} from place t left join q on q.township_id = t.id
        where t.org_id = ${orgId} and t.kind = 'township' group by t.id, t.name, t.sort order by t.sort, t.name`;
  const [[totals], byPlace, byCategory, monthly] = await Promise.all([
    rowsOf<Raw>(db, sql`with q as (${q}) select ${stats} from q`),
    rowsOf<Raw & { id: string; name: string }>(db, sql`with q as (${q}) ${places}`),
    rowsOf<Raw & { id: string; name: string }>(
      db,
      sql`with q as (${q}) select c.id, c.name, ${stats} from request_category c left join q on q.category_id = c.id
        where c.org_id = ${orgId} group by c.id, c.name, c.sort, c.active having c.active or count(q.id) > 0 order by c.sort, c.name`,
    ),
    rowsOf<Raw & { month: string }>(db, sql`with q as (${q}) select ${monthSql(sql`q.created_at`)} as month, ${stats} from q group by 1 order by 1`),
  ]);
  const byMonth = new Map(monthly.map((m) => [m.month, withRate(m)]));
  return {
    from: p.from,
    to: p.to,
    totals: withRate(totals),
    placeLevel: townshipId ? ('village' as const) : ('township' as const),
    byPlace: byPlace.map(withRate),
    byCategory: byCategory.map(withRate),
    monthly: monthsOf(p).map((month) => ({ ...(byMonth.get(month) ?? emptyStats()), month })),
  };
}

/** GET /api/figures/requests: for the staff dashboard and the leaders. */
export async function requestFigures(ctx: Ctx, query: RequestFiguresQuery): Promise<RequestFigures> {
  const actor = requireAccess(ctx.actor, 'figures.read');
  const now = ctx.clock.now();
  const p = periodOf(query, now);
  await checkTownship(ctx.db, actor.orgId, query.townshipId);
  return requestFiguresOf(ctx.db, actor.orgId, p, now, query.townshipId);
}

/** The township a figure is narrowed to, of this org; its name (or null without one). */
export async function checkTownship(db: Executor, orgId: string, townshipId: string | undefined) {
  if (!townshipId) return null;
  const [t] = await rowsOf<{ name: string }>(db, sql`select name from place where id = ${townshipId} and org_id = ${orgId} and kind = 'township'`);
  if (!t) throw fieldError('townshipId', '乡镇不存在或不属于本组织');
  return t.name;
}
