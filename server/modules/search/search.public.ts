import { sql } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { offsetOf } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { highlight, snippetOf } from './search.highlight.js';
import type { PublicSimilar } from './search.schema.js';
import { findMatches, matchOf, newestMatches, WINDOW } from './search.sql.js';
import { likeness, SIMILAR_WINDOW, pairsOf } from './search.similar.js';
import { keywordsOf, maskNumbers } from './segment.js';

/**
 * The public (no account) search of an org's published concerns. Only rows with is_public = true are
 * ever read for their text, and the index holds no personal data (long numbers are masked on the way in).
 */

async function orgIdOf(db: Executor, regionCode: string) {
  const [o] = await rowsOf<{ id: string }>(db, sql`select id from org where region_code = ${regionCode}`);
  if (!o) throw notFound('未找到该地区的政协组织，请确认链接是否正确');
  return o.id;
}

export async function publicSearch(ctx: Ctx, regionCode: string, q: { q: string; page: number; pageSize: number }) {
  const orgId = await orgIdOf(ctx.db, regionCode);
  const m = matchOf(q.q);
  const filters = sql`d.org_id = ${orgId} and d.kind = 'request' and d.is_public`;
  const found = await findMatches(ctx.db, orgId, filters, m, { sort: 'relevance', limit: q.pageSize, offset: offsetOf(q), until: ctx.clock.now() });
  return {
    items: found.rows.map((r) => {
      const snippet = snippetOf(r.body, m.marks);
      return {
        refId: r.refId,
        title: r.title,
        snippet,
        titleHighlights: highlight(r.title, m.marks),
        snippetHighlights: highlight(snippet, m.marks),
        status: r.status,
        category: r.category,
        placeName: r.placeName,
        createdAt: new Date(r.createdAt).toISOString(),
      };
    }),
    total: found.total,
    totalEstimated: found.totalEstimated,
    browsable: Math.min(found.total, WINDOW),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * While a resident types a concern: how many of the org's concerns (any state) share two of its
 * distinctive words — counted among the newest SIMILAR_WINDOW such, so "200" means at least that —
 * and the three most alike of those that are published, with the start of their answer.
 */
export async function publicSimilar(ctx: Ctx, regionCode: string, text: string): Promise<PublicSimilar> {
  const orgId = await orgIdOf(ctx.db, regionCode);
  const keywords = keywordsOf('', text, 8);
  const words = keywords.map((k) => k.word);
  if (!words.length) return { count: 0, countCapped: false, items: [] };
  const rows = await rowsOf<{ n: number; id: string | null; title: string; status: string; answer: string | null }>(
    ctx.db,
    sql`with w as (${newestMatches(sql`d.org_id = ${orgId} and d.kind = 'request'`, pairsOf(words), SIMILAR_WINDOW, { until: ctx.clock.now() })}),
      s as (select count(*)::int as n from w)
      select s.n, p.ref_id as id, p.title, p.status, left(r.answer, 200) as answer
      from s left join lateral (
        select w.* from w where w.is_public order by ${likeness(keywords)} desc, w.created_at desc limit 3
      ) p on true left join request r on r.id = p.ref_id`,
  );
  const n = rows[0]?.n ?? 0;
  return {
    count: n,
    countCapped: n >= SIMILAR_WINDOW,
    items: rows.filter((r) => r.id).map((r) => ({ id: r.id!, title: r.title, status: r.status, answerSnippet: r.answer ? snippetOf(maskNumbers(r.answer), [], 80) : null })),
  };
}
