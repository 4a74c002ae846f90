import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { deleteOrphanUploads } from '../file/file.service.js';
import { updateDocState } from '../search/search.index.js';
import { purgeChallenges } from './request.challenge.js';
import { addEvent, notifyAccounts, peopleFor, staffOf, SYSTEM } from './request.people.js';
import { ruleSql } from './request.rules.js';
import { DEFAULT_REQUEST_RULES as D, OPEN_STATUSES } from './request.schema.js';

/** What the scheduled jobs need: the database, the clock and the field crypto (tests pass the ManualClock). */
export type JobCtx = Pick<Ctx, 'db' | 'clock' | 'crypto'>;

interface Due {
  id: string;
  org_id: string;
  code: string;
  title: string;
  group_id: string | null;
  member_id: string | null;
  reopen_count: number;
  due_at: Date;
  overdue: boolean;
}

/**
 * Deadline reminders, every 10 minutes, over every org with its own rules. Before the deadline
 * (from remindBeforeHours before it) the responsible member, else the group's convener, else the
 * staff hear of it; after it the group's liaison staff, else every staff account. Each message is
 * sent once per deadline (dedupe key with the reopen count), however often and by however many
 * processes the job runs; the timeline notes each reminder once.
 */
export async function runRequestReminders(ctx: JobCtx) {
  const now = ctx.clock.now();
  const rows = await rowsOf<Due>(
    ctx.db,
    sql`select r.id, r.org_id, r.code, r.title, r.group_id, r.member_id, r.reopen_count, r.due_at, (r.due_at <= ${now.toISOString()}) as overdue
      from request r join org o on o.id = r.org_id
      where r.status in ${valueList(OPEN_STATUSES)}
        and r.due_at - make_interval(hours => ${ruleSql('remindBeforeHours', D.remindBeforeHours)}) <= ${now.toISOString()}
        and not exists (select 1 from request_event e where e.request_id = r.id and e.kind = 'reminded'
          and e.data->>'stage' = (case when r.due_at <= ${now.toISOString()} then 'overdue' else 'due' end)
          and (e.data->>'reopenCount')::int = r.reopen_count)
      order by r.due_at`,
  );
  let sent = 0;
  for (const r of rows) {
    await ctx.db.transaction(async (tx) => {
      const people = await peopleFor(tx, r.org_id, r.group_id, r.member_id);
      const stage = r.overdue ? 'overdue' : 'due';
      const hours = Math.max(1, Math.round((new Date(r.due_at).getTime() - now.getTime()) / 3_600_000));
      const message = {
        orgId: r.org_id,
        requestId: r.id,
        kind: `request.${stage}`,
        title: r.overdue ? `诉求已超期未答复：${r.title}` : `诉求即将到期：${r.title}`,
        body: r.overdue ? `查询码 ${r.code} 的诉求已超过首次答复期限，请督促办理。` : `查询码 ${r.code} 的诉求约 ${hours} 小时后到期，请尽快答复群众。`,
        dedupeKey: `request:${r.id}:${stage}:${r.reopen_count}`,
        at: now,
      };
      const n = r.overdue
        ? await notifyAccounts(tx, [], message, staffOf(people))
        : people.member || people.convener
          ? await notifyAccounts(tx, [people.member ?? people.convener], message)
          : await notifyAccounts(tx, [], message, people.staff);
      if (n) await addEvent(tx, { orgId: r.org_id, requestId: r.id, kind: 'reminded', by: SYSTEM, note: r.overdue ? '已超期，提醒机关督办' : '即将到期，提醒委员答复', data: { stage, reopenCount: r.reopen_count }, at: now });
      sent += n;
    });
  }
  return sent;
}

/**
 * Daily: answers unrated after autoCloseDays close by themselves; residents' phone numbers and names
 * are erased phoneRetentionDays after closing (audited per org with the count); uploads never
 * attached and spent challenges are removed.
 */
export async function runRequestHousekeeping(ctx: JobCtx) {
  const now = ctx.clock.now().toISOString();
  const closed = await ctx.db.transaction(async (tx) => {
    const rows = await rowsOf<{ id: string; org_id: string; days: number }>(
      tx,
      sql`update request r set status = 'closed', closed_at = ${now}, updated_at = ${now}
        from org o where o.id = r.org_id and r.status = 'answered' and r.rating is null
          and r.answered_at + make_interval(days => ${ruleSql('autoCloseDays', D.autoCloseDays)}) <= ${now}
        returning r.id, r.org_id, ${ruleSql('autoCloseDays', D.autoCloseDays)} as days`,
    );
    for (const r of rows) {
      await addEvent(tx, { orgId: r.org_id, requestId: r.id, kind: 'closed', by: SYSTEM, note: `群众 ${r.days} 天内未评价，自动办结`, at: ctx.clock.now() });
      await updateDocState(tx, 'request', r.id, { status: 'closed' });
    }
    return rows.length;
  });
  const erased = await ctx.db.transaction(async (tx) => {
    const rows = await rowsOf<{ id: string; org_id: string; code: string }>(
      tx,
      sql`update request r set phone_enc = null, resident_name_enc = null, phone_hash = null, ip_hash = null, phone_erased_at = ${now}
        from org o where o.id = r.org_id and r.status = 'closed' and r.phone_erased_at is null
          and r.closed_at + make_interval(days => ${ruleSql('phoneRetentionDays', D.phoneRetentionDays)}) <= ${now}
        returning r.id, r.org_id, r.code`,
    );
    const byOrg = new Map<string, string[]>();
    for (const r of rows) {
      byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r.code]);
      await addEvent(tx, { orgId: r.org_id, requestId: r.id, kind: 'erased', by: SYSTEM, note: '办结期满，群众手机号和称呼已删除', at: ctx.clock.now() });
    }
    const jobCtx: Ctx = { ...ctx, actor: null, ip: null, userAgent: 'scheduler' };
    for (const [orgId, codes] of byOrg)
      await writeAudit(jobCtx, { action: 'request.erase_phone', orgId, actorId: null, actorName: '系统', summary: `删除 ${codes.length} 条已办结诉求的群众手机号和称呼（保留期满）`, after: { codes } }, tx);
    return rows.length;
  });
  const photos = await deleteOrphanUploads(ctx.db, ctx.clock.now());
  const challenges = await purgeChallenges(ctx.db, ctx.clock.now());
  return { closed, erased, photos, challenges };
}
