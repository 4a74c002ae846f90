import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { org } from '../org/org.table.js';
import { committee, sector } from '../sector/sector.table.js';
import { term } from '../term/term.table.js';
import { GENDERS, MEMBER_POSITIONS, MEMBER_STATUSES } from './member.schema.js';

/**
 * A person, whatever the number of committees they sit on (市县两级委员 are one person). Phone and ID
 * numbers are AES-GCM encrypted; their keyed hashes match re-imports and keep them unique.
 */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** full pinyin without tones or spaces, and initials: search 张红梅 by "zhanghongmei" or "zhm" */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: GENDERS }).notNull(),
    birthDate: date('birth_date'),
    ethnicity: text('ethnicity').notNull().default('汉族'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    /** the sign-in account of this person, once they have one */
    accountId: uuid('account_id').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('person_phone_hash_uq').on(t.phoneHash),
    uniqueIndex('person_id_number_hash_uq').on(t.idNumberHash),
    uniqueIndex('person_account_uq').on(t.accountId),
    index('person_pinyin_idx').on(t.namePinyin),
    index('person_initials_idx').on(t.nameInitials),
  ],
);

/** 委员: a person's membership of one org's committee. Deactivated, never deleted, once it has history. */
export const member = pgTable(
  'member',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    personId: uuid('person_id').notNull().references(() => person.id),
    sectorId: uuid('sector_id').notNull().references(() => sector.id),
    party: text('party').notNull(),
    standing: boolean('standing').notNull().default(false),
    position: text('position', { enum: MEMBER_POSITIONS }).notNull().default('member'),
    /** 工作单位及职务 */
    workUnit: text('work_unit').notNull().default(''),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    leftAt: date('left_at'),
    leftReason: text('left_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('member_org_person_uq').on(t.orgId, t.personId),
    /** a person's memberships in every org (市县两级委员: "also a member of …") */
    index('member_person_idx').on(t.personId),
    index('member_org_sector_idx').on(t.orgId, t.sectorId),
    index('member_org_created_idx').on(t.orgId, t.createdAt, t.id),
    check('member_position_check', sql`${t.position} in ('chair','vice_chair','secretary_general','standing','member')`),
    check('member_status_check', sql`${t.status} in ('active','left')`),
  ],
);

export const memberCommittee = pgTable(
  'member_committee',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    memberId: uuid('member_id').notNull().references(() => member.id, { onDelete: 'cascade' }),
    committeeId: uuid('committee_id').notNull().references(() => committee.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.committeeId] }), index('member_committee_committee_idx').on(t.committeeId)],
);

export const memberTerm = pgTable(
  'member_term',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    memberId: uuid('member_id').notNull().references(() => member.id, { onDelete: 'cascade' }),
    termId: uuid('term_id').notNull().references(() => term.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.termId] }), index('member_term_term_idx').on(t.termId)],
);
