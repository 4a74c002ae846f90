/**
 * The search part, on one org of a million generated concerns (search.db.ts): the one search and
 * "similar items" through the API, one request at a time as a user makes them, each beside the same
 * search done with ILIKE '%…%' over title and body through the bare driver.
 *
 * The search reads only search_doc (the index rows the domains keep), so a million search_doc rows is
 * the honest measure of it; the concerns' own request rows would not change a search's cost.
 *
 *   BENCH_SEARCH_ROWS   rows to generate (default 1,000,000)
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { buildAccount } from '../server/demo/builders.js';
import { matchOf } from '../server/modules/search/search.sql.js';
import { DICT_VERSION, keywordsOf } from '../server/modules/search/segment.js';
import { rowsOf } from '../server/core/sql.js';
import { searchDb, SEARCH_ROWS, type SearchDb } from './search.db.js';
import { searchQueries } from './search.queries.js';
import { fmt, HOST, log, met, report, signIn, withCpu, type Figures } from './support.js';

/** Latencies of `run` over `items`, one at a time. */
async function oneAtATime<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<Figures & { p95: number; max: number; ms: number[] }> {
  const ms: number[] = [];
  const t0 = performance.now();
  for (const item of items) {
    const t = performance.now();
    await run(item);
    ms.push(performance.now() - t);
  }
  const elapsed = (performance.now() - t0) / 1000;
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))];
  return { rps: ms.length / elapsed, requests: ms.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1], ms };
}
/** withCpu, keeping the extra figures */
async function timed<T extends Figures>(measure: () => Promise<T>): Promise<T> {
  let full: T | undefined;
  const f = await withCpu(async () => (full = await measure()));
  return { ...full!, ...f };
}
const quantile = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * p))];

const like = (w: string) => `%${w.replace(/[\\%_]/g, '\\$&')}%`;

/** The same search with ILIKE: every word in the title or the body, the newest 200 matches (the search's window). */
function ilikeSearch(s: SearchDb, q: string) {
  const m = matchOf(q);
  const words = m.tsquery ? m.terms.map((t) => t.word) : [m.text];
  const conds = words.map((_, i) => (m.tsquery ? `(title ilike $${i + 2} or body ilike $${i + 2})` : `title ilike $${i + 2}`));
  return s.raw.query(`select ref_id, title from search_doc where org_id = $1 and ${conds.join(' and ')} order by created_at desc limit 200`, [s.loaded.org.id, ...words.map(like)]);
}

/** The same "similar items" with ILIKE: items containing two of the item's five first words, the newest 300, most shared weight first. */
function ilikeSimilar(s: SearchDb, item: { kind: string; refId: string; title: string; body: string }) {
  const k = keywordsOf(item.title, item.body, 5);
  const has = k.map((_, i) => `(title ilike $${i + 4} or body ilike $${i + 4})`);
  const score = k.map((kw, i) => `case when ${has[i]} then ${kw.weight} else 0 end`).join(' + ');
  return s.raw.query(
    `select ref_id, score from (select ref_id, created_at, ${score} as score from search_doc
       where org_id = $1 and not (kind = $2 and ref_id = $3) and (${has.map((h) => `${h}::int`).join(' + ')}) >= 2
       order by created_at desc limit 300) x order by score desc, created_at desc limit 8`,
    [s.loaded.org.id, item.kind, item.refId, ...k.map((x) => like(x.word))],
  );
}

const SUBSET = 5; // ILIKE runs every 5th query (every 10th item): over a million rows a rare word takes seconds

export async function runSearch() {
  const s = await searchDb();
  const app = await buildApp({ database: s.database, clock: systemClock, crypto: s.b.crypto }, { loginRateLimit: 100_000 });
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const { account } = await buildAccount(s.b, { org: s.loaded.org, roles: ['staff'] });
    const cookie = await signIn(address, account.loginName);
    const get = async (path: string) => {
      const res = await fetch(`${address}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: unknown[]; total: number };
    };
    const queries = searchQueries(200);
    const rows = SEARCH_ROWS.toLocaleString('en-US');

    log('search: warming up with 50 other queries');
    for (const q of searchQueries(250).slice(200)) await get(`/api/search?q=${encodeURIComponent(q)}`);
    log('search: 200 queries through GET /api/search, one at a time');
    let found = 0;
    const search = await timed(() =>
      oneAtATime(queries, async (q) => {
        const page = await get(`/api/search?q=${encodeURIComponent(q)}`);
        if (page.items.length) found++;
      }),
    );
    report.rows.push({ name: `PostgreSQL: GET /api/search?q=… (${rows} concerns; 200 queries of 1–3 words, one at a time; page of 20 ranked)`, f: search });

    log(`search: the same with ILIKE '%…%' over title and body, every ${SUBSET}th query`);
    const subset = queries.filter((_, i) => i % SUBSET === 0);
    const ilike = await timed(() => oneAtATime(subset, (q) => ilikeSearch(s, q)));
    report.rows.push({ name: `PostgreSQL: the same searches with ILIKE '%…%' over title/body, bare driver (${subset.length} of the queries)`, f: ilike });
    const searchOnSubset = search.ms.filter((_, i) => i % SUBSET === 0);

    const { rows: items } = await s.raw.query<{ kind: string; refId: string; title: string; body: string }>(
      `select kind, ref_id as "refId", title, body from search_doc where org_id = $1 order by md5(ref_id::text) limit 200`,
      [s.loaded.org.id],
    );
    log('search: similar items of 200 concerns through GET /api/search/similar, one at a time');
    const similar = await timed(() => oneAtATime(items, (it) => get(`/api/search/similar?kind=${it.kind}&id=${it.refId}`)));
    report.rows.push({ name: `PostgreSQL: GET /api/search/similar (200 concerns, one at a time)`, f: similar });
    const itemSubset = items.filter((_, i) => i % (SUBSET * 2) === 0);
    log(`search: the same similar items with ILIKE, every ${SUBSET * 2}th concern`);
    const similarIlike = await timed(() => oneAtATime(itemSubset, (it) => ilikeSimilar(s, it)));
    report.rows.push({ name: `PostgreSQL: the same similar items with ILIKE '%…%', bare driver (${itemSubset.length} of the concerns)`, f: similarIlike });
    const similarOnSubset = similar.ms.filter((_, i) => i % (SUBSET * 2) === 0);

    const times = (a: number, b: number) => `${fmt(b / a)}× faster`;
    report.ratios.push(
      ['PostgreSQL: search p95 (200 queries, 1–3 words, 1,000,000 concerns)', `${fmt(search.p95)} ms (p50 ${fmt(search.p50)}, max ${fmt(search.max)})`, '< 50 ms', met(search.p95 < 50)],
      ['PostgreSQL: similar items p95 (200 concerns)', `${fmt(similar.p95)} ms (p50 ${fmt(similar.p50)}, max ${fmt(similar.max)})`, '< 100 ms', met(similar.p95 < 100)],
      [
        `PostgreSQL: search ÷ ILIKE on the same ${subset.length} queries, p50 / p95`,
        `${fmt(quantile(searchOnSubset, 0.5))} / ${fmt(quantile(searchOnSubset, 0.95))} ms vs ${fmt(ilike.p50)} / ${fmt(ilike.p95)} ms: ${times(quantile(searchOnSubset, 0.5), ilike.p50)} / ${times(quantile(searchOnSubset, 0.95), ilike.p95)}`,
        '—',
        '—',
      ],
      [
        `PostgreSQL: similar ÷ ILIKE on the same ${itemSubset.length} concerns, p50 / p95`,
        `${fmt(quantile(similarOnSubset, 0.5))} / ${fmt(quantile(similarOnSubset, 0.95))} ms vs ${fmt(similarIlike.p50)} / ${fmt(similarIlike.p95)} ms: ${times(quantile(similarOnSubset, 0.5), similarIlike.p50)} / ${times(quantile(similarOnSubset, 0.95), similarIlike.p95)}`,
        '—',
        '—',
      ],
      [
        `(for information) loading ${rows} concerns: generated and written through indexDocs by ${s.loaded.workers} worker threads, then the GIN index built`,
        `${fmt(s.loaded.seconds.rows)} s (${fmt(SEARCH_ROWS / s.loaded.seconds.rows)} rows/s) + ${fmt(s.loaded.seconds.index)} s; table ${s.loaded.sizes.table}, GIN ${s.loaded.sizes.gin}`,
        '—',
        '—',
      ],
    );
    report.notes.push(
      `search: ${found} of the 200 queries found something. The search ranks the newest 200 matches and estimates the total beyond them; the ILIKE rows fetch the same newest 200 matches (no ranking, no total).`,
    );
    const [{ n }] = await rowsOf<{ n: number }>(s.database.db, sql`select count(*)::int as n from search_doc where org_id = ${s.loaded.org.id} and dict_version = ${DICT_VERSION}`);
    if (n < SEARCH_ROWS) throw new Error(`search_doc holds ${n} rows, expected ${SEARCH_ROWS}`);
  } finally {
    await app.close();
  }
}
