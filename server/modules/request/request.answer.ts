import { and, eq, sql } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { attachPhotos } from '../file/file.service.js';
import { updateDocState } from '../search/search.index.js';
import { requireAnyAccess } from './request.access.js';
import { addEvent, memberOf, type EventActor } from './request.people.js';
import { requestDetail } from './request.service.js';
import { OUTCOME_LABELS, type AnswerBody } from './request.schema.js';
import { request } from './request.table.js';
import { asStaffActor, lockRequest, type RequestRow } from './request.workflow.js';

/**
 * A member answers the resident (关键小事我来答): the responsible member, or any member of the
 * concern's group (who takes it over), or staff on a member's behalf (marked so). A member of
 * another group cannot. "Merged" closes the concern into another one of the org.
 */
export async function answerRequest(ctx: Ctx, id: string, b: AnswerBody) {
  const actor = requireAnyAccess(ctx.actor, ['request.answer', 'request.manage']);
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, actor.orgId, id);
    const me = actor.has('request.answer') ? await memberOf(tx, actor.orgId, actor.accountId) : null;
    const asMember = !!me && (row.memberId === me.id || (!!me.groupId && row.groupId === me.groupId));
    if (!asMember && !actor.has('request.manage')) throw forbidden('这条诉求不属于您所在的小组，不能答复；如需协助请联系政协机关');
    const by: AnswerBy = asMember
      ? { memberId: me!.id, actor: { accountId: actor.accountId, name: me!.name, role: 'member' }, onBehalf: false }
      : { memberId: row.memberId, actor: { ...asStaffActor(actor), name: `${actor.displayName}（代委员答复）` }, onBehalf: true };
    await applyAnswer(tx, ctx, row, b, by);
  });
  return requestDetail(ctx, id);
}

export interface AnswerBy {
  /** the member who answers (and from now on is responsible); null when staff answer a concern nobody holds */
  memberId: string | null;
  actor: EventActor;
  onBehalf: boolean;
}

/** The answer itself, once who answers is settled (the demo data use it to answer as the members who have no account yet). */
export async function applyAnswer(tx: Executor, ctx: Ctx, row: RequestRow, b: AnswerBody, by: AnswerBy) {
  const now = ctx.clock.now();
  const orgId = row.orgId;
  if (row.status === 'answered') throw conflict('该诉求已答复，正在等待群众评价');
  if (row.status === 'closed') throw conflict('该诉求已办结，不能再答复');
  let mergedIntoId: string | null = null;
  if (b.outcome === 'merged') {
    const [target] = await rowsOf<{ id: string; merged_into_id: string | null }>(tx, sql`select id, merged_into_id from request where org_id = ${orgId} and code = ${b.mergedIntoCode!}`);
    if (!target) throw fieldError('mergedIntoCode', `本组织没有编号为 ${b.mergedIntoCode} 的诉求`);
    if (target.id === row.id) throw fieldError('mergedIntoCode', '不能合并到诉求本身');
    if (target.merged_into_id) throw fieldError('mergedIntoCode', `诉求 ${b.mergedIntoCode} 本身已合并到其他诉求，请填写最终办理的诉求编号`);
    mergedIntoId = target.id;
  }
  await attachPhotos(tx, orgId, 'request_answer', row.id, b.photoIds);
  const merged = b.outcome === 'merged';
  await tx
    .update(request)
    .set({
      answer: b.answer,
      outcome: b.outcome,
      outcomeDepartment: b.outcome === 'referred' ? b.department! : null,
      mergedIntoId,
      answeredAt: now,
      firstAnsweredAt: row.firstAnsweredAt ?? now,
      status: merged ? 'closed' : 'answered',
      closedAt: merged ? now : null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      updatedAt: now,
      // a member of the group answering takes the concern
      memberId: by.memberId,
      claimedAt: row.claimedAt ?? (by.memberId ? now : null),
    })
    .where(and(eq(request.id, row.id), eq(request.orgId, orgId)));
  const outcome = `${OUTCOME_LABELS[b.outcome]}${b.outcome === 'referred' ? `（${b.department}）` : merged ? `（并入 ${b.mergedIntoCode}）` : ''}`;
  await addEvent(tx, { orgId, requestId: row.id, kind: 'answered', by: by.actor, note: outcome, data: { outcome: b.outcome, onBehalf: by.onBehalf }, at: now });
  if (merged) await addEvent(tx, { orgId, requestId: row.id, kind: 'closed', by: by.actor, note: `并入诉求 ${b.mergedIntoCode} 一并办理`, at: now });
  await writeAudit(
    ctx,
    {
      action: 'request.answer',
      orgId,
      actorId: by.actor.accountId,
      actorName: by.actor.name,
      summary: `${by.onBehalf ? '代委员' : ''}答复诉求 ${row.code}：${outcome}`,
      targetType: 'request',
      targetId: row.id,
      after: { outcome: b.outcome, department: b.department ?? null, mergedInto: b.mergedIntoCode ?? null },
    },
    tx,
  );
  await updateDocState(tx, 'request', row.id, { status: merged ? 'closed' : 'answered' });
}
