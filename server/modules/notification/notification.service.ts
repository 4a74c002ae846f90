import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { requireSignedIn } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { offsetOf, type Page } from '../../core/pagination.js';
import { notification } from './notification.table.js';
import type { NotificationListQuery, NotificationView } from './notification.schema.js';

export interface NotifyInput {
  orgId: string;
  accountId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** same key, same recipient: sent once (deadline reminders run by several processes) */
  dedupeKey?: string | null;
  at: Date;
}

/**
 * Puts messages in the outbox, in the caller's transaction. The in-app channel is the row itself;
 * SMS/WeChat senders are later providers reading the same rows. Returns how many were new.
 */
export async function notify(db: Executor, items: NotifyInput[]): Promise<number> {
  if (!items.length) return 0;
  const rows = await db
    .insert(notification)
    .values(
      items.map((n) => ({
        orgId: n.orgId,
        accountId: n.accountId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        targetType: n.targetType ?? null,
        targetId: n.targetId ?? null,
        dedupeKey: n.dedupeKey ?? null,
        createdAt: n.at,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notification.id });
  return rows.length;
}

const present = (r: typeof notification.$inferSelect): NotificationView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  read: !!r.readAt,
});

/** The signed-in person's messages in the org they act in, newest first. */
export async function listNotifications(ctx: Ctx, q: NotificationListQuery): Promise<Page<NotificationView> & { unread: number }> {
  const actor = requireSignedIn(ctx.actor);
  const mine = and(eq(notification.accountId, actor.accountId), actor.orgId ? eq(notification.orgId, actor.orgId) : isNull(notification.orgId));
  const where = q.unread ? and(mine, isNull(notification.readAt)) : mine;
  const [rows, [{ n }], [{ u }]] = await Promise.all([
    ctx.db.select().from(notification).where(where).orderBy(desc(notification.createdAt), desc(notification.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(notification).where(where),
    ctx.db.select({ u: count() }).from(notification).where(and(mine, isNull(notification.readAt))),
  ]);
  return { items: rows.map(present), total: n, page: q.page, pageSize: q.pageSize, unread: u };
}

export async function unreadCount(ctx: Ctx) {
  const actor = requireSignedIn(ctx.actor);
  if (!actor.orgId) return { unread: 0 };
  const [{ u }] = await ctx.db
    .select({ u: count() })
    .from(notification)
    .where(and(eq(notification.accountId, actor.accountId), eq(notification.orgId, actor.orgId), isNull(notification.readAt)));
  return { unread: u };
}

/** Marks one message (or, without an id, all of them) read. Another person's message is "not found". */
export async function markRead(ctx: Ctx, id?: string) {
  const actor = requireSignedIn(ctx.actor);
  const mine = and(eq(notification.accountId, actor.accountId), isNull(notification.readAt));
  const rows = await ctx.db
    .update(notification)
    .set({ readAt: ctx.clock.now() })
    .where(id ? and(mine, eq(notification.id, id)) : mine)
    .returning({ id: notification.id });
  if (id && !rows.length) {
    const [own] = await ctx.db.select({ id: notification.id }).from(notification).where(and(eq(notification.id, id), eq(notification.accountId, actor.accountId)));
    if (!own) throw notFound('消息不存在');
  }
  return { ok: true as const };
}
