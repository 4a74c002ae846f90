import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { systemClock } from '../server/core/clock.js';
import { openPostgres } from '../server/db/index.js';
import { searchItems } from '../server/modules/search/search.service.js';
import { matchOf } from '../server/modules/search/search.sql.js';
import { SearchQuery } from '../server/modules/search/search.schema.js';
const database = await openPostgres('postgres://postgres@127.0.0.1:5432/xs_search_dev');
const [{ id: orgId }] = ((await database.db.execute(sql`select id from org where region_code='429901'`)) as any).rows;
const ctx = { db: database.db, clock: systemClock, crypto: aesGcmFieldCrypto(randomBytes(32).toString('hex')), ip: null, userAgent: null,
  actor: { sessionId: 's', accountId: '00000000-0000-0000-0000-000000000000', loginName: 'x', displayName: 'x', mustChangePassword: false, csrfToken: '', orgId, roles: ['staff'] as any } };
for (const q of ['路灯', '鹿苑 校车', '降压药', '老人', '鸣凤镇 垃圾 扰民', '灯', '增压泵']) {
  const r = await searchItems(ctx, SearchQuery.parse({ q }));
  const m = matchOf(q);
  const real = m.tsquery ? ((await database.db.execute(sql`select count(*)::int n from search_doc where tsv @@ to_tsquery('simple', ${m.tsquery})`)) as any).rows[0].n : '-';
  console.log(q, 'total', r.total, r.totalEstimated ? '(est)' : '', 'actual', real, 'first:', r.items[0]?.title, r.items[0]?.score);
}
const r = await searchItems(ctx, SearchQuery.parse({ q: '路灯', from: '2025-01-01', to: '2025-03-31', category: '环境整治' }));
console.log('filtered', r.total, r.totalEstimated, r.items.length);
await database.close();
