import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { org } from '../org/org.table.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * An uploaded file, kept in the database (see docs/decisions.md: backups stay whole and several app
 * processes see the same files). Photos are re-encoded before they get here (no EXIF/GPS), so the
 * stored bytes are always ours, never the uploader's.
 */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    /** what the file belongs to: 'request', 'request_answer', 'opinion_report' */
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    /** a public upload: keyed hash of the address it came from (the per-address limits), never the address itself */
    ipHash: text('ip_hash'),
    /** a public upload: the bytes received (before re-encoding), counted against the address's daily budget */
    receivedBytes: integer('received_bytes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_file_owner_idx').on(t.ownerType, t.ownerId), index('stored_file_ip_time_idx').on(t.ipHash, t.createdAt)],
);
