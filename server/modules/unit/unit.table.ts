import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { org } from '../org/org.table.js';

/**
 * 承办单位: a government department (or court, procuratorate, people's organisation…) that handles
 * proposals. Its staff sign in with 'unit' accounts linked below; the unit, not the person, is assigned.
 */
export const handlingUnit = pgTable(
  'handling_unit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** 'government' 政府部门, 'judicial' 法院/检察院, 'party' 党委部门, 'organisation' 人民团体, 'enterprise' 企事业单位, 'township' 乡镇 */
    kind: text('kind').notNull().default('government'),
    /** who signs its reply letters and whom the committee calls; the phone AES-GCM encrypted (null: none) */
    contactName: text('contact_name').notNull().default(''),
    contactPhoneEnc: text('contact_phone_enc'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('handling_unit_org_name_uq').on(t.orgId, t.name)],
);

/** Which unit a 'unit' account works for, per org (one unit per account in an org). */
export const handlingUnitAccount = pgTable(
  'handling_unit_account',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    unitId: uuid('unit_id').notNull().references(() => handlingUnit.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull().references(() => account.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.accountId] }), uniqueIndex('handling_unit_account_org_account_uq').on(t.orgId, t.accountId), index('handling_unit_account_account_idx').on(t.accountId)],
);
