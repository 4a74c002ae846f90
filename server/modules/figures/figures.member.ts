import { sql } from 'drizzle-orm';
import { can, requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { actorMemberId } from '../member/member.actor.js';
import type { MemberFigures, MemberFiguresQuery, PerLevel, RequestStats } from './figures.schema.js';
import { chinaDay, perLevelSql, requestStatsSql, withRate, yearPeriod, type Period } from './figures.sql.js';

export interface MemberRow {
  id: string;
  name: string;
  sector: string;
  status: string;
  requests: Omit<RequestStats, 'satisfactionRate' | 'onTimeRate'>;
  written: number;
  cowritten: number;
  adopted: PerLevel;
  instructed: PerLevel;
}

/**
 * Duty figures per member in one statement: concerns they were responsible for (raised in the
 * period), reports they wrote or co-wrote (submitted in the period), adoptions and instructions of
 * their reports (dated in the period). All members, or one.
 */
export function memberFiguresOf(db: Executor, orgId: string, p: Period, now: Date, memberId?: string) {
  const start = sql`${p.start.toISOString()}::timestamptz`;
  const end = sql`${p.end.toISOString()}::timestamptz`;
  return rowsOf<MemberRow>(
    db,
    sql`select m.id, p.name, s.name as sector, m.status, row_to_json(rq) as requests, op.written, op.cowritten, rec.adopted, rec.instructed
      from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id
      cross join lateral (select ${requestStatsSql(now)} from request q
        where q.member_id = m.id and q.org_id = ${orgId} and q.created_at >= ${start} and q.created_at < ${end}) rq
      cross join lateral (select (count(distinct r.id) filter (where a.position = 0))::int as written, (count(distinct r.id) filter (where a.position > 0))::int as cowritten
        from opinion_report_author a join opinion_report r on r.id = a.report_id
        where a.member_id = m.id and r.submitted_at >= ${start} and r.submitted_at < ${end}) op
      cross join lateral (select ${perLevelSql('adopted')} as adopted, ${perLevelSql('instructed')} as instructed
        from opinion_report_author a join opinion_report_record x on x.report_id = a.report_id
        where a.member_id = m.id and x.on between ${p.from}::date and ${p.to}::date) rec
      where m.org_id = ${orgId} ${memberId ? sql`and m.id = ${memberId}` : sql``}
      order by s.sort, m.standing desc, p.name_pinyin`,
  );
}

/**
 * One member's figures for a year. Staff and leaders (figures.read) see any member of the org; a
 * member sees only their own: satisfaction and adoption counts are an assessment of a person.
 */
export async function memberFigures(ctx: Ctx, memberId: string, q: MemberFiguresQuery): Promise<MemberFigures> {
  const actor = requireAccess(ctx.actor, 'member.read');
  if (!can(actor, 'figures.read') && (await actorMemberId(ctx.db, actor)) !== memberId) throw forbidden('委员只能查看本人的履职统计');
  const now = ctx.clock.now();
  const year = q.year ?? Number(chinaDay(now).slice(0, 4));
  const [m] = await memberFiguresOf(ctx.db, actor.orgId, yearPeriod(year), now, memberId);
  if (!m) throw notFound('委员不存在或不属于本组织');
  return {
    member: { id: m.id, name: m.name, sector: m.sector },
    year,
    requests: withRate(m.requests),
    opinions: { written: m.written, cowritten: m.cowritten, adopted: m.adopted, instructed: m.instructed },
  };
}
