import { and, asc, desc, eq, gt, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import { maskPhoneText } from '../../core/crypto.js';
import type { Ctx, Executor } from '../../core/context.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { org } from '../org/org.table.js';
import { settingsOf } from '../org/org.schema.js';
import { auditLog } from './audit.table.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntryView, type AuditExportQuery, type AuditListQuery } from './audit.schema.js';

export interface AuditEntry {
  action: AuditAction;
  summary: string;
  orgId?: string | null;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  /** defaults to the signed-in actor */
  actorId?: string | null;
  actorName?: string | null;
}

/** The one audit hook: services call it inside the transaction that makes the change. */
export async function writeAudit(ctx: Ctx, entry: AuditEntry, db: Executor = ctx.db) {
  await db.insert(auditLog).values({
    orgId: entry.orgId !== undefined ? entry.orgId : (ctx.actor?.orgId ?? null),
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.accountId ?? null),
    actorName: entry.actorName !== undefined ? entry.actorName : (ctx.actor?.displayName ?? null),
    action: entry.action,
    summary: entry.summary,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    createdAt: ctx.clock.now(),
  });
}

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDayStart = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

function filters(orgId: string, q: AuditExportQuery): SQL {
  const conds: (SQL | undefined)[] = [eq(auditLog.orgId, orgId)];
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.actor) conds.push(ilike(auditLog.actorName, containing(q.actor)));
  if (q.q) conds.push(or(ilike(auditLog.summary, containing(q.q)), eq(auditLog.targetId, q.q)));
  if (q.from) conds.push(gte(auditLog.createdAt, dayStart(q.from)));
  if (q.to) conds.push(lt(auditLog.createdAt, nextDayStart(q.to)));
  return and(...conds) as SQL;
}

type AuditRow = typeof auditLog.$inferSelect;
/** An ID number masked the way entries written before issue 11 kept it (420525********0623): with a birth date it gave the number away. */
const OLD_ID_MASK = /^\d{6}\*{4,}\d{3}[\dXx]$/;
/**
 * A snapshot as it may be shown: whatever older entries kept, no ID number digits and no whole phone
 * (a phone-named field is masked the way every page masks phones).
 */
export function redactSnapshot(v: unknown, key = ''): unknown {
  if (typeof v === 'string') {
    if (OLD_ID_MASK.test(v)) return '已登记';
    return /phone/i.test(key) && v.replace(/\D/g, '').length >= 7 && !v.includes('*') ? maskPhoneText(v) : v;
  }
  if (Array.isArray(v)) return v.map((x) => redactSnapshot(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactSnapshot(x, k)]));
  return v;
}

const presentAuditEntry = (r: AuditRow): AuditEntryView => ({
  id: r.id,
  createdAt: r.createdAt.toISOString(),
  actorName: r.actorName,
  action: r.action,
  actionLabel: AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
  summary: r.summary,
  targetType: r.targetType,
  targetId: r.targetId,
  before: redactSnapshot(r.before),
  after: redactSnapshot(r.after),
  ip: r.ip,
});

export async function listAudit(ctx: Ctx, q: AuditListQuery): Promise<Page<AuditEntryView>> {
  const actor = requireAccess(ctx.actor, 'audit.read');
  const where = filters(actor.orgId, q);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db.select().from(auditLog).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(where),
  ]);
  return { items: rows.map(presentAuditEntry), total, page: q.page, pageSize: q.pageSize };
}

/** Walks the filtered entries in id order, a batch at a time (the export streams them). */
export async function* iterateAudit(ctx: Ctx, q: AuditExportQuery, batch = 1000) {
  const actor = requireAccess(ctx.actor, 'audit.read');
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(and(filters(actor.orgId, q), gt(auditLog.id, after)))
      .orderBy(asc(auditLog.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows.map(presentAuditEntry);
    after = rows[rows.length - 1].id;
  }
}

/**
 * The retention job: removes entries older than each org's retention setting (never under 180 days;
 * the database trigger refuses anything younger). Returns the number removed.
 */
export async function purgeExpiredAudit(ctx: Ctx): Promise<number> {
  const orgs = await ctx.db.select({ id: org.id, settings: org.settings }).from(org);
  const now = ctx.clock.now().getTime();
  const cutoff = (days: number) => new Date(now - Math.max(days, 180) * 86_400_000);
  let removed = 0;
  for (const o of orgs) {
    const days = settingsOf(o.settings).auditRetentionDays;
    const gone = await ctx.db
      .delete(auditLog)
      .where(and(eq(auditLog.orgId, o.id), lt(auditLog.createdAt, cutoff(days))))
      .returning({ id: auditLog.id });
    removed += gone.length;
    if (gone.length > 0) {
      await writeAudit(ctx, {
        orgId: o.id,
        action: 'audit.purge',
        summary: `按保留期 ${days} 天清理过期审计日志 ${gone.length} 条`,
        actorId: null,
        actorName: '系统',
      });
    }
  }
  const orphans = await ctx.db
    .delete(auditLog)
    .where(and(isNull(auditLog.orgId), lt(auditLog.createdAt, cutoff(180))))
    .returning({ id: auditLog.id });
  return removed + orphans.length;
}
