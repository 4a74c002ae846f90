import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';
import { ROLES } from './account.schema.js';

/**
 * A sign-in identity. One person has one account, whatever the number of orgs they work in;
 * what they may do in each org is in `account_role`, which carries the org_id.
 */
export const account = pgTable(
  'account',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loginName: text('login_name').notNull(),
    displayName: text('display_name').notNull(),
    /** Phone number, AES-GCM encrypted; never stored in plain text. */
    phoneEnc: text('phone_enc'),
    /** HMAC of the normalised phone number: lets a person sign in by phone and keeps it unique. */
    phoneHash: text('phone_hash'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('account_login_name_uq').on(sql`lower(${t.loginName})`),
    uniqueIndex('account_phone_hash_uq').on(t.phoneHash),
    index('account_created_idx').on(t.createdAt, t.id),
  ],
);

export { ROLES, type Role } from './account.schema.js';

/** What an account may do in one org. A person may hold roles in several orgs. */
export const accountRole = pgTable(
  'account_role',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    accountId: uuid('account_id').notNull().references(() => account.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('account_role_uq').on(t.orgId, t.accountId, t.role),
    index('account_role_account_idx').on(t.accountId),
    check('account_role_role_check', sql`${t.role} in ('admin','staff','leader','member','unit')`),
  ],
);
