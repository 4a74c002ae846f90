import { sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { offsetOf } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { highlight, snippetOf } from './search.highlight.js';
import type { SearchKind } from './search.index.js';
import type { SearchHit, SearchPage, SearchQuery } from './search.schema.js';
import { findMatches, matchOf, WINDOW, type HitRow } from './search.sql.js';
import { similarTo } from './search.similar.js';

/**
 * The one search across concerns and opinion reports of the actor's org.
 *
 * Who sees what: staff, leaders and admins every item of the org; a member (with no other role) every
 * concern of the org (members answer them) but only the opinion reports they (co-)author — others'
 * drafts and decisions are the office's business.
 */
export async function searchItems(ctx: Ctx, q: SearchQuery): Promise<SearchPage> {
  const actor = requireAccess(ctx.actor, 'search.read');
  const m = matchOf(q.q);
  const filters = sql.join([sql`d.org_id = ${actor.orgId}`, ...filtersOf(q), ...visibleTo(actor)], sql` and `);
  const now = ctx.clock.now();
  const until = q.to ? new Date(Math.min(now.getTime(), dayStart(q.to).getTime() + 86_400_000)) : now;
  const found = await findMatches(ctx.db, actor.orgId, filters, m, { sort: q.sort, limit: q.pageSize, offset: offsetOf(q), from: q.from ? dayStart(q.from) : undefined, until });
  return {
    items: found.rows.map((r) => present(r, m.marks)),
    total: found.total,
    totalEstimated: found.totalEstimated,
    browsable: Math.min(found.total, WINDOW),
    page: q.page,
    pageSize: q.pageSize,
    words: m.terms.map((t) => t.word),
  };
}

/** Items like the given one (any kind, not itself), best first; up to 8. */
export async function similarItems(ctx: Ctx, kind: SearchKind, id: string) {
  const actor = requireAccess(ctx.actor, 'search.read');
  const [item] = await rowsOf<{ title: string; body: string }>(
    ctx.db,
    sql`select d.title, d.body from search_doc d where d.kind = ${kind} and d.ref_id = ${id} and ${sql.join([sql`d.org_id = ${actor.orgId}`, ...visibleTo(actor)], sql` and `)}`,
  );
  if (!item) throw notFound('要查找相似内容的条目不存在');
  const others = sql.join([sql`d.org_id = ${actor.orgId}`, sql`not (d.kind = ${kind} and d.ref_id = ${id})`, ...visibleTo(actor)], sql` and `);
  const found = await similarTo(ctx.db, item, others, 8, ctx.clock.now());
  return { items: found.rows.map((r) => present(r, found.words)), words: found.words };
}

/**
 * Concerns: everyone who may search. Opinion reports: their authors always; those who review the org's
 * reports (opinion.review) once they are submitted — a draft is its authors' own, as on the report pages.
 * Proposals: their signers always; staff and leaders all but drafts; members every proposal from 'filed' on
 * (finding earlier proposals and their replies), as on the proposal pages.
 */
function visibleTo(actor: OrgActor): SQL[] {
  const mine = sql`exists (select 1 from opinion_report_author a join member mb on mb.id = a.member_id join person p on p.id = mb.person_id
      where a.report_id = d.ref_id and p.account_id = ${actor.accountId})`;
  const reports = can(actor, 'opinion.review') ? sql`(d.status <> 'draft' or ${mine})` : mine;
  const signed = sql`exists (select 1 from proposal_signer ps join member mb on mb.id = ps.member_id join person p on p.id = mb.person_id
      where ps.proposal_id = d.ref_id and p.account_id = ${actor.accountId})`;
  const proposals =
    can(actor, 'proposal.manage') || actor.roles.includes('leader')
      ? sql`(d.status <> 'draft' or ${signed})`
      : sql`(d.status in ('filed','merged','assigned','replied','closed') or ${signed})`;
  return [sql`(d.kind = 'request' or (d.kind = 'opinion_report' and ${reports}) or (d.kind = 'proposal' and ${proposals}))`];
}

/** Days are China's (UTC+8). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** `to` includes the whole day. */
function filtersOf(q: SearchQuery): SQL[] {
  const f: SQL[] = [];
  if (q.kind) f.push(sql`d.kind = ${q.kind}`);
  if (q.status) f.push(sql`d.status = ${q.status}`);
  if (q.category) f.push(sql`d.category = ${q.category}`);
  if (q.placeId) f.push(sql`(d.place_id = ${q.placeId} or d.township_id = ${q.placeId})`);
  if (q.from) f.push(sql`d.created_at >= ${dayStart(q.from).toISOString()}`);
  if (q.to) f.push(sql`d.created_at < ${new Date(dayStart(q.to).getTime() + 86_400_000).toISOString()}`);
  return f;
}

const iso = (d: string | Date) => new Date(d).toISOString();

/** A row as the API shows it: the title and a snippet of the text around the first match, both highlighted. */
export function present(r: HitRow, marks: string[]): SearchHit {
  const snippet = snippetOf(r.body, marks);
  return {
    kind: r.kind,
    refId: r.refId,
    title: r.title,
    snippet,
    titleHighlights: highlight(r.title, marks),
    snippetHighlights: highlight(snippet, marks),
    status: r.status,
    category: r.category,
    placeName: r.placeName,
    createdAt: iso(r.createdAt),
    score: Math.round(Number(r.score) * 1e4) / 1e4,
  };
}
