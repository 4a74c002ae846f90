import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';
import { place } from '../place/place.table.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One search across kinds (concerns, opinion reports; later proposals and topics): each item's words,
 * segmented by jieba in Node, as a 'simple' tsvector under a GIN index. Services keep their rows here in
 * the same transaction as the item. No personal data: the resident's name and phone never reach it.
 */
export const searchDoc = pgTable(
  'search_doc',
  {
    kind: text('kind').notNull(),
    refId: uuid('ref_id').notNull(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(),
    category: text('category'),
    placeId: uuid('place_id').references(() => place.id),
    /** the township of the place (a township filter finds its villages' items) */
    townshipId: uuid('township_id').references(() => place.id),
    /** visible to the public search (published concerns) */
    isPublic: boolean('is_public').notNull().default(false),
    tsv: tsvector('tsv').notNull(),
    /** the segmentation dictionary version it was indexed with (re-index when it changes) */
    dictVersion: integer('dict_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.refId] }),
    index('search_doc_tsv_idx').using('gin', t.tsv),
    index('search_doc_org_created_idx').on(t.orgId, t.createdAt),
  ],
);
