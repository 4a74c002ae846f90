import { sql, type SQL } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { readsOrg } from './opinion.access.js';
import { OPINION_STATUS_LABELS, type OpinionListItem, type OpinionListQuery, type OpinionStatus } from './opinion.schema.js';
import { recordSummarySql, sortLevels } from './opinion.view.js';

const authoredBy = (actor: OrgActor) =>
  sql`exists(select 1 from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id
    where a.report_id = r.id and m.org_id = ${actor.orgId} and p.account_id = ${actor.accountId})`;

/** Which reports a scope covers; org and forwarded are for staff and leaders. */
function scopeWhere(actor: OrgActor, scope: NonNullable<OpinionListQuery['scope']>): SQL {
  if (scope === 'mine') return authoredBy(actor);
  if (!readsOrg(actor)) throw forbidden('委员只能查看自己撰写或联名的社情民意信息');
  if (scope === 'org') return sql`r.org_id = ${actor.orgId} and r.status <> 'draft'`;
  return sql`r.org_id <> ${actor.orgId} and (r.forwarded_to_org_id = ${actor.orgId}
    or exists(select 1 from opinion_report_record x where x.report_id = r.id and x.org_id = ${actor.orgId}))`;
}

interface ListRow extends Omit<OpinionListItem, 'statusLabel' | 'submittedAt' | 'decidedAt' | 'createdAt' | 'updatedAt'> {
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Reports by scope, status, words of the title or an author's name, and year (of submission, or of
 * writing for drafts). Reports waiting for this org come first. Two statements whatever the page size.
 */
export async function listReports(ctx: Ctx, q: OpinionListQuery): Promise<Page<OpinionListItem>> {
  const actor = requireAccess(ctx.actor, 'opinion.read');
  const scope = q.scope ?? (readsOrg(actor) ? 'org' : 'mine');
  const conds: SQL[] = [scopeWhere(actor, scope)];
  if (q.status) conds.push(sql`r.status = ${q.status}`);
  if (q.q)
    conds.push(sql`(r.title ilike ${containing(q.q)} or exists(select 1 from opinion_report_author a join member m on m.id = a.member_id
      join person p on p.id = m.person_id where a.report_id = r.id and p.name ilike ${containing(q.q)}))`);
  if (q.year) conds.push(sql`extract(year from coalesce(r.submitted_at, r.created_at) at time zone 'Asia/Shanghai') = ${q.year}`);
  const where = sql.join(conds, sql` and `);
  const pending = sql`((r.status = 'submitted' and r.org_id = ${actor.orgId}) or (r.status = 'forwarded' and r.forwarded_to_org_id = ${actor.orgId}))`;
  const [rows, [{ total }]] = await Promise.all([
    rowsOf<ListRow>(
      ctx.db,
      sql`select r.id, r.title, r.status, json_build_object('id', o.id, 'name', o.short_name) as org,
          coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name) order by a.position)
            from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id where a.report_id = r.id), '[]'::json) as authors,
          (select json_build_object('id', f.id, 'name', f.short_name) from org f where f.id = r.forwarded_to_org_id) as "forwardedTo",
          r.submitted_at as "submittedAt", r.decided_at as "decidedAt", r.created_at as "createdAt", r.updated_at as "updatedAt",
          ${recordSummarySql}
        from opinion_report r join org o on o.id = r.org_id
        where ${where}
        order by case when ${pending} then 0 else 1 end, coalesce(r.submitted_at, r.created_at) desc, r.id
        limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
    rowsOf<{ total: number }>(ctx.db, sql`select count(*)::int as total from opinion_report r where ${where}`),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      statusLabel: OPINION_STATUS_LABELS[r.status as OpinionStatus],
      adoptedLevels: sortLevels(r.adoptedLevels),
      submittedAt: iso(r.submittedAt),
      decidedAt: iso(r.decidedAt),
      createdAt: iso(r.createdAt)!,
      updatedAt: iso(r.updatedAt)!,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
