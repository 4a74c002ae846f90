import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { addDays, chinaDate } from '../../core/workdays.js';
import { rulesOf } from './proposal.access.js';
import { assignmentsWithReplies, currentReplies, percentOf } from './proposal.report.js';
import type { ProposalFigures } from './proposal.schema.js';

export const ProposalFiguresQuery = z.object({ sessionId: z.uuid({ message: '会议编号无效' }).optional() });
export type ProposalFiguresQuery = z.infer<typeof ProposalFiguresQuery>;

/**
 * The proposals of one session in figures (default: the session proposals go to now — the one whose
 * collection window holds today, else the latest that has begun). Counts are of proposals by their
 * current status (drafts left out); overdue: proposals with a replying unit past its deadline and no
 * reply; key: approved key proposals; the rates as in the unit report (proposal.report.ts). Four queries.
 */
export async function proposalFigures(ctx: Ctx, q: ProposalFiguresQuery): Promise<ProposalFigures> {
  const actor = requireAccess(ctx.actor, 'figures.read');
  const today = chinaDate(ctx.clock.now());
  const { rules } = await rulesOf(ctx.db, actor.orgId);
  const windowEnd = addDays(today, rules.plenaryWindowDays);
  const [session] = await rowsOf<{ id: string }>(
    ctx.db,
    q.sessionId
      ? sql`select id from plenary_session where id = ${q.sessionId} and org_id = ${actor.orgId}`
      : sql`select id from plenary_session where org_id = ${actor.orgId}
          order by (start_date <= ${windowEnd}::date and coalesce(end_date, start_date) >= ${today}::date) desc, (start_date <= ${today}::date) desc, start_date desc limit 1`,
  );
  if (q.sessionId && !session) throw notFound('会议不存在');
  const empty: ProposalFigures = {
    sessionId: null,
    ...{ submitted: 0, filed: 0, declined: 0, converted: 0, merged: 0, assigned: 0, replied: 0, closed: 0, overdue: 0, key: 0 },
    satisfactionRate: null,
    onTimeRate: null,
    byCategory: [],
    byReplyCategory: rules.replyCategories.map((c) => ({ code: c.code, label: c.label, count: 0 })),
  };
  if (!session) return empty;
  const inSession = sql`x.org_id = ${actor.orgId} and x.session_id = ${session.id} and x.status <> 'draft'`;
  const [[f], categories, replyCategories] = [
    await rowsOf<Record<'submitted' | 'filed' | 'declined' | 'converted' | 'merged' | 'assigned' | 'replied' | 'closed' | 'key' | 'overdue' | 'on_time' | 'replied_units' | 'overdue_units' | 'rated' | 'content', number>>(
      ctx.db,
      sql`with a as (${assignmentsWithReplies(sql`pa.proposal_id in (select x.id from proposal x where ${inSession})`)}),
        p as (select
            (count(*) filter (where x.status = 'submitted'))::int as submitted,
            (count(*) filter (where x.status = 'filed'))::int as filed,
            (count(*) filter (where x.status = 'declined'))::int as declined,
            (count(*) filter (where x.status = 'converted'))::int as converted,
            (count(*) filter (where x.status = 'merged'))::int as merged,
            (count(*) filter (where x.status = 'assigned'))::int as assigned,
            (count(*) filter (where x.status = 'replied'))::int as replied,
            (count(*) filter (where x.status = 'closed'))::int as closed,
            (count(*) filter (where x.key_status = 'approved'))::int as key
          from proposal x where ${inSession}),
        h as (select
            (count(distinct a.proposal_id) filter (where a.replying and a.first_reply is null and a.due_on < ${today}::date))::int as overdue,
            (count(*) filter (where a.replying and a.first_reply <= a.due_on))::int as on_time,
            (count(*) filter (where a.replying and a.first_reply is not null))::int as replied_units,
            (count(*) filter (where a.replying and a.first_reply is null and a.due_on < ${today}::date))::int as overdue_units
          from a),
        r as (select count(*)::int as rated, (count(*) filter (where t.result in ('satisfied', 'basic')))::int as content
          from proposal_rating t join proposal_reply rp on rp.id = t.reply_id join a on a.id = rp.assignment_id)
      select * from p, h, r`,
    ),
    await rowsOf<{ name: string; count: number }>(ctx.db, sql`select x.category as name, count(*)::int as count from proposal x where ${inSession} group by x.category order by count desc, x.category collate "C"`),
    await rowsOf<{ code: string; count: number }>(
      ctx.db,
      sql`with a as (${assignmentsWithReplies(sql`pa.proposal_id in (select x.id from proposal x where ${inSession})`)}), cur as (${currentReplies})
        select category as code, count(*)::int as count from cur where category is not null group by category`,
    ),
  ];
  const countOf = (code: string) => replyCategories.find((c) => c.code === code)?.count ?? 0;
  const known = new Set(rules.replyCategories.map((c) => c.code));
  return {
    sessionId: session.id,
    submitted: f.submitted,
    filed: f.filed,
    declined: f.declined,
    converted: f.converted,
    merged: f.merged,
    assigned: f.assigned,
    replied: f.replied,
    closed: f.closed,
    overdue: f.overdue,
    key: f.key,
    satisfactionRate: percentOf(f.content, f.rated),
    onTimeRate: percentOf(f.on_time, f.replied_units + f.overdue_units),
    byCategory: categories,
    byReplyCategory: [
      ...rules.replyCategories.map((c) => ({ code: c.code, label: c.label, count: countOf(c.code) })),
      ...replyCategories.filter((c) => !known.has(c.code)).map((c) => ({ code: c.code, label: c.code, count: c.count })),
    ],
  };
}
