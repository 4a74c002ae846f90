import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { tsvectorOf } from './search.index.js';
import { DICT_VERSION, maskNumbers } from './segment.js';

/**
 * Re-segments the rows indexed with an older dictionary (dict_version < DICT_VERSION) from their own
 * stored title and body, `batch` rows a statement, until none is left; returns how many. Safe to run
 * while the app serves (each batch is one UPDATE) and a no-op, one scan, when nothing is stale.
 * Run by `npm run cli -- reindex-search`, or at start-up.
 */
export async function reindexStale(db: Executor, batch = 500, progress?: (done: number) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await rowsOf<{ kind: string; refId: string; title: string; body: string; createdAt: string | Date }>(
      db,
      sql`select kind, ref_id as "refId", title, body, created_at as "createdAt" from search_doc where dict_version < ${DICT_VERSION} limit ${batch}`,
    );
    if (!rows.length) return done;
    const values = rows.map((r) => {
      const title = maskNumbers(r.title);
      const body = maskNumbers(r.body);
      return sql`(${r.kind}, ${r.refId}::uuid, ${title}, ${body}, ${tsvectorOf(title, body, new Date(r.createdAt))})`;
    });
    await db.execute(sql`update search_doc d set title = v.title, body = v.body, tsv = v.tsv, dict_version = ${DICT_VERSION}
      from (values ${sql.join(values, sql`, `)}) as v(kind, ref_id, title, body, tsv) where d.kind = v.kind and d.ref_id = v.ref_id`);
    done += rows.length;
    progress?.(done);
  }
}
