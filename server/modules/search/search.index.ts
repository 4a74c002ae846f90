import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { segmentForIndex, DICT_VERSION, maskNumbers } from './segment.js';
import { weekToken } from './search.time.js';

import type { SearchKind } from './search.schema.js';

export { SEARCH_KINDS, type SearchKind } from './search.schema.js';

/** What a domain hands to the search index about one of its items (no personal data). */
export interface SearchDocInput {
  kind: SearchKind;
  refId: string;
  orgId: string;
  title: string;
  /** the text to search: a concern's content (and answer, if the domain wants it found), a report's body */
  body: string;
  status: string;
  /** the category's name as shown (环境整治); the search filters and displays it as is */
  category?: string | null;
  placeId?: string | null;
  townshipId?: string | null;
  isPublic: boolean;
  /** when the item was created: pass the same on every re-index (its week is in the index, search.time.ts) */
  createdAt: Date;
}

/**
 * The words of the title (weighted A, so that a match in the title ranks first) and of the body, and the
 * row's week mark for finding the newest matches within the index (search.time.ts).
 */
export const tsvectorOf = (title: string, body: string, createdAt: Date) =>
  sql`setweight(to_tsvector('simple', ${segmentForIndex(title)}), 'A') || to_tsvector('simple', ${segmentForIndex(body)}) || array_to_tsvector(array[${weekToken(createdAt)}])`;

/**
 * The row's values: title and body with long numbers masked (phone numbers typed into a concern are
 * never stored here, so never searchable or shown), and their words.
 */
const rowOf = (d: SearchDocInput) => {
  const title = maskNumbers(d.title);
  const body = maskNumbers(d.body);
  return sql`(${d.kind}, ${d.refId}, ${d.orgId}, ${title}, ${body}, ${d.status}, ${d.category ?? null}, ${d.placeId ?? null}, ${d.townshipId ?? null},
    ${d.isPublic}, ${tsvectorOf(title, body, d.createdAt)},
    ${DICT_VERSION}, ${d.createdAt.toISOString()})`;
};

const upsert = (rows: ReturnType<typeof rowOf>[]) => sql`
  insert into search_doc (kind, ref_id, org_id, title, body, status, category, place_id, township_id, is_public, tsv, dict_version, created_at)
  values ${sql.join(rows, sql`, `)}
  on conflict (kind, ref_id) do update set title = excluded.title, body = excluded.body, status = excluded.status,
    category = excluded.category, place_id = excluded.place_id, township_id = excluded.township_id,
    is_public = excluded.is_public, tsv = excluded.tsv, dict_version = excluded.dict_version, created_at = excluded.created_at`;

/** Adds or refreshes an item's search row; call it in the transaction that changes the item. */
export async function indexDoc(db: Executor, d: SearchDocInput) {
  await db.execute(upsert([rowOf(d)]));
}

/** Many items at once (imports, benchmarks): one statement per 1,000 rows. */
export async function indexDocs(db: Executor, docs: SearchDocInput[]) {
  for (let i = 0; i < docs.length; i += 1000) await db.execute(upsert(docs.slice(i, i + 1000).map(rowOf)));
}

/** Only the fields that change with the workflow (status, publication): no re-segmentation. */
export async function updateDocState(db: Executor, kind: SearchKind, refId: string, state: { status?: string; isPublic?: boolean }) {
  await db.execute(sql`update search_doc set status = coalesce(${state.status ?? null}, status),
    is_public = coalesce(${state.isPublic ?? null}::boolean, is_public) where kind = ${kind} and ref_id = ${refId}`);
}
