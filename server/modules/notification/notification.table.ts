import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { org } from '../org/org.table.js';

/**
 * The notification outbox. Every message to a person is a row here first; the in-app channel is the
 * row itself (the member's 消息 list). SMS/WeChat senders later pick rows up by `channel` and stamp
 * `sent_at`. `dedupe_key` makes scheduled messages (deadline reminders) exactly-once, whatever the
 * number of app processes running the job.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    accountId: uuid('account_id').notNull().references(() => account.id),
    channel: text('channel').notNull().default('inapp'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** the page to open, e.g. /m/requests/<id> or /requests/<id> */
    link: text('link'),
    targetType: text('target_type'),
    targetId: uuid('target_id'),
    dedupeKey: text('dedupe_key'),
    data: jsonb('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_account_idx').on(t.accountId, t.createdAt),
    uniqueIndex('notification_dedupe_uq').on(t.orgId, t.accountId, t.dedupeKey),
  ],
);
