import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';

/** 届: a five-year term of the committee (e.g. 第十届). One is current per org. */
export const term = pgTable(
  'term',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    isCurrent: boolean('is_current').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('term_org_number_uq').on(t.orgId, t.number),
    uniqueIndex('term_current_uq').on(t.orgId).where(sql`${t.isCurrent}`),
  ],
);

/**
 * 次会议: a yearly plenary session of a term (e.g. 十届三次会议). PRODUCT.md calls it `session`;
 * in code it is `plenarySession`, because `session` is the sign-in session table.
 */
export const plenarySession = pgTable(
  'plenary_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    termId: uuid('term_id').notNull().references(() => term.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
  },
  (t) => [uniqueIndex('plenary_session_term_number_uq').on(t.termId, t.number), index('plenary_session_org_idx').on(t.orgId)],
);
