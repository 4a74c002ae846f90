/**
 * One of the loader's worker threads (search.load.ts): generates its share of the concerns with
 * concernTexts and writes them through indexDocs, the app's own code path (jieba in this thread,
 * to_tsvector in PostgreSQL), 1,000 rows a statement, on its own connection.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { openPostgres } from '../server/db/index.js';
import { concernTexts } from '../server/demo/concern.texts.js';
import { indexDocs, type SearchDocInput } from '../server/modules/search/search.index.js';

export interface LoadSlice {
  url: string;
  orgId: string;
  /** this worker's rows: [from, to) of the whole sequence (it seeds its generator with `from`) */
  from: number;
  to: number;
  /** village name → { placeId, townshipId } */
  places: Record<string, { placeId: string; townshipId: string }>;
  /** the newest row's time; row i is `spacingMs` × (total − i) before it */
  newest: number;
  spacingMs: number;
  total: number;
}

const STATUSES = ['new', 'claimed', 'answered', 'answered', 'closed', 'closed', 'closed', 'closed'];

async function load(s: LoadSlice) {
  const database = await openPostgres(s.url, 1);
  const next = concernTexts(s.from + 1);
  try {
    for (let at = s.from; at < s.to; at += 1000) {
      const docs: SearchDocInput[] = [];
      for (let i = at; i < Math.min(at + 1000, s.to); i++) {
        const c = next();
        const where = s.places[c.village];
        const closed = i < s.total - 20_000; // the latest 20,000 are still being handled
        docs.push({
          kind: 'request',
          refId: randomUUID(),
          orgId: s.orgId,
          title: c.title,
          body: c.content,
          status: closed ? STATUSES[i % STATUSES.length] : STATUSES[i % 3],
          category: c.category,
          placeId: where.placeId,
          townshipId: where.townshipId,
          isPublic: closed && i % 3 === 0,
          createdAt: new Date(s.newest - (s.total - i) * s.spacingMs),
        });
      }
      await indexDocs(database.db, docs);
      parentPort!.postMessage({ rows: docs.length });
    }
  } finally {
    await database.close();
  }
}

load(workerData as LoadSlice).then(
  () => parentPort!.postMessage({ done: true }),
  (err: Error) => parentPort!.postMessage({ error: err.stack ?? err.message }),
);
