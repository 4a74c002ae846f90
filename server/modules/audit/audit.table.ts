import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log. Append-only: a trigger (migration 0001) refuses every UPDATE and every DELETE of
 * a row younger than 180 days, so only the retention job can remove old entries.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** null only for events outside any org, e.g. a failed sign-in with an unknown login name */
    orgId: uuid('org_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_log_org_time_idx').on(t.orgId, t.createdAt),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_time_idx').on(t.createdAt),
  ],
);
