import { sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { itemColumns, itemOf, type ItemRow } from './proposal.item.js';
import type { ProposalListItem, ProposalListQuery, ProposalScope } from './proposal.schema.js';
import { viewerOf, visibleSql, type Viewer } from './proposal.visible.js';

/**
 * The proposal lists: one count and one page query (each item's units and ratings as sub-selects),
 * always within what the viewer may see; the scope narrows it to a desk's work.
 */
const MEMBER_SCOPES: ProposalScope[] = ['mine', 'invitations', 'torate'];
const OFFICE_SCOPES: ProposalScope[] = ['review', 'board', 'objections', 'supervised'];

function checkScope(v: Viewer, scope: ProposalScope) {
  if (MEMBER_SCOPES.includes(scope) && !v.memberId) throw forbidden('只有本组织的在任委员可以查看自己的提案');
  if (scope === 'unit' && !v.unitId) throw forbidden('您的账号尚未关联承办单位，请联系政协机关提案委', 'NO_UNIT');
  if (OFFICE_SCOPES.includes(scope) && !v.reader) throw forbidden('只有政协机关和领导可以查看这个列表');
  if (scope === 'overdue' && !v.reader && !v.unitId) throw forbidden('只有政协机关、领导和承办单位可以查看逾期提案');
}

/** The current replies of x (of its main proposal when merged) that `memberId` has not rated yet. */
const unratedSql = (memberId: string) => sql`exists (select 1 from proposal_reply y join proposal_assignment a on a.id = y.assignment_id
  where y.proposal_id = coalesce(x.merged_into_id, x.id) and y.status = 'sent' and y.kind = 'reply' and y.round = a.round and a.status <> 'withdrawn'
    and not exists (select 1 from proposal_rating g where g.reply_id = y.id and g.member_id = ${memberId}))`;

function scopeSql(v: Viewer, scope: ProposalScope, today: string, now: Date): SQL {
  const me = v.memberId;
  const overdueOf = (unit: SQL) => sql`exists (select 1 from proposal_assignment a where a.proposal_id = x.id and a.status in ('handling','objected') and a.due_on < ${today} ${unit})`;
  switch (scope) {
    case 'mine':
      return sql`exists (select 1 from proposal_signer s where s.proposal_id = x.id and s.member_id = ${me} and s.status = 'confirmed')`;
    case 'invitations':
      return sql`x.status in ('draft','returned') and (x.co_sign_due_at is null or x.co_sign_due_at > ${now.toISOString()})
        and exists (select 1 from proposal_signer s where s.proposal_id = x.id and s.member_id = ${me} and s.status = 'invited')`;
    case 'torate':
      return sql`exists (select 1 from proposal_signer s where s.proposal_id = x.id and s.member_id = ${me} and s.status = 'confirmed')
        and coalesce((select m.status from proposal m where m.id = x.merged_into_id), x.status) in ('replied','closed') and ${unratedSql(me!)}`;
    case 'unit':
      return sql`exists (select 1 from proposal_assignment a where a.proposal_id = x.id and a.unit_id = ${v.unitId} and a.status <> 'withdrawn')`;
    case 'review':
      return sql`x.status = 'submitted'`;
    case 'board':
      return sql`x.status = 'filed'`;
    case 'overdue':
      return v.reader ? overdueOf(sql``) : overdueOf(sql`and a.unit_id = ${v.unitId}`);
    case 'objections':
      return sql`(exists (select 1 from proposal_assignment a where a.proposal_id = x.id and a.status = 'objected')
        or exists (select 1 from proposal_extension e where e.proposal_id = x.id and e.status = 'pending'))`;
    case 'key':
      return sql`x.key_status is not null`;
    case 'supervised':
      return sql`x.key_status is not null and exists (select 1 from proposal_supervisor s where s.proposal_id = x.id and s.account_id = ${v.actor.accountId})`;
    case 'all':
      return sql`true`;
  }
}

function orderSql(scope: ProposalScope): SQL {
  if (scope === 'review') return sql`x.submitted_at, x.id`;
  if (scope === 'board') return sql`x.number, x.id`;
  return sql`coalesce(x.submitted_at, x.created_at) desc, x.id`;
}

/** `q`: words of the title, or a number (12, 0012, 第0012号). */
function searchSql(q: string): SQL {
  const digits = q.replace(/^第|号$/g, '');
  const byNumber = /^\d{1,6}$/.test(digits) ? sql` or x.number = ${Number(digits)}` : sql``;
  return sql`(x.title ilike ${containing(q)}${byNumber})`;
}

/**
 * The WHERE of a list over `proposal x` as the viewer may see it, scope and filters applied (the Excel
 * export uses the same). Throws 403 for a scope that is not the viewer's.
 */
export function listWhere(v: Viewer, q: Omit<ProposalListQuery, 'page' | 'pageSize'>, now: Date): SQL {
  checkScope(v, q.scope);
  return sql.join([sql`x.org_id = ${v.actor.orgId}`, visibleSql(v), scopeSql(v, q.scope, chinaDate(now), now), ...filtersOf(q)], sql` and `);
}

function filtersOf(q: Omit<ProposalListQuery, 'page' | 'pageSize'>): SQL[] {
  return [
      q.status ? sql`x.status = ${q.status}` : null,
      q.sessionId ? sql`x.session_id = ${q.sessionId}` : null,
      q.termId ? sql`x.term_id = ${q.termId}` : null,
      q.kind ? sql`x.kind = ${q.kind}` : null,
      q.category ? sql`x.category = ${q.category}` : null,
      q.unitId
        ? sql`exists (select 1 from proposal_assignment a where a.proposal_id = coalesce(x.merged_into_id, x.id) and a.unit_id = ${q.unitId} and a.status <> 'withdrawn')`
        : null,
      q.q ? searchSql(q.q) : null,
    ].filter((c): c is SQL => !!c);
}

export async function listProposals(ctx: Ctx, q: ProposalListQuery): Promise<Page<ProposalListItem>> {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const v = await viewerOf(ctx.db, actor);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  if (q.scope === 'unit') return unitQueue(ctx, v, q, today);
  const where = listWhere(v, q, now);
  const [{ n }] = await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposal x where ${where}`);
  const rows = n
    ? await rowsOf<ItemRow>(ctx.db, sql`select ${itemColumns(v.memberId)} from proposal x where ${where} order by ${orderSql(q.scope)} limit ${q.pageSize} offset ${offsetOf(q)}`)
    : [];
  return { items: rows.map((r) => itemOf(r, today)), total: n, page: q.page, pageSize: q.pageSize };
}

const OPEN = sql`('handling','objected')`;

/**
 * A unit's queue: its open parts by deadline (the overdue ones come first by themselves), then the
 * finished ones, latest first. It starts from the unit's own assignments (their index) rather than
 * testing every proposal of the org, and reads the finished ones only when a page reaches them: at
 * 50,000 proposals that is the difference between 250 ms and a few. Every row is visible to the unit.
 */
async function unitQueue(ctx: Ctx, v: Viewer, q: ProposalListQuery, today: string): Promise<Page<ProposalListItem>> {
  checkScope(v, q.scope);
  const filters = filtersOf(q);
  const mine = sql`m.org_id = ${v.actor.orgId} and m.unit_id = ${v.unitId} and m.status <> 'withdrawn'`;
  const where = sql.join([mine, ...filters], sql` and `);
  const from = filters.length ? sql`proposal_assignment m join proposal x on x.id = m.proposal_id` : sql`proposal_assignment m`;
  const [{ open, total }] = await rowsOf<{ open: number; total: number }>(
    ctx.db,
    sql`select (count(*) filter (where m.status in ${OPEN}))::int as open, count(*)::int as total from ${from} where ${where}`,
  );
  const start = offsetOf(q);
  const page = (status: SQL, order: SQL, limit: number, offset: number) =>
    rowsOf<ItemRow>(
      ctx.db,
      sql`select ${itemColumns(v.memberId)} from proposal_assignment m join proposal x on x.id = m.proposal_id
        where ${where} and m.status ${status} order by ${order} limit ${limit} offset ${offset}`,
    );
  const rows: ItemRow[] = [];
  if (start < open) rows.push(...(await page(sql`in ${OPEN}`, sql`m.due_on, x.number, x.id`, Math.min(q.pageSize, open - start), start)));
  const more = Math.min(q.pageSize - rows.length, total - Math.max(start, open));
  if (more > 0) rows.push(...(await page(sql`not in ${OPEN}`, sql`m.due_on desc, x.number desc, x.id`, more, Math.max(0, start - open))));
  return { items: rows.map((r) => itemOf(r, today)), total, page: q.page, pageSize: q.pageSize };
}
