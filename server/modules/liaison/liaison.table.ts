import { index, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';

/**
 * 联系制度: `keeper` keeps in touch with `target`. Which level of the org's chain a link belongs to
 * follows from the target (see liaison.rules.ts), so changing the chain never leaves links mislabelled.
 */
export const liaisonLink = pgTable(
  'liaison_link',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    keeperId: uuid('keeper_id').notNull().references(() => member.id),
    targetId: uuid('target_id').notNull().references(() => member.id),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('liaison_link_pair_uq').on(t.keeperId, t.targetId),
    index('liaison_link_target_idx').on(t.targetId),
    index('liaison_link_org_idx').on(t.orgId),
  ],
);
