import { and, eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { addEvent, notifyProposers, notifyStaff, notifyUnit, rulesOf } from './proposal.access.js';
import { isReplying, loadAssignment, proposalName, unitAssignment } from './proposal.assign.js';
import { CONTACT_METHOD_LABELS, type ContactBody, type ExtensionBody, type ExtensionDecisionBody, type FollowUpBody, type SignOffBody } from './proposal.schema.js';
import { proposalAssignment, proposalContact, proposalExtension, proposalReply } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * What a unit does while handling: ask for more time (staff decide), record its contact with the
 * proposers, sign off as a co-handling unit (会签), and report again on a "being solved" reply.
 */

/** The member ids of the confirmed proposers of a proposal and of the proposals merged into it. */
export async function proposerIds(db: Executor, proposalId: string): Promise<{ member_id: string; proposal_id: string }[]> {
  return rowsOf(
    db,
    sql`select s.member_id, s.proposal_id from proposal_signer s join proposal x on x.id = s.proposal_id
      where (x.id = ${proposalId} or x.merged_into_id = ${proposalId}) and s.status = 'confirmed'`,
  );
}

export async function requestExtension(ctx: Ctx, assignmentId: string, b: ExtensionBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'requestExtension');
    if (!isReplying(a.role)) throw forbidden('会办单位不能申请延期，请按期将会办意见送主办单位');
    if (a.status === 'objected') throw conflict('异议处理期间不能申请延期');
    if (a.status !== 'handling') throw conflict('贵单位已经答复，不能再申请延期');
    const pending = await tx.select({ id: proposalExtension.id }).from(proposalExtension).where(and(eq(proposalExtension.assignmentId, a.id), eq(proposalExtension.status, 'pending')));
    if (pending.length) throw conflict('已有一份延期申请正在等待提案委审批');
    if (b.dueOn <= a.dueOn) throw fieldError('dueOn', `延期后的期限应晚于现在的期限（${a.dueOn}）`);
    const { rules } = await rulesOf(tx, actor.orgId);
    if (b.dueOn > a.maxDueOn) throw fieldError('dueOn', `延期不能超过交办之日起 ${rules.maxHandlingMonths} 个月（${a.maxDueOn}）`);
    const now = ctx.clock.now();
    await tx.insert(proposalExtension).values({ orgId: actor.orgId, proposalId: p.id, assignmentId: a.id, fromDueOn: a.dueOn, requestedDueOn: b.dueOn, reason: b.reason, requestedBy: actor.accountId, requestedAt: now });
    await addEvent(ctx, tx, actor, p.id, { kind: 'extension_requested', note: `申请延期至 ${b.dueOn}：${b.reason}`, unitId: unit.id });
    await writeAudit(ctx, { action: 'proposal.extension', summary: `${unit.name}申请${proposalName(p)}延期至 ${b.dueOn}`, targetType: 'proposal', targetId: p.id, after: { from: a.dueOn, to: b.dueOn, reason: b.reason } }, tx);
    await notifyStaff(tx, actor.orgId, p.id, { kind: 'proposal.extension', title: `申请延期：${p.title}`, body: `${unit.name}申请将答复期限由 ${a.dueOn} 延至 ${b.dueOn}。理由：${b.reason}`, at: now });
    return p.id;
  });
  return getProposal(ctx, id);
}

export async function decideExtension(ctx: Ctx, extensionId: string, b: ExtensionDecisionBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const [head] = await tx.select().from(proposalExtension).where(and(eq(proposalExtension.id, extensionId), eq(proposalExtension.orgId, actor.orgId)));
    if (!head) throw notFound('延期申请不存在');
    const { a, p } = await loadAssignment(tx, actor, head.assignmentId);
    assertAction(p.status, 'decideExtension');
    const [e] = await tx.select().from(proposalExtension).where(eq(proposalExtension.id, extensionId));
    if (e.status !== 'pending') throw conflict('该延期申请已经处理过了');
    if (!b.approve && b.note.length < 2) throw fieldError('note', '不同意延期请写明理由');
    if (b.approve && a.status !== 'handling') throw conflict('该承办单位已经答复，无需延期');
    const now = ctx.clock.now();
    await tx.update(proposalExtension).set({ status: b.approve ? 'approved' : 'refused', decidedBy: actor.accountId, decidedAt: now, decisionNote: b.note || null }).where(eq(proposalExtension.id, e.id));
    if (b.approve) await tx.update(proposalAssignment).set({ dueOn: e.requestedDueOn }).where(eq(proposalAssignment.id, a.id));
    const what = b.approve ? `同意延期至 ${e.requestedDueOn}` : `不同意延期，仍须于 ${a.dueOn} 前答复`;
    await addEvent(ctx, tx, actor, p.id, { kind: b.approve ? 'extension_approved' : 'extension_refused', note: [what, b.note].filter(Boolean).join('。'), unitId: a.unitId });
    await writeAudit(ctx, { action: 'proposal.extension', summary: `${proposalName(p)}：${what}`, targetType: 'proposal', targetId: p.id, after: { approve: b.approve, dueOn: b.approve ? e.requestedDueOn : a.dueOn, note: b.note } }, tx);
    await notifyUnit(tx, actor.orgId, a.unitId, p.id, { kind: 'proposal.extension', title: `${b.approve ? '同意' : '不同意'}延期：${p.title}`, body: [what, b.note].filter(Boolean).join('。'), at: now });
    return p.id;
  });
  return getProposal(ctx, id);
}

/** 沟通: how and when the unit spoke with the proposers (before replying, when the rules ask for it). */
export async function recordContact(ctx: Ctx, assignmentId: string, b: ContactBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'recordContact');
    const now = ctx.clock.now();
    if (b.on > chinaDate(now)) throw fieldError('on', '沟通日期不能晚于今天');
    const assignedOn = chinaDate(a.assignedAt);
    if (b.on < assignedOn) throw fieldError('on', `沟通日期不能早于交办日期（${assignedOn}）`);
    const proposers = new Set((await proposerIds(tx, p.id)).map((r) => r.member_id));
    if (b.memberIds.some((m) => !proposers.has(m))) throw fieldError('memberIds', '沟通的对象应为本提案的提案者');
    await tx.insert(proposalContact).values({ orgId: actor.orgId, proposalId: p.id, assignmentId: a.id, round: a.round, method: b.method, on: b.on, memberIds: b.memberIds, note: b.note, recordedBy: actor.accountId, createdAt: now });
    await addEvent(ctx, tx, actor, p.id, { kind: 'contacted', note: `${b.on} ${CONTACT_METHOD_LABELS[b.method]}：${b.note}`, unitId: unit.id });
    await writeAudit(ctx, { action: 'proposal.handle', summary: `${unit.name}登记与${proposalName(p)}提案者的沟通情况`, targetType: 'proposal', targetId: p.id, after: { method: b.method, on: b.on, round: a.round } }, tx);
    return p.id;
  });
  return getProposal(ctx, id);
}

/** 会签: a co-handling unit sends its input to the lead unit (it never replies to the proposers itself). */
export async function signOff(ctx: Ctx, assignmentId: string, b: SignOffBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'signOff');
    if (a.role !== 'co') throw conflict('只有会办单位需要会签，主办或承办单位请直接答复');
    if (a.status === 'signed_off') throw conflict('贵单位已经会签');
    if (a.status === 'objected') throw conflict('异议处理期间不能会签');
    const now = ctx.clock.now();
    await tx.update(proposalAssignment).set({ status: 'signed_off', signOffText: b.text, signedOffAt: now, signedOffBy: actor.accountId }).where(eq(proposalAssignment.id, a.id));
    const late = chinaDate(now) > a.dueOn;
    await addEvent(ctx, tx, actor, p.id, { kind: 'signed_off', note: late ? `逾期会签（期限 ${a.dueOn}）` : null, unitId: unit.id });
    await writeAudit(ctx, { action: 'proposal.handle', summary: `${unit.name}会签${proposalName(p)}`, targetType: 'proposal', targetId: p.id }, tx);
    const leads = await tx.select({ unitId: proposalAssignment.unitId }).from(proposalAssignment).where(and(eq(proposalAssignment.proposalId, p.id), eq(proposalAssignment.role, 'lead')));
    for (const l of leads) await notifyUnit(tx, actor.orgId, l.unitId, p.id, { kind: 'proposal.signoff', title: `会办单位已会签：${p.title}`, body: `${unit.name}已送来会办意见。`, at: now });
    return p.id;
  });
  return getProposal(ctx, id);
}

/** The unit reports again once the matter of a "being solved" reply is done. */
export async function reportFollowUp(ctx: Ctx, assignmentId: string, b: FollowUpBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'followUp');
    if (!isReplying(a.role)) throw forbidden('会办单位不直接答复提案者');
    if (a.status !== 'replied' || !a.followUpDueOn) throw conflict('本提案的答复不需要再次报告落实情况');
    if (a.followUpDoneAt) throw conflict('贵单位已经报告过落实情况');
    const now = ctx.clock.now();
    await tx.insert(proposalReply).values({ orgId: actor.orgId, proposalId: p.id, assignmentId: a.id, unitId: unit.id, round: a.round, kind: 'follow_up', body: b.body, signer: b.signer, sentBy: actor.accountId, sentAt: now });
    await tx.update(proposalAssignment).set({ followUpDoneAt: now }).where(eq(proposalAssignment.id, a.id));
    await addEvent(ctx, tx, actor, p.id, { kind: 'followed_up', note: chinaDate(now) > a.followUpDueOn ? `逾期报告（应于 ${a.followUpDueOn} 前）` : null, unitId: unit.id });
    await writeAudit(ctx, { action: 'proposal.reply', summary: `${unit.name}报告${proposalName(p)}的落实情况`, targetType: 'proposal', targetId: p.id }, tx);
    await notifyProposers(tx, p.id, { kind: 'proposal.followup', title: `提案落实情况：${p.title}`, body: `${unit.name}报告了办理落实情况。`, at: now });
    return p.id;
  });
  return getProposal(ctx, id);
}
