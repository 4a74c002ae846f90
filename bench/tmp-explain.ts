import { sql } from 'drizzle-orm';
import { openPostgres } from '../server/db/index.js';
import { matchOf, newestMatches, WINDOW } from '../server/modules/search/search.sql.js';
const database = await openPostgres('postgres://postgres@127.0.0.1:5432/xs_search_dev');
const [{ id: orgId }] = ((await database.db.execute(sql`select id from org where region_code='429901'`)) as any).rows;
for (const q of process.argv.slice(2)) {
  const m = matchOf(q);
  const res = (await database.db.execute(sql`explain (analyze, buffers) select count(*) from (${newestMatches(sql`d.org_id = ${orgId}`, m.tsquery!, WINDOW, { until: new Date() })}) x`)) as any;
  const lines = res.rows.map((r: any) => r['QUERY PLAN']);
  console.log(`== ${q}: ${m.tsquery}`);
  console.log(lines.filter((l: string) => /Buffers|Execution|Scan|Append|rows=/.test(l) && !/never executed/.test(l)).slice(0, 80).join('\n'));
}
await database.close();
