import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';

/**
 * 社情民意信息: a member's report of public opinion. Staff edit it and decide: adopt here, forward to the
 * upper org (whose staff then see it and decide at their level), or decline with a reason.
 */
export const opinionReport = pgTable(
  'opinion_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => account.id),
    declineReason: text('decline_reason'),
    /** the upper org it was forwarded to; its staff see it in their queue */
    forwardedToOrgId: uuid('forwarded_to_org_id').references(() => org.id),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('opinion_report_org_status_idx').on(t.orgId, t.status, t.createdAt),
    index('opinion_report_forwarded_idx').on(t.forwardedToOrgId),
    check('opinion_report_status_check', sql`${t.status} in ('draft','submitted','returned','adopted','forwarded','declined')`),
  ],
);

/** Authors in order: position 0 is the first author (the member who wrote it). */
export const opinionReportAuthor = pgTable(
  'opinion_report_author',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    reportId: uuid('report_id').notNull().references(() => opinionReport.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => member.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.memberId] }), index('opinion_report_author_member_idx').on(t.memberId)],
);

/** Adoption (采用) and leaders' instructions (批示), per level: county, city, province, national. */
export const opinionReportRecord = pgTable(
  'opinion_report_record',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the org whose staff recorded it */
    orgId: uuid('org_id').notNull().references(() => org.id),
    reportId: uuid('report_id').notNull().references(() => opinionReport.id),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    /** who adopted (e.g. 宜昌市政协办公室) or who instructed (e.g. 县委书记 张某某) */
    byName: text('by_name').notNull(),
    text: text('text').notNull().default(''),
    on: date('on').notNull(),
    recordedBy: uuid('recorded_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('opinion_report_record_report_idx').on(t.reportId),
    check('opinion_report_record_kind_check', sql`${t.kind} in ('adopted','instructed')`),
    check('opinion_report_record_level_check', sql`${t.level} in ('county','city','province','national')`),
  ],
);

/**
 * A report's history: written, submitted, edited by staff (the wording before and after in `data`),
 * adopted, forwarded, declined, returned, records added. Kept with the report, unlike the audit log,
 * which is purged after the org's retention period.
 */
export const opinionReportEvent = pgTable(
  'opinion_report_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** the org the actor acted in (the report's own org, or an upper org it was forwarded to) */
    orgId: uuid('org_id').notNull().references(() => org.id),
    reportId: uuid('report_id').notNull().references(() => opinionReport.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => account.id),
    actorName: text('actor_name').notNull(),
    note: text('note'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('opinion_report_event_report_idx').on(t.reportId, t.at)],
);

/** 社情民意 期刊: numbered issues per year compiled from adopted reports. */
export const bulletin = pgTable(
  'bulletin',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    issuedOn: date('issued_on').notNull(),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('bulletin_org_year_number_uq').on(t.orgId, t.year, t.number)],
);

export const bulletinItem = pgTable(
  'bulletin_item',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    bulletinId: uuid('bulletin_id').notNull().references(() => bulletin.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').notNull().references(() => opinionReport.id),
    sort: integer('sort').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bulletinId, t.reportId] }), index('bulletin_item_report_idx').on(t.reportId)],
);
