import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { memberGroup } from '../group/group.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';
import { PARTY_ORG_KINDS, PARTY_ROLES } from './party.schema.js';

/**
 * 党组织: 政协党组 — 机关党组 — 机关党委 — 支部, and the temporary branches (临时党支部) of groups. A tree.
 * A temporary branch's party members are the CPC members of its group (derived, never copied);
 * its officers are stored.
 */
export const partyOrg = pgTable(
  'party_org',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => partyOrg.id),
    kind: text('kind', { enum: PARTY_ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    /** the group a temporary branch belongs to */
    groupId: uuid('group_id').references(() => memberGroup.id),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('party_org_org_name_uq').on(t.orgId, t.name),
    uniqueIndex('party_org_group_uq').on(t.groupId),
    uniqueIndex('party_org_one_party_group_uq').on(t.orgId).where(sql`${t.kind} = 'party_group'`),
    index('party_org_parent_idx').on(t.parentId),
    check('party_org_kind_check', sql`${t.kind} in ('party_group','organ_party_group','organ_party_committee','branch','temp_branch')`),
    check('party_org_temp_group_check', sql`(${t.kind} = 'temp_branch') = (${t.groupId} is not null)`),
  ],
);

/** A party member of a party org, and their office in it: a committee member (委员) or an office staff member (机关干部). */
export const partyOrgMember = pgTable(
  'party_org_member',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    partyOrgId: uuid('party_org_id').notNull().references(() => partyOrg.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').references(() => member.id),
    accountId: uuid('account_id').references(() => account.id),
    role: text('role', { enum: PARTY_ROLES }).notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('party_org_member_member_uq').on(t.partyOrgId, t.memberId),
    uniqueIndex('party_org_member_account_uq').on(t.partyOrgId, t.accountId),
    uniqueIndex('party_org_one_secretary_uq').on(t.partyOrgId).where(sql`${t.role} = 'secretary'`),
    index('party_org_member_member_idx').on(t.memberId),
    check('party_org_member_who_check', sql`(${t.memberId} is null) <> (${t.accountId} is null)`),
    check('party_org_member_role_check', sql`${t.role} in ('secretary','deputy_secretary','committee_member','member')`),
  ],
);
