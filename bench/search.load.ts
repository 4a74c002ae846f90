/**
 * Loads the search benchmark's org: 远安's places and N generated concerns' search rows, written by
 * worker threads (one per core) through indexDocs — the app's code path: jieba in Node, to_tsvector
 * in PostgreSQL. The GIN index is dropped during the load and built after, as a bulk load or a
 * restore does; then VACUUM ANALYZE, as autovacuum would within a minute.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/index.js';
import { buildOrg, type Builder, type OrgRow } from '../server/demo/builders.js';
import { buildPlace } from '../server/demo/groups.js';
import { PLACES } from '../server/demo/structure.js';
import { log } from './support.js';
import type { LoadSlice } from './search.worker.js';

export interface Loaded {
  org: OrgRow;
  /** township name → id, village name → id */
  townships: Record<string, string>;
  villages: Record<string, string>;
  seconds: { rows: number; index: number; vacuum: number };
  workers: number;
  /** table and index sizes, for the report */
  sizes: { table: string; gin: string };
}

/** A worker running a .ts module under tsx (workers do not inherit tsx's loader on Node 20). */
const tsWorker = (file: URL, workerData: unknown) =>
  new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`, { eval: true, workerData });

export async function loadSearchRows(database: Database, b: Builder, url: string, total: number, regionCode: string): Promise<Loaded> {
  const org = await buildOrg(b, { name: '基准测试县政协（搜索）', shortName: '基准县', regionCode });
  const townships: Record<string, string> = {};
  const villages: Record<string, string> = {};
  const places: LoadSlice['places'] = {};
  for (const [i, [t, vs]] of PLACES.entries()) {
    const tp = await buildPlace(b, { org, name: t, sort: i + 1 });
    townships[t] = tp.id;
    for (const [j, v] of vs.entries()) {
      const vp = await buildPlace(b, { org, name: v, parent: tp, kind: v.endsWith('社区') ? 'community' : 'village', sort: j + 1 });
      villages[v] = vp.id;
      places[v] = { placeId: vp.id, townshipId: tp.id };
    }
  }

  await database.db.execute(sql`drop index search_doc_tsv_idx`);
  const workers = Math.max(1, os.cpus().length);
  const t0 = performance.now();
  const newest = Date.now() - 3600_000;
  // three years of concerns, the newest an hour ago
  const spacingMs = Math.floor((3 * 365 * 24 * 3600_000) / total);
  let rows = 0;
  let lastLog = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const slice: LoadSlice = {
        url,
        orgId: org.id,
        from: Math.floor((total * w) / workers),
        to: Math.floor((total * (w + 1)) / workers),
        places,
        newest,
        spacingMs,
        total,
      };
      return new Promise<void>((resolve, reject) => {
        const worker = tsWorker(new URL('./search.worker.ts', import.meta.url), slice);
        worker.on('message', (m: { rows?: number; done?: boolean; error?: string }) => {
          if (m.rows) {
            rows += m.rows;
            if (rows - lastLog >= 100_000) {
              lastLog = rows;
              log(`  ${rows.toLocaleString('en-US')} rows, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
            }
          }
          if (m.error) reject(new Error(m.error));
          if (m.done) void worker.terminate().then(() => resolve());
        });
        worker.on('error', reject);
      });
    }),
  );
  const t1 = performance.now();
  log(`  building the GIN index`);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    await tx.execute(sql`create index search_doc_tsv_idx on search_doc using gin (tsv)`);
  });
  const t2 = performance.now();
  await database.db.execute(sql`vacuum analyze search_doc`);
  const t3 = performance.now();
  const [size] = (
    (await database.db.execute(
      sql`select pg_size_pretty(pg_table_size('search_doc')) as "table", pg_size_pretty(pg_relation_size('search_doc_tsv_idx')) as gin`,
    )) as unknown as { rows: { table: string; gin: string }[] }
  ).rows;
  return {
    org,
    townships,
    villages,
    seconds: { rows: (t1 - t0) / 1000, index: (t2 - t1) / 1000, vacuum: (t3 - t2) / 1000 },
    workers,
    sizes: size,
  };
}
