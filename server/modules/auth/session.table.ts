import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { org } from '../org/org.table.js';

/** Server-side sessions. The cookie holds a random token; the row holds only its SHA-256. */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id').notNull().references(() => account.id, { onDelete: 'cascade' }),
    /** The org the user is acting in now (org switcher). */
    orgId: uuid('org_id').references(() => org.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);
