import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { segmentForIndex, DICT_VERSION } from './segment.js';

export const SEARCH_KINDS = ['request', 'opinion_report'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** What a domain hands to the search index about one of its items (no personal data). */
export interface SearchDocInput {
  kind: SearchKind;
  refId: string;
  orgId: string;
  title: string;
  body: string;
  status: string;
  category?: string | null;
  placeId?: string | null;
  townshipId?: string | null;
  isPublic: boolean;
  createdAt: Date;
}

/** Adds or refreshes an item's search row; call it in the transaction that changes the item. */
export async function indexDoc(db: Executor, d: SearchDocInput) {
  const words = segmentForIndex(`${d.title} ${d.title} ${d.body}`);
  await db.execute(sql`
    insert into search_doc (kind, ref_id, org_id, title, body, status, category, place_id, township_id, is_public, tsv, dict_version, created_at)
    values (${d.kind}, ${d.refId}, ${d.orgId}, ${d.title}, ${d.body}, ${d.status}, ${d.category ?? null}, ${d.placeId ?? null}, ${d.townshipId ?? null},
      ${d.isPublic}, to_tsvector('simple', ${words}), ${DICT_VERSION}, ${d.createdAt.toISOString()})
    on conflict (kind, ref_id) do update set title = excluded.title, body = excluded.body, status = excluded.status,
      category = excluded.category, place_id = excluded.place_id, township_id = excluded.township_id,
      is_public = excluded.is_public, tsv = excluded.tsv, dict_version = excluded.dict_version`);
}

/** Only the fields that change with the workflow (status, publication): no re-segmentation. */
export async function updateDocState(db: Executor, kind: SearchKind, refId: string, state: { status?: string; isPublic?: boolean }) {
  await db.execute(sql`update search_doc set status = coalesce(${state.status ?? null}, status),
    is_public = coalesce(${state.isPublic ?? null}::boolean, is_public) where kind = ${kind} and ref_id = ${refId}`);
}
