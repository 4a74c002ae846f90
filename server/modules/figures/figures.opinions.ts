import { sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import type { OpinionFigures, PerLevel, PeriodQuery } from './figures.schema.js';
import { monthSql, monthsOf, perLevelSql, periodOf, type Period } from './figures.sql.js';

/**
 * Figures of the org's own reports: written by the date submitted, adopted and instructed (distinct
 * reports per level) by the date of the adoption or instruction, whichever org recorded it.
 */
export async function opinionFiguresOf(db: Executor, orgId: string, p: Period, top = 20): Promise<OpinionFigures> {
  const submitted = sql`r.submitted_at >= ${p.start.toISOString()}::timestamptz and r.submitted_at < ${p.end.toISOString()}::timestamptz`;
  const inPeriod = sql`x.on between ${p.from}::date and ${p.to}::date`;
  const recordIn = (kind: string) => sql`exists(select 1 from opinion_report_record x where x.report_id = r.id and x.kind = ${kind} and ${inPeriod})`;
  const [[counts], [records], byMember, written, recorded] = await Promise.all([
    rowsOf<{ written: number; declined: number }>(
      db,
      sql`select (count(*) filter (where ${submitted}))::int as written,
          (count(*) filter (where r.status = 'declined' and r.decided_at >= ${p.start.toISOString()}::timestamptz and r.decided_at < ${p.end.toISOString()}::timestamptz))::int as declined
        from opinion_report r where r.org_id = ${orgId}`,
    ),
    rowsOf<{ adopted: PerLevel; instructed: PerLevel; adoptedAny: number }>(
      db,
      sql`select ${perLevelSql('adopted')} as adopted, ${perLevelSql('instructed')} as instructed,
          (count(distinct x.report_id) filter (where x.kind = 'adopted'))::int as "adoptedAny"
        from opinion_report_record x join opinion_report r on r.id = x.report_id where r.org_id = ${orgId} and ${inPeriod}`,
    ),
    rowsOf<OpinionFigures['byMember'][number]>(
      db,
      sql`select * from (select m.id, p.name, s.name as sector, p.name_pinyin,
            (count(distinct r.id) filter (where ${submitted}))::int as written,
            (count(distinct r.id) filter (where ${recordIn('adopted')}))::int as adopted,
            (count(distinct r.id) filter (where ${recordIn('instructed')}))::int as instructed
          from opinion_report_author a join opinion_report r on r.id = a.report_id
          join member m on m.id = a.member_id join person p on p.id = m.person_id join sector s on s.id = m.sector_id
          where r.org_id = ${orgId} group by m.id, p.name, s.name, p.name_pinyin) t
        where written + adopted + instructed > 0
        order by adopted desc, instructed desc, written desc, name_pinyin limit ${top}`,
    ),
    rowsOf<{ month: string; n: number }>(db, sql`select ${monthSql(sql`r.submitted_at`)} as month, count(*)::int as n from opinion_report r where r.org_id = ${orgId} and ${submitted} group by 1`),
    rowsOf<{ month: string; adopted: number; instructed: number }>(
      db,
      sql`select to_char(x.on, 'YYYY-MM') as month, (count(distinct x.report_id) filter (where x.kind = 'adopted'))::int as adopted,
          (count(distinct x.report_id) filter (where x.kind = 'instructed'))::int as instructed
        from opinion_report_record x join opinion_report r on r.id = x.report_id where r.org_id = ${orgId} and ${inPeriod} group by 1`,
    ),
  ]);
  return {
    from: p.from,
    to: p.to,
    written: counts.written,
    declined: counts.declined,
    adoptedAny: records.adoptedAny,
    adopted: records.adopted,
    instructed: records.instructed,
    byMember: byMember.map(({ id, name, sector, written, adopted, instructed }) => ({ id, name, sector, written, adopted, instructed })),
    monthly: monthsOf(p).map((month) => {
      const r = recorded.find((x) => x.month === month);
      return { month, written: written.find((x) => x.month === month)?.n ?? 0, adopted: r?.adopted ?? 0, instructed: r?.instructed ?? 0 };
    }),
  };
}

export async function opinionFigures(ctx: Ctx, q: PeriodQuery): Promise<OpinionFigures> {
  const actor = requireAccess(ctx.actor, 'figures.read');
  return opinionFiguresOf(ctx.db, actor.orgId, periodOf(q, ctx.clock.now()));
}
