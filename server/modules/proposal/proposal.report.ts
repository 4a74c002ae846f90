import { sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import type { UnitReportRow } from './proposal.schema.js';

/**
 * 承办单位年度办理情况: per unit, the assignments made to it in the year (China time) and how they
 * went. Shared definitions (also used by the figures):
 * - a replying assignment is a sole / lead / separate one (co-handling units send input, not replies);
 * - replied: it has a sent reply letter (a reply staff sent back does not count); on time: the first
 *   such letter was sent (China date) on or before the assignment's deadline;
 * - overdue: replying, no sent reply yet, and the deadline is before today;
 * - on-time rate: on time ÷ (replied + overdue), percent with one decimal;
 * - satisfaction: the proposers' ratings of the result, (满意 + 基本满意) ÷ ratings;
 * - categories: the reply category of each assignment's latest sent letter.
 * One statement for the whole report.
 */

/** part ÷ whole in percent with one decimal; null when there is nothing to divide by */
export const percentOf = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

/** Assignments (alias the result `a`) with `replying` and `first_reply` (the first sent letter's China date); `where` filters `pa`. */
export const assignmentsWithReplies = (where: SQL) => sql`
  select pa.*, pa.role <> 'co' and pa.status <> 'withdrawn' as replying,
    (select min(r.sent_at at time zone 'Asia/Shanghai')::date from proposal_reply r where r.assignment_id = pa.id and r.kind = 'reply' and r.status = 'sent') as first_reply
  from proposal_assignment pa where ${where}`;

/** Each assignment's latest sent reply letter, from the assignments `a`: (assignment_id, unit_id, category). */
export const currentReplies = sql`
  select distinct on (r.assignment_id) r.assignment_id, a.unit_id, r.category
  from proposal_reply r join a on a.id = r.assignment_id
  where a.replying and r.kind = 'reply' and r.status = 'sent'
  order by r.assignment_id, r.round desc, r.sent_at desc`;

interface Raw {
  id: string;
  name: string;
  assigned: number;
  as_lead: number;
  as_co: number;
  replied: number;
  on_time: number;
  overdue: number;
  objections: number;
  extensions: number;
  categories: Record<string, number> | null;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  rehandled: number;
}

/** The year's report for every unit that is active or was assigned something that year, in the units' order. */
export async function unitReport(ctx: Ctx, year: number): Promise<{ year: number; rows: UnitReportRow[] }> {
  const actor = requireAccess(ctx.actor, 'figures.read');
  const start = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
  const end = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
  const today = chinaDate(ctx.clock.now());
  const rows = await rowsOf<Raw>(
    ctx.db,
    sql`with a as (${assignmentsWithReplies(sql`pa.org_id = ${actor.orgId} and pa.assigned_at >= ${start}::timestamptz and pa.assigned_at < ${end}::timestamptz`)}),
      ext as (select a.unit_id, count(*)::int as n from proposal_extension e join a on a.id = e.assignment_id where e.status = 'approved' group by a.unit_id),
      rat as (select a.unit_id,
          (count(*) filter (where t.result = 'satisfied'))::int as satisfied,
          (count(*) filter (where t.result = 'basic'))::int as basic,
          (count(*) filter (where t.result = 'unsatisfied'))::int as unsatisfied
        from proposal_rating t join proposal_reply r on r.id = t.reply_id join a on a.id = r.assignment_id group by a.unit_id),
      cur as (${currentReplies}),
      cat as (select unit_id, json_object_agg(category, n) as categories from (select unit_id, category, count(*)::int as n from cur where category is not null group by unit_id, category) c group by unit_id),
      agg as (select a.unit_id,
          (count(*) filter (where a.status <> 'withdrawn'))::int as assigned,
          (count(*) filter (where a.replying))::int as as_lead,
          (count(*) filter (where a.role = 'co' and a.status <> 'withdrawn'))::int as as_co,
          (count(*) filter (where a.replying and a.first_reply is not null))::int as replied,
          (count(*) filter (where a.replying and a.first_reply <= a.due_on))::int as on_time,
          (count(*) filter (where a.replying and a.first_reply is null and a.due_on < ${today}::date))::int as overdue,
          (count(*) filter (where a.objected_at is not null))::int as objections,
          (count(*) filter (where a.status <> 'withdrawn' and a.round > 1))::int as rehandled
        from a group by a.unit_id)
    select u.id, u.name, coalesce(agg.assigned, 0) as assigned, coalesce(agg.as_lead, 0) as as_lead, coalesce(agg.as_co, 0) as as_co,
      coalesce(agg.replied, 0) as replied, coalesce(agg.on_time, 0) as on_time, coalesce(agg.overdue, 0) as overdue,
      coalesce(agg.objections, 0) as objections, coalesce(ext.n, 0) as extensions, cat.categories,
      coalesce(rat.satisfied, 0) as satisfied, coalesce(rat.basic, 0) as basic, coalesce(rat.unsatisfied, 0) as unsatisfied, coalesce(agg.rehandled, 0) as rehandled
    from handling_unit u left join agg on agg.unit_id = u.id left join ext on ext.unit_id = u.id left join rat on rat.unit_id = u.id left join cat on cat.unit_id = u.id
    where u.org_id = ${actor.orgId} and (u.active or agg.unit_id is not null)
    order by u.sort, u.name, u.id`,
  );
  return {
    year,
    rows: rows.map((r) => {
      const rated = r.satisfied + r.basic + r.unsatisfied;
      return {
        unit: { id: r.id, name: r.name },
        assigned: r.assigned,
        asLead: r.as_lead,
        asCo: r.as_co,
        replied: r.replied,
        repliedOnTime: r.on_time,
        onTimeRate: percentOf(r.on_time, r.replied + r.overdue),
        overdue: r.overdue,
        objections: r.objections,
        extensions: r.extensions,
        categories: r.categories ?? {},
        satisfied: r.satisfied,
        basic: r.basic,
        unsatisfied: r.unsatisfied,
        satisfactionRate: percentOf(r.satisfied + r.basic, rated),
        rehandled: r.rehandled,
      };
    }),
  };
}
