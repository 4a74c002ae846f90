import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';

/** 界别: the constituencies members represent (中共, 民革, …, 经济界, 医药卫生界). */
export const sector = pgTable(
  'sector',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sector_org_name_uq').on(t.orgId, t.name)],
);

/** 专委会: special committees (提案委, 经济委, …); each links several sectors. */
export const committee = pgTable(
  'committee',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('committee_org_name_uq').on(t.orgId, t.name), uniqueIndex('committee_org_short_uq').on(t.orgId, t.shortName)],
);

export const committeeSector = pgTable(
  'committee_sector',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    committeeId: uuid('committee_id').notNull().references(() => committee.id, { onDelete: 'cascade' }),
    sectorId: uuid('sector_id').notNull().references(() => sector.id),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.sectorId] }), index('committee_sector_sector_idx').on(t.sectorId)],
);
