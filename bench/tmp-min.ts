import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { systemClock } from '../server/core/clock.js';
import { openPostgres } from '../server/db/index.js';
import { searchItems } from '../server/modules/search/search.service.js';
import { SearchQuery } from '../server/modules/search/search.schema.js';
import { searchQueries } from './search.queries.js';
const database = await openPostgres('postgres://postgres@127.0.0.1:5432/xs_search_dev');
const [{ id: orgId }] = ((await database.db.execute(sql`select id from org where region_code='429901'`)) as any).rows;
const ctx = { db: database.db, clock: systemClock, crypto: aesGcmFieldCrypto(randomBytes(32).toString('hex')), ip: null, userAgent: null,
  actor: { sessionId: 's', accountId: '00000000-0000-0000-0000-000000000000', loginName: 'x', displayName: 'x', mustChangePassword: false, csrfToken: '', orgId, roles: ['staff'] as any } };
const qs = searchQueries(200);
const mins: [number, string][] = [];
for (const q of qs) { let best = Infinity; for (let i = 0; i < 3; i++) { const t = performance.now(); await searchItems(ctx, SearchQuery.parse({ q })); best = Math.min(best, performance.now() - t); } mins.push([best, q]); }
mins.sort((a, b) => a[0] - b[0]);
const p = (x: number) => mins[Math.min(mins.length - 1, Math.floor(mins.length * x))][0].toFixed(1);
console.log(`min-of-3 p50 ${p(0.5)} p95 ${p(0.95)} max ${p(1)} | ${mins.slice(-3).map((m) => m[1] + ' ' + m[0].toFixed(0)).join(', ')}`);
await database.close();
