import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { anyOf, keywordsOf } from './segment.js';
import { newestMatches, placeNameOf, type HitRow } from './search.sql.js';

/**
 * "Similar items": the item's most distinctive words (TF-IDF, title counted twice), and the items that
 * share at least two of its first five — a concern about 自来水 and 水压 is like another about both, not
 * like every concern that mentions 早上. Among the newest SIMILAR_WINDOW of those, the ones sharing the
 * weightiest words come first (ts_rank breaks ties: title matches, repetitions). When fewer than asked
 * for share two words, items sharing one fill the list, after them.
 */
export const SIMILAR_WINDOW = 300;

type Keyword = { word: string; weight: number };

/** The tsquery of items sharing two of the first five words (any word when there is only one). */
export function pairsOf(words: string[]) {
  const top = words.slice(0, 5);
  if (top.length < 2) return anyOf(top);
  const pairs: string[] = [];
  for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) pairs.push(`(${anyOf([top[i]])} & ${anyOf([top[j]])})`);
  return pairs.join(' | ');
}

/** How alike a row w is: the weights of the words it shares, then ts_rank. */
export const likeness = (keywords: Keyword[]) =>
  sql`(${sql.join(
    keywords.map((k) => sql`case when w.tsv @@ ${anyOf([k.word])}::tsquery then ${k.weight}::float8 else 0 end`),
    sql` + `,
  )} + ts_rank(w.tsv, to_tsquery('simple', ${anyOf(keywords.map((k) => k.word))})))`;

const alike = (db: Executor, filters: SQL, tsquery: string, keywords: Keyword[], limit: number, now: Date) =>
  rowsOf<HitRow>(
    db,
    sql`with w as (${newestMatches(filters, tsquery, SIMILAR_WINDOW, { until: now })})
      select p.kind, p.ref_id as "refId", p.title, p.body, p.status, p.category, p.created_at as "createdAt", ${placeNameOf} as "placeName", p.score
      from (select w.*, ${likeness(keywords)}::float8 as score from w order by score desc, w.created_at desc limit ${limit}) p
      order by p.score desc, p.created_at desc`,
  );

/** Items like `item` among those satisfying `filters` (which name the org), best first. */
export async function similarTo(db: Executor, item: { title: string; body: string }, filters: SQL, limit: number, now: Date): Promise<{ rows: HitRow[]; words: string[] }> {
  const keywords = keywordsOf(item.title, item.body, 8);
  const words = keywords.map((k) => k.word);
  if (!words.length) return { rows: [], words };
  const rows = await alike(db, filters, pairsOf(words), keywords, limit, now);
  if (rows.length < limit && words.length > 1) {
    const seen = rows.map((r) => sql`(${r.kind}, ${r.refId}::uuid)`);
    const others = seen.length ? sql`${filters} and (d.kind, d.ref_id) not in (${sql.join(seen, sql`, `)})` : filters;
    rows.push(...(await alike(db, others, anyOf(words), keywords, limit - rows.length, now)));
  }
  return { rows, words };
}
