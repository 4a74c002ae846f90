import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';
import { PLACE_KINDS } from './place.schema.js';

/**
 * The org's own places: townships (乡镇) and under them villages and communities (村、社区).
 * Groups cover places; residents' concerns name one and are routed by it.
 */
export const place = pgTable(
  'place',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => place.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: PLACE_KINDS }).notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // townships have no parent: coalesce, not NULLS NOT DISTINCT, so that PostgreSQL before 15 and its derivatives take it
    uniqueIndex('place_org_parent_name_uq').on(t.orgId, sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
    index('place_parent_idx').on(t.parentId),
    check('place_kind_check', sql`${t.kind} in ('township','village','community')`),
    check('place_shape_check', sql`(${t.kind} = 'township') = (${t.parentId} is null)`),
  ],
);
