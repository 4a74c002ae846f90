import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { memberGroup } from '../group/group.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';
import { place } from '../place/place.table.js';
import { committee } from '../sector/sector.table.js';

/** The org's concern categories (环境整治, 道路交通…), each optionally routed to a special committee. */
export const requestCategory = pgTable(
  'request_category',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    name: text('name').notNull(),
    committeeId: uuid('committee_id').references(() => committee.id),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('request_category_org_name_uq').on(t.orgId, t.name)],
);

/**
 * 群众诉求: a concern raised by a resident (no account), followed by its tracking code. Routed to the
 * group covering its place and, by category, to a special committee; answered by a member.
 * The resident's name and phone are encrypted and erased a set time after the concern closes.
 */
export const request = pgTable(
  'request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    /** tracking code given to the resident, e.g. YA7K3M9Q */
    code: text('code').notNull(),
    categoryId: uuid('category_id').notNull().references(() => requestCategory.id),
    placeId: uuid('place_id').notNull().references(() => place.id),
    title: text('title').notNull(),
    content: text('content').notNull(),
    residentNameEnc: text('resident_name_enc'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    /** keyed hash of the address it was raised from (limits), never the address itself */
    ipHash: text('ip_hash'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('new'),
    groupId: uuid('group_id').references(() => memberGroup.id),
    committeeId: uuid('committee_id').references(() => committee.id),
    /** the member answering it */
    memberId: uuid('member_id').references(() => member.id),
    /** 'rule' when routing found the group, 'staff' after a reassignment */
    routedBy: text('routed_by').notNull().default('rule'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answer: text('answer'),
    outcome: text('outcome'),
    outcomeDepartment: text('outcome_department'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => request.id),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** public list: 'unreviewed' until staff decide; 'hidden' keeps its reason */
    publishState: text('publish_state').notNull().default('unreviewed'),
    publishReason: text('publish_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    phoneErasedAt: timestamp('phone_erased_at', { withTimezone: true }),
    followCount: integer('follow_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('request_code_uq').on(t.code),
    index('request_org_created_idx').on(t.orgId, t.createdAt),
    index('request_org_status_due_idx').on(t.orgId, t.status, t.dueAt),
    index('request_group_status_idx').on(t.groupId, t.status),
    index('request_member_status_idx').on(t.memberId, t.status),
    index('request_phone_time_idx').on(t.phoneHash, t.createdAt),
    index('request_ip_time_idx').on(t.ipHash, t.createdAt),
    index('request_public_idx').on(t.orgId, t.publishState, t.answeredAt),
    check('request_status_check', sql`${t.status} in ('new','claimed','answered','reopened','closed')`),
    check('request_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('solved','explained','referred','merged')`),
    check('request_rating_check', sql`${t.rating} is null or ${t.rating} in ('satisfied','basic','unsatisfied')`),
    check('request_publish_check', sql`${t.publishState} in ('unreviewed','published','hidden')`),
  ],
);

/** A concern's timeline: every step, who and when (the resident sees the public ones). */
export const requestEvent = pgTable(
  'request_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    requestId: uuid('request_id').notNull().references(() => request.id),
    kind: text('kind').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => account.id),
    /** shown name: the member's or staff member's name, or 群众 */
    actorName: text('actor_name').notNull(),
    note: text('note'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('request_event_request_idx').on(t.requestId, t.at)],
);

/**
 * A concern, or several similar ones, taken further: an opinion report draft (target set), a proposal
 * draft or a consultation topic candidate (the lists the proposals and consultation capabilities take up).
 */
export const requestEscalation = pgTable(
  'request_escalation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    /** the opinion report (or later proposal/topic) made from it */
    targetId: uuid('target_id'),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('request_escalation_org_idx').on(t.orgId, t.kind, t.createdAt),
    check('request_escalation_kind_check', sql`${t.kind} in ('opinion_report','proposal','topic')`),
  ],
);

export const requestEscalationItem = pgTable(
  'request_escalation_item',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    escalationId: uuid('escalation_id').notNull().references(() => requestEscalation.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id').notNull().references(() => request.id),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.requestId] }), index('request_escalation_item_request_idx').on(t.requestId)],
);

/**
 * One follow of a published concern per device (a random token the phone keeps; its keyed hash here):
 * the primary key makes a second follow from the same device count nothing, even at the same moment.
 */
export const requestFollow = pgTable(
  'request_follow',
  {
    requestId: uuid('request_id').notNull().references(() => request.id),
    orgId: uuid('org_id').notNull().references(() => org.id),
    deviceHash: text('device_hash').notNull(),
    /** keyed hash of the address it came from (the per-address limit) */
    ipHash: text('ip_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.deviceHash] }), index('request_follow_ip_time_idx').on(t.ipHash, t.createdAt)],
);

/** Solved self-hosted challenges (altcha), kept until they expire so that none is used twice. */
export const challengeUse = pgTable('challenge_use', {
  signature: text('signature').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
