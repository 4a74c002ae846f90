import { sql, type SQL } from 'drizzle-orm';
import { openPostgres } from '../server/db/index.js';
import { matchOf, newestMatches, WINDOW } from '../server/modules/search/search.sql.js';
import { searchQueries } from './search.queries.js';
const database = await openPostgres('postgres://postgres@127.0.0.1:5432/xs_search_dev');
const [{ id: orgId }] = ((await database.db.execute(sql`select id from org where region_code='429901'`)) as any).rows;
const mode = process.argv[2] ?? 'windows';
const out: [number, number, string][] = [];
for (const q of searchQueries(200)) {
  const m = matchOf(q);
  if (!m.tsquery) continue;
  const inner: SQL = mode === 'windows' ? newestMatches(sql`d.org_id = ${orgId}`, m.tsquery, WINDOW, { until: new Date() })
    : sql`select d.* from search_doc d where d.org_id = ${orgId} and d.tsv @@ to_tsquery('simple', ${m.tsquery}) order by d.created_at desc limit ${WINDOW}`;
  const res = (await database.db.execute(sql`explain (analyze, buffers, format json) select count(*) from (${inner}) x`)) as any;
  const plan = res.rows[0]['QUERY PLAN'][0];
  out.push([plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'], plan['Execution Time'], q]);
}
out.sort((a, b) => a[0] - b[0]);
const p = (x: number) => out[Math.floor(out.length * x)];
console.log(mode, 'buffers p50', p(0.5)[0], 'p95', p(0.95)[0], 'max', out[out.length - 1][0]);
console.log(out.slice(-8).map((o) => `${o[0]} bufs ${o[1].toFixed(0)}ms ${o[2]}`).join('\n'));
await database.close();
