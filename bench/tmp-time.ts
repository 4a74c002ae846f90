import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { systemClock } from '../server/core/clock.js';
import { openPostgres } from '../server/db/index.js';
import { searchItems, similarItems } from '../server/modules/search/search.service.js';
import { SearchQuery } from '../server/modules/search/search.schema.js';
import { searchQueries } from './search.queries.js';
const database = await openPostgres('postgres://postgres@127.0.0.1:5432/xs_search_dev');
const [{ id: orgId }] = ((await database.db.execute(sql`select id from org where region_code='429901'`)) as any).rows;
const ctx = { db: database.db, clock: systemClock, crypto: aesGcmFieldCrypto(randomBytes(32).toString('hex')), ip: null, userAgent: null,
  actor: { sessionId: 's', accountId: '00000000-0000-0000-0000-000000000000', loginName: 'x', displayName: 'x', mustChangePassword: false, csrfToken: '', orgId, roles: ['staff'] as any } };
const qs = searchQueries(200);
const extra = process.argv[2] ? JSON.parse(process.argv[2]) : {};
for (const q of qs.slice(0, 20)) await searchItems(ctx, SearchQuery.parse({ q, ...extra })); // warm
const lat: [number, string, number, boolean][] = [];
for (const q of qs) { const t = performance.now(); const r = await searchItems(ctx, SearchQuery.parse({ q, ...extra })); lat.push([performance.now() - t, q, r.total, r.totalEstimated]); }
lat.sort((a, b) => a[0] - b[0]);
const p = (x: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * x))][0].toFixed(1);
console.log('search p50', p(0.5), 'p95', p(0.95), 'max', p(0.999));
console.log(lat.slice(-12).map((l) => `${l[0].toFixed(1)}ms ${l[1]} total=${l[2]}${l[3] ? '~' : ''}`).join('\n'));
const ids = ((await database.db.execute(sql`select ref_id from search_doc where org_id=${orgId} order by random() limit 200`)) as any).rows.map((r: any) => r.ref_id);
const sl: number[] = [];
for (const id of ids) { const t = performance.now(); await similarItems(ctx, 'request', id); sl.push(performance.now() - t); }
sl.sort((a, b) => a - b);
console.log('similar p50', sl[100].toFixed(1), 'p95', sl[190].toFixed(1), 'max', sl[199].toFixed(1));
await database.close();
