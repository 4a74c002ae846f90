import { sql, type SQL } from 'drizzle-orm';
import { containing } from '../../core/pagination.js';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { allOf, queryTerms, highlightWords, type QueryTerm } from './segment.js';
import { timeWindows } from './search.time.js';

/**
 * The statements of the one search, shared by the signed-in and the public search.
 *
 * Ranking every match of a common word (路灯: 5% of a million rows) would read every matching row, and
 * so would counting them. Instead one statement takes the newest WINDOW matches — asking the GIN index
 * for the words within the latest week first, then windows going back (search.time.ts), so a common
 * word reads about the rows it keeps — ranks only those, and returns the page. When the window is full the
 * total is estimated from how far back it reaches ("约 54,000 条"); results can be paged within it.
 */
export const WINDOW = 200;
/** A 1–2 character query that is not a word looks at the titles of this many newest items. */
export const FALLBACK_ROWS = 5_000;

/** What a query matches: the tsquery of its words, or, when jieba finds no useful word (灯, 亮了), its text in titles. */
export interface Match {
  terms: QueryTerm[];
  /** to_tsquery('simple', …) text; null: the title fallback */
  tsquery: string | null;
  /** the text for the title fallback */
  text: string;
  /** the strings to mark in the results */
  marks: string[];
}

export function matchOf(q: string): Match {
  const terms = queryTerms(q);
  const text = q.trim();
  if (!terms.length) return { terms, tsquery: null, text, marks: [text] };
  return { terms, tsquery: allOf(terms), text, marks: highlightWords(terms) };
}

/**
 * The body of a CTE of the newest `limit` rows of search_doc d that satisfy `filters` (which name the
 * org) and match `tsquery`, newest first: one branch per time window, each asking the GIN index for the
 * words and the window's weeks; PostgreSQL stops running branches once it has `limit` rows. (The date
 * filters are in `filters`; the windows only need to cover them.)
 */
export function newestMatches(filters: SQL, tsquery: string, limit: number, o: { until: Date; from?: Date }): SQL {
  const branches = timeWindows(o.until, o.from).map((w) => {
    const match = w.weeks
      ? sql`d.tsv @@ (to_tsquery('simple', ${tsquery}) && ${w.weeks}::tsquery)`
      : sql`d.tsv @@ to_tsquery('simple', ${tsquery}) and d.created_at < ${w.before!.toISOString()}`;
    return sql`(select d.* from search_doc d where ${filters} and ${match} order by d.created_at desc limit ${limit})`;
  });
  // a period that starts after `until` (from a day still to come) has no window, and nothing in it
  if (!branches.length) return sql`select * from search_doc d where false`;
  return sql`select * from (${sql.join(branches, sql` union all `)}) u limit ${limit}`;
}

/** The title fallback: among the org's FALLBACK_ROWS newest items, newest first. */
const titleMatches = (orgId: string, filters: SQL, text: string, limit: number) =>
  sql`select d.* from (select * from search_doc o where o.org_id = ${orgId} order by o.created_at desc limit ${FALLBACK_ROWS}) d
    where ${filters} and d.title ilike ${containing(text)} order by d.created_at desc limit ${limit}`;

export interface HitRow {
  kind: 'request' | 'opinion_report';
  refId: string;
  title: string;
  body: string;
  status: string;
  category: string | null;
  placeName: string | null;
  createdAt: string | Date;
  score: number;
}

interface WindowRow extends Partial<HitRow> {
  /** matches in the window */
  n: number;
  /** the oldest match in the window */
  reach: string | Date | null;
  /** the org's oldest item */
  first: string | Date | null;
}

export interface Found {
  rows: HitRow[];
  total: number;
  /** more matches than the window holds: total is an estimate */
  totalEstimated: boolean;
}

/** 鸣凤镇东庄坪社区, for the row p */
export const placeNameOf = sql`(select coalesce(up.name, '') || pl.name from place pl left join place up on up.id = pl.parent_id where pl.id = p.place_id)`;
const ms = (d: string | Date) => new Date(d).getTime();
/** two significant digits: 53,681 → 54,000 */
const roughly = (n: number) => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
};

/**
 * A page of the newest WINDOW matches (filters name the org), by relevance (ts_rank; title words weigh
 * most) or newest first, with the total: exact when the window is not full, else estimated from the
 * time the window covers within [from, until).
 */
export async function findMatches(
  db: Executor,
  orgId: string,
  filters: SQL,
  m: Match,
  o: { sort: 'relevance' | 'newest'; limit: number; offset: number; from?: Date; until: Date },
): Promise<Found> {
  const window = m.tsquery ? newestMatches(filters, m.tsquery, WINDOW, o) : titleMatches(orgId, filters, m.text, WINDOW);
  const rank = m.tsquery ? sql`ts_rank(w.tsv, to_tsquery('simple', ${m.tsquery}))` : sql`0`;
  const order = o.sort === 'newest' ? sql`w.created_at desc, w.ref_id` : sql`score desc, w.created_at desc, w.ref_id`;
  const rows = await rowsOf<WindowRow>(
    db,
    sql`with w as (${window}),
      s as (select count(*)::int as n, min(w.created_at) as reach, (select min(f.created_at) from search_doc f where f.org_id = ${orgId}) as first from w)
      select s.n, s.reach, s.first, p.kind, p.ref_id as "refId", p.title, p.body, p.status, p.category, p.created_at as "createdAt", ${placeNameOf} as "placeName", p.score
      from s left join lateral (
        select w.*, ${rank}::float8 as score from w order by ${order} limit ${o.limit} offset ${o.offset}
      ) p on true`,
  );
  const { n, reach, first } = rows[0];
  const page = rows.filter((r) => r.refId) as HitRow[];
  if (n < WINDOW || !reach || !first || !m.tsquery) return { rows: page, total: n, totalEstimated: n >= WINDOW };
  const start = Math.max(ms(first), o.from?.getTime() ?? 0);
  const covered = o.until.getTime() - ms(reach);
  const estimate = covered > 0 ? (WINDOW * (o.until.getTime() - start)) / covered : WINDOW;
  return { rows: page, total: Math.max(WINDOW, roughly(estimate)), totalEstimated: true };
}
