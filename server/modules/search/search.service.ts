import { sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { offsetOf } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { viewerOf, visibleSql } from '../proposal/proposal.visible.js';
import { requestIdVisibleSql } from '../request/request.visible.js';
import { highlight, snippetOf } from './search.highlight.js';
import type { SearchKind } from './search.index.js';
import type { SearchHit, SearchPage, SearchQuery } from './search.schema.js';
import { findMatches, matchOf, WINDOW, type HitRow } from './search.sql.js';
import { similarTo } from './search.similar.js';

/** The one search across the concerns, opinion reports and proposals of the actor's org that the actor may open (visibleTo). */
export async function searchItems(ctx: Ctx, q: SearchQuery): Promise<SearchPage> {
  const actor = requireAccess(ctx.actor, 'search.read');
  const m = matchOf(q.q);
  const filters = sql.join([sql`d.org_id = ${actor.orgId}`, ...filtersOf(q), ...(await visibleTo(ctx.db, actor))], sql` and `);
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
  const visible = await visibleTo(ctx.db, actor);
  const [item] = await rowsOf<{ title: string; body: string }>(
    ctx.db,
    sql`select d.title, d.body from search_doc d where d.kind = ${kind} and d.ref_id = ${id} and ${sql.join([sql`d.org_id = ${actor.orgId}`, ...visible], sql` and `)}`,
  );
  if (!item) throw notFound('要查找相似内容的条目不存在');
  const others = sql.join([sql`d.org_id = ${actor.orgId}`, sql`not (d.kind = ${kind} and d.ref_id = ${id})`, ...visible], sql` and `);
  const found = await similarTo(ctx.db, item, others, 8, ctx.clock.now());
  return { items: found.rows.map((r) => present(r, found.words)), words: found.words };
}

/**
 * What the actor finds is what the item's own page shows them, by that page's rule: concerns by the
 * concern module's (request.visible.ts: staff every one, a member their group's, their own and the
 * published ones), proposals by the proposal module's (proposal.visible.ts), opinion reports as on the
 * report pages (opinion.access.ts canSee): their authors always, those who review the org's reports
 * (opinion.review) once they are submitted — a draft is its authors' own.
 */
async function visibleTo(db: Executor, actor: OrgActor): Promise<SQL[]> {
  const requests = requestIdVisibleSql(actor, sql`d.ref_id`);
  const mine = sql`exists (select 1 from opinion_report_author a join member mb on mb.id = a.member_id join person p on p.id = mb.person_id
      where a.report_id = d.ref_id and p.account_id = ${actor.accountId})`;
  const reports = can(actor, 'opinion.review') ? sql`(d.status <> 'draft' or ${mine})` : mine;
  const proposals = sql`exists (select 1 from proposal x where x.id = d.ref_id and ${visibleSql(await viewerOf(db, actor), 'x')})`;
  return [sql`((d.kind = 'request' and ${requests}) or (d.kind = 'opinion_report' and ${reports}) or (d.kind = 'proposal' and ${proposals}))`];
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
