import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';
import { place } from '../place/place.table.js';
import { committee } from '../sector/sector.table.js';

/**
 * 活动小组 / 网格: a working group of members with a convener (召集人) and a liaison staff member.
 * PRODUCT.md calls it `group`; the table is `member_group` because GROUP is an SQL keyword.
 * A member belongs to at most one group of an org; a place is covered by at most one group.
 */
export const memberGroup = pgTable(
  'member_group',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    /** the chair or vice-chair who leads the group (远安: "一名主席或副主席") */
    leaderId: uuid('leader_id').references(() => member.id),
    /** 召集人 */
    convenerId: uuid('convener_id').references(() => member.id),
    /** the office's staff member who keeps the group going (机关联络干部) */
    liaisonAccountId: uuid('liaison_account_id').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('member_group_org_name_uq').on(t.orgId, t.name)],
);

/** The special committees a group was formed from; their sectors' members make up the group. */
export const groupCommittee = pgTable(
  'group_committee',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    groupId: uuid('group_id').notNull().references(() => memberGroup.id, { onDelete: 'cascade' }),
    committeeId: uuid('committee_id').notNull().references(() => committee.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.committeeId] })],
);

export const groupMember = pgTable(
  'group_member',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    groupId: uuid('group_id').notNull().references(() => memberGroup.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => member.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), uniqueIndex('group_member_member_uq').on(t.memberId)],
);

/** The townships, villages and communities a group covers (residents' concerns from there go to it). */
export const groupPlace = pgTable(
  'group_place',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    groupId: uuid('group_id').notNull().references(() => memberGroup.id, { onDelete: 'cascade' }),
    placeId: uuid('place_id').notNull().references(() => place.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.placeId] }), uniqueIndex('group_place_place_uq').on(t.placeId), index('group_place_org_idx').on(t.orgId)],
);
