import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StoredOrgSettings } from './org.schema.js';

/** 政协组织: the tenant. Orgs form a tree: province > city > county. */
export const org = pgTable(
  'org',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => org.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    /** 行政区划代码, e.g. 420525 for 远安县 */
    regionCode: text('region_code').notNull().unique(),
    settings: jsonb('settings').$type<StoredOrgSettings>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_parent_idx').on(t.parentId),
    check('org_level_check', sql`${t.level} in ('province','city','county')`),
  ],
);
