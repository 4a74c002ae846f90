import { and, eq, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { updateDocState } from '../search/search.index.js';
import { requireAnyAccess } from './request.access.js';
import { addEvent, memberOf, notifyAccounts, peopleFor, type EventActor, type Me } from './request.people.js';
import { requestDetail } from './request.service.js';
import { OPEN_STATUSES, type RequestStatus, type RouteBody } from './request.schema.js';
import { request } from './request.table.js';

/**
 * Claiming, assigning, routing, publishing, hiding and closing a concern (answering: request.answer.ts).
 * Each runs in one transaction on the row locked, records a timeline event and an audit entry.
 */
export type RequestRow = typeof request.$inferSelect;

export async function lockRequest(tx: Executor, orgId: string, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(request).where(and(eq(request.orgId, orgId), eq(request.id, id))).for('update');
  if (!row) throw notFound('诉求不存在');
  return row;
}
export const isOpen = (status: string) => OPEN_STATUSES.includes(status as RequestStatus);
const mustBeOpen = (row: RequestRow) => {
  if (row.status === 'answered') throw conflict('该诉求已答复，正在等待群众评价');
  if (row.status === 'closed') throw conflict('该诉求已办结');
};
export const asMemberActor = (me: Me): EventActor => ({ accountId: null, name: me.name, role: 'member' });
export const asStaffActor = (a: OrgActor): EventActor => ({ accountId: a.accountId, name: a.displayName, role: 'staff' });

/** An active member of the org (and, when groupId is given, of that group). */
export async function activeMember(db: Executor, orgId: string, memberId: string, groupId?: string | null) {
  const [m] = await rowsOf<{ id: string; name: string; group_id: string | null }>(
    db,
    sql`select m.id, p.name, gm.group_id from member m join person p on p.id = m.person_id left join group_member gm on gm.member_id = m.id
      where m.org_id = ${orgId} and m.id = ${memberId} and m.status = 'active'`,
  );
  if (!m) throw fieldError('memberId', '所选委员不是本组织在任委员');
  if (groupId !== undefined && m.group_id !== groupId) throw fieldError('memberId', `${m.name}不是本小组成员`);
  return m;
}

/** A member of the concern's group takes it (认领). */
export async function claimRequest(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'request.answer');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const me = await memberOf(tx, actor.orgId, actor.accountId);
    const row = await lockRequest(tx, actor.orgId, id);
    if (!me?.groupId || row.groupId !== me.groupId) throw forbidden('只能认领本小组的诉求');
    mustBeOpen(row);
    if (row.memberId === me.id) throw conflict('您已认领这条诉求');
    if (row.memberId && row.status === 'claimed') {
      const [other] = await rowsOf<{ name: string }>(tx, sql`select p.name from member m join person p on p.id = m.person_id where m.id = ${row.memberId}`);
      throw conflict(`这条诉求已由${other?.name ?? '其他'}委员认领`);
    }
    await tx.update(request).set({ memberId: me.id, status: 'claimed', claimedAt: now, updatedAt: now }).where(eq(request.id, id));
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: 'claimed', by: { ...asMemberActor(me), accountId: actor.accountId }, at: now });
    await writeAudit(ctx, { action: 'request.claim', summary: `${me.name}认领诉求 ${row.code}`, targetType: 'request', targetId: id }, tx);
    await updateDocState(tx, 'request', id, { status: 'claimed' });
  });
  return requestDetail(ctx, id);
}

/** The group's convener (to a member of the group) or staff (to any active member) names who answers. */
export async function assignRequest(ctx: Ctx, id: string, memberId: string) {
  const actor = requireAnyAccess(ctx.actor, ['request.answer', 'request.manage']);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    const staff = actor.has('request.manage');
    const me = staff ? null : await memberOf(tx, actor.orgId, actor.accountId);
    if (!staff && (!me?.convenes || me.convenes !== row.groupId)) throw forbidden('只有本小组召集人或机关干部可以指定办理委员');
    mustBeOpen(row);
    const m = await activeMember(tx, actor.orgId, memberId, staff ? undefined : row.groupId);
    await tx.update(request).set({ memberId: m.id, status: 'claimed', claimedAt: now, updatedAt: now }).where(eq(request.id, id));
    const by = staff ? asStaffActor(actor) : { ...asMemberActor(me!), accountId: actor.accountId };
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: 'assigned', by, note: `由${m.name}委员办理`, data: { memberId: m.id }, at: now });
    const people = await peopleFor(tx, actor.orgId, row.groupId, m.id);
    await notifyAccounts(tx, [people.member], { orgId: actor.orgId, requestId: id, kind: 'request.assigned', title: `请您办理群众诉求：${row.title}`, body: `${by.name}指定您办理查询码 ${row.code} 的诉求，请在期限内答复。`, at: now });
    await writeAudit(ctx, { action: 'request.route', summary: `指定${m.name}委员办理诉求 ${row.code}`, targetType: 'request', targetId: id, before: { memberId: row.memberId }, after: { memberId: m.id } }, tx);
    await updateDocState(tx, 'request', id, { status: 'claimed' });
  });
  return requestDetail(ctx, id);
}

/** Staff send a concern to another group (and committee, member): the rule's choice overruled. */
export async function routeRequest(ctx: Ctx, id: string, b: RouteBody) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    mustBeOpen(row);
    const [g] = await rowsOf<{ name: string }>(tx, sql`select name from member_group where org_id = ${actor.orgId} and id = ${b.groupId}`);
    if (!g) throw fieldError('groupId', '所选小组不存在');
    if (b.committeeId) {
      const [c] = await rowsOf<{ id: string }>(tx, sql`select id from committee where org_id = ${actor.orgId} and id = ${b.committeeId}`);
      if (!c) throw fieldError('committeeId', '所选专委会不存在');
    }
    const m = b.memberId ? await activeMember(tx, actor.orgId, b.memberId, b.groupId) : null;
    // the member answering stays only if they are in the new group
    const keep = !m && row.memberId ? (await rowsOf<{ ok: boolean }>(tx, sql`select exists (select 1 from group_member where group_id = ${b.groupId} and member_id = ${row.memberId}) as ok`))[0].ok : false;
    const memberId = m?.id ?? (keep ? row.memberId : null);
    const status = memberId ? 'claimed' : row.status === 'reopened' ? 'reopened' : 'new';
    await tx
      .update(request)
      .set({ groupId: b.groupId, committeeId: b.committeeId === undefined ? row.committeeId : b.committeeId, memberId, status, routedBy: 'staff', updatedAt: now, ...(m ? { claimedAt: now } : {}) })
      .where(eq(request.id, id));
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: 'routed', by: asStaffActor(actor), note: `转交${g.name}${m ? `，由${m.name}委员办理` : ''}${b.note ? `（${b.note}）` : ''}`, data: { groupId: b.groupId, memberId }, at: now });
    const people = await peopleFor(tx, actor.orgId, b.groupId, memberId);
    await notifyAccounts(tx, [people.convener, people.member], { orgId: actor.orgId, requestId: id, kind: 'request.routed', title: `群众诉求转交${g.name}：${row.title}`, body: b.note || `查询码 ${row.code}，请及时认领答复。`, at: now }, [people.liaison]);
    await writeAudit(ctx, { action: 'request.route', summary: `将诉求 ${row.code} 转交${g.name}`, targetType: 'request', targetId: id, before: { groupId: row.groupId, committeeId: row.committeeId, memberId: row.memberId }, after: { ...b, memberId } }, tx);
    await updateDocState(tx, 'request', id, { status });
  });
  return requestDetail(ctx, id);
}

/** Staff approve an answered concern for the public list (or take it back to unreviewed). */
export async function publishRequest(ctx: Ctx, id: string, publish: boolean) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    if (publish && !row.answeredAt) throw conflict('只有已答复的诉求才能公开');
    if (publish && row.status !== 'answered' && row.status !== 'closed') throw conflict('诉求正在重新办理，答复后才能公开');
    await tx.update(request).set(publish ? { publishState: 'published', publishedAt: now, publishReason: null, updatedAt: now } : { publishState: 'unreviewed', publishedAt: null, updatedAt: now }).where(eq(request.id, id));
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: publish ? 'published' : 'unpublished', by: asStaffActor(actor), at: now });
    await writeAudit(ctx, { action: 'request.publish', summary: `${publish ? '公开' : '取消公开'}诉求 ${row.code}`, targetType: 'request', targetId: id, before: { publishState: row.publishState }, after: { publishState: publish ? 'published' : 'unreviewed' } }, tx);
    await updateDocState(tx, 'request', id, { isPublic: publish });
  });
  return requestDetail(ctx, id);
}

/** Staff hide a concern from the public list; the reason is kept (the resident still sees their own answer). */
export async function hideRequest(ctx: Ctx, id: string, reason: string) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    await tx.update(request).set({ publishState: 'hidden', publishReason: reason, publishedAt: null, updatedAt: now }).where(eq(request.id, id));
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: 'hidden', by: asStaffActor(actor), note: reason, at: now });
    await writeAudit(ctx, { action: 'request.hide', summary: `屏蔽诉求 ${row.code}：${reason}`, targetType: 'request', targetId: id, before: { publishState: row.publishState }, after: { publishState: 'hidden', reason } }, tx);
    await updateDocState(tx, 'request', id, { isPublic: false });
  });
  return requestDetail(ctx, id);
}

/** Staff close a concern handled offline (a reopened one settled by phone, a duplicate, an abusive one). */
export async function closeRequest(ctx: Ctx, id: string, note: string) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    if (row.status === 'closed') throw conflict('该诉求已办结');
    await tx.update(request).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(request.id, id));
    await addEvent(tx, { orgId: actor.orgId, requestId: id, kind: 'closed', by: asStaffActor(actor), note, at: now });
    await writeAudit(ctx, { action: 'request.close', summary: `办结诉求 ${row.code}：${note}`, targetType: 'request', targetId: id, before: { status: row.status }, after: { status: 'closed', note } }, tx);
    await updateDocState(tx, 'request', id, { status: 'closed' });
  });
  return requestDetail(ctx, id);
}
