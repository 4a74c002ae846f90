import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { addWorkdays, chinaDate, monthsLimit, type WorkCalendar } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { updateDocState } from '../search/search.index.js';
import { addEvent, loadProposal, notifyProposers, notifyUnit, rulesOf, type ProposalRow } from './proposal.access.js';
import { loadAssignment, proposalName, unitAssignment } from './proposal.assign.js';
import type { CategoryCorrectionBody, ProposalRules, RehandleBody, ReplyBody } from './proposal.schema.js';
import { proposal, proposalAssignment, proposalExtension, proposalRating, proposalReply } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 复文: a sole, lead or separate unit replies with a result category; when every replying unit has a
 * current reply the proposal is 'replied'. Staff may send a reply back (or, after 不满意, ask for it
 * to be handled again) with a new deadline, and may correct a reply's category.
 */

export const CO_UNIT_REPLY = '会办单位不直接答复提案者，请通过会签将意见送主办单位';

const categoryOf = (rules: ProposalRules, code: string) => {
  const c = rules.replyCategories.find((x) => x.code === code);
  if (!c) throw fieldError('category', `答复类别应为${rules.replyCategories.map((x) => x.code).join('、')}之一`);
  return c;
};

/** The co-handling units of the proposal that still hold up the lead's reply: not signed off, input date not passed. */
async function waitingCoUnits(db: Executor, proposalId: string, today: string) {
  return rowsOf<{ name: string; due_on: string }>(
    db,
    sql`select u.name, a.due_on::text from proposal_assignment a join handling_unit u on u.id = a.unit_id
      where a.proposal_id = ${proposalId} and a.role = 'co' and a.status in ('handling','objected') and a.due_on >= ${today} order by u.sort, u.name`,
  );
}

/**
 * The proposal becomes 'replied' once every replying unit (sole, lead, separate) has a current sent
 * reply; publishDueOn counts from that day when the proposal may be published. Returns whether it did.
 */
async function rollUpReplied(ctx: Ctx, tx: Executor, p: ProposalRow, rules: ProposalRules, today: string, cal: WorkCalendar) {
  const [left] = await rowsOf<{ n: number }>(
    tx,
    sql`select count(*)::int as n from proposal_assignment a where a.proposal_id = ${p.id} and a.role <> 'co' and a.status <> 'withdrawn'
      and not (a.status = 'replied' and exists (select 1 from proposal_reply r where r.assignment_id = a.id and r.round = a.round and r.kind = 'reply' and r.status = 'sent'))`,
  );
  if (left.n > 0) return false;
  const now = ctx.clock.now();
  const publishDueOn = p.mayPublish && !p.publishMode ? addWorkdays(today, rules.publishWorkdays, cal) : p.publishDueOn;
  await tx.update(proposal).set({ status: 'replied', repliedAt: now, publishDueOn, updatedAt: now }).where(eq(proposal.id, p.id));
  await updateDocState(tx, 'proposal', p.id, { status: 'replied' });
  return true;
}

/**
 * The letter's contact as given, its phone encrypted; left empty, the unit's registered contact — whose whole
 * phone the unit's own pages show masked, so the form leaves it to the server rather than reveal it to fill
 * itself in (the unit's encrypted phone is copied as stored, never decrypted here).
 */
const registeredContact = (ctx: Ctx, unitId: string, b: ReplyBody) => ({
  contactName: b.contactName || sql<string>`(select contact_name from handling_unit where id = ${unitId})`,
  contactPhoneEnc: b.contactPhone
    ? ctx.crypto.encrypt(b.contactPhone)
    : sql<string | null>`(select case when ${b.contactName} in ('', contact_name) then contact_phone_enc end from handling_unit where id = ${unitId})`,
});

export async function replyToProposal(ctx: Ctx, assignmentId: string, b: ReplyBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'reply');
    if (a.role === 'co') throw forbidden(CO_UNIT_REPLY, 'CO_UNIT_REPLY');
    if (a.status === 'objected') throw conflict('贵单位对交办提出的异议尚未处理，暂不能答复');
    if (a.status === 'replied') throw conflict('贵单位已经答复，请等待提案者测评');
    const { rules, calendar } = await rulesOf(tx, actor.orgId);
    const now = ctx.clock.now();
    const today = chinaDate(now);
    const category = categoryOf(rules, b.category);
    if (category.followUp && !b.followUpOn) throw fieldError('followUpOn', `“${category.label}”类答复请填写再次报告落实情况的日期`);
    if (category.followUp && b.followUpOn! <= today) throw fieldError('followUpOn', '再次报告落实情况的日期应晚于今天');
    if (rules.contactRequired) {
      const [c] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from proposal_contact where assignment_id = ${a.id} and round = ${a.round}`);
      if (!c.n) throw conflict('答复前请先登记与提案者的沟通情况');
    }
    if (a.role === 'lead') {
      const waiting = await waitingCoUnits(tx, p.id, today);
      if (waiting.length) throw conflict(`会办单位尚未会签：${waiting.map((w) => `${w.name}（会办期限 ${w.due_on}）`).join('、')}，请待会签后再答复`);
    }
    const followUpOn = category.followUp ? b.followUpOn : null;
    const { contactPhone: _phone, ...letter } = b;
    const [reply] = await tx
      .insert(proposalReply)
      .values({ orgId: actor.orgId, proposalId: p.id, assignmentId: a.id, unitId: unit.id, round: a.round, kind: 'reply', ...letter, ...registeredContact(ctx, unit.id, b), followUpOn, sentBy: actor.accountId, sentAt: now })
      .returning();
    await tx.update(proposalAssignment).set({ status: 'replied', followUpDueOn: followUpOn, followUpDoneAt: null }).where(eq(proposalAssignment.id, a.id));
    // an extension still asked for is moot once the unit has replied
    await tx
      .update(proposalExtension)
      .set({ status: 'refused', decidedAt: now, decisionNote: '承办单位已答复，延期申请自动撤销' })
      .where(and(eq(proposalExtension.assignmentId, a.id), eq(proposalExtension.status, 'pending')));
    const late = today > a.dueOn;
    await addEvent(ctx, tx, actor, p.id, { kind: 'replied', note: `答复类别：${category.code}（${category.label}）${followUpOn ? `，${followUpOn} 前再次报告落实情况` : ''}${late ? `；逾期答复（期限 ${a.dueOn}）` : ''}`, unitId: unit.id, data: { replyId: reply.id } });
    await writeAudit(ctx, { action: 'proposal.reply', summary: `${unit.name}答复${proposalName(p)}（${category.code}类）`, targetType: 'proposal', targetId: p.id, after: { replyId: reply.id, category: category.code, followUpOn, round: a.round } }, tx);
    const all = await rollUpReplied(ctx, tx, p, rules, today, calendar);
    await notifyProposers(tx, p.id, {
      kind: 'proposal.replied',
      title: `您的提案已答复：${p.title}`,
      body: all ? `${unit.name}已答复，请对办理工作和办理结果进行测评。` : `${unit.name}已答复，其他承办单位答复后请一并测评。`,
      at: now,
    });
    return p.id;
  });
  return getProposal(ctx, id);
}

/**
 * Staff send a unit's reply back: its current reply stays visible as 'returned' with the reason, the
 * unit handles it again (round + 1) by a new deadline, and the proposal is back to 'assigned'.
 */
export async function rehandle(ctx: Ctx, assignmentId: string, b: RehandleBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p } = await loadAssignment(tx, actor, assignmentId);
    assertAction(p.status, 'rehandle');
    if (a.role === 'co') throw conflict('会办单位没有单独答复，请退回主办单位重办');
    if (a.status !== 'replied') throw conflict('该承办单位尚未答复，不能退回重办');
    const { rules, calendar } = await rulesOf(tx, actor.orgId);
    const now = ctx.clock.now();
    const today = chinaDate(now);
    const latest = monthsLimit(today, rules.maxHandlingMonths, calendar);
    if (b.dueOn <= today) throw fieldError('dueOn', '新的办理期限应晚于今天');
    if (b.dueOn > latest) throw fieldError('dueOn', `新的办理期限不能超过 ${rules.maxHandlingMonths} 个月（${latest}）`);
    const current = await tx.select().from(proposalReply).where(and(eq(proposalReply.assignmentId, a.id), eq(proposalReply.round, a.round), eq(proposalReply.status, 'sent')));
    await tx.update(proposalReply).set({ status: 'returned', returnedReason: b.reason, returnedAt: now, returnedBy: actor.accountId }).where(and(eq(proposalReply.assignmentId, a.id), eq(proposalReply.round, a.round), eq(proposalReply.status, 'sent')));
    await tx
      .update(proposalAssignment)
      .set({ status: 'handling', round: a.round + 1, dueOn: b.dueOn, maxDueOn: latest, followUpDueOn: null, followUpDoneAt: null })
      .where(eq(proposalAssignment.id, a.id));
    await tx
      .update(proposal)
      .set({ status: 'assigned', repliedAt: null, closedAt: null, publishDueOn: p.publishMode ? p.publishDueOn : null, updatedAt: now })
      .where(eq(proposal.id, p.id));
    const unhappy = current.length
      ? (await tx.select({ id: proposalRating.id }).from(proposalRating).where(and(inArray(proposalRating.replyId, current.map((r) => r.id)), sql`'unsatisfied' in (${proposalRating.handling}, ${proposalRating.result})`))).length
      : 0;
    const [unit] = await rowsOf<{ name: string }>(tx, sql`select name from handling_unit where id = ${a.unitId}`);
    const note = `${b.reason}。新的办理期限 ${b.dueOn}`;
    await addEvent(ctx, tx, actor, p.id, { kind: unhappy ? 'rehandled' : 'reply_returned', note, unitId: a.unitId, data: { round: a.round + 1 } });
    await writeAudit(ctx, { action: 'proposal.check', summary: `退回${unit.name}对${proposalName(p)}的答复，重新办理`, targetType: 'proposal', targetId: p.id, after: { reason: b.reason, dueOn: b.dueOn, round: a.round + 1 } }, tx);
    await notifyUnit(tx, actor.orgId, a.unitId, p.id, { kind: 'proposal.rehandle', title: `答复退回重办：${p.title}`, body: `${b.reason}。请于 ${b.dueOn} 前重新答复。`, at: now });
    await notifyProposers(tx, p.id, { kind: 'proposal.rehandle', title: `提案重新办理：${p.title}`, body: `提案委已请${unit.name}重新办理，期限 ${b.dueOn}。`, at: now });
    await updateDocState(tx, 'proposal', p.id, { status: 'assigned' });
    return p.id;
  });
  return getProposal(ctx, id);
}

/** Staff correct a reply's category; the unit's own choice is kept in categoryCorrectedFrom. */
export async function correctCategory(ctx: Ctx, replyId: string, b: CategoryCorrectionBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const [head] = await tx.select({ proposalId: proposalReply.proposalId }).from(proposalReply).where(and(eq(proposalReply.id, replyId), eq(proposalReply.orgId, actor.orgId), eq(proposalReply.kind, 'reply')));
    if (!head) throw notFound('答复不存在');
    const p = await loadProposal(tx, actor, head.proposalId, true);
    assertAction(p.status, 'correctCategory');
    const [r] = await tx.select().from(proposalReply).where(eq(proposalReply.id, replyId));
    if (r.status !== 'sent') throw conflict('已退回的答复不能修改类别');
    const { rules } = await rulesOf(tx, actor.orgId);
    const c = categoryOf(rules, b.category);
    if (c.code === r.category) throw fieldError('category', `答复类别已经是 ${c.code} 类`);
    // a "being solved" category needs the date the unit reports again, unless the letter named one
    const followUpOn = c.followUp ? (b.followUpOn ?? r.followUpOn) : null;
    if (c.followUp && !followUpOn) throw fieldError('followUpOn', `改为“${c.label}”类，请填写承办单位再次报告落实情况的日期`);
    if (c.followUp && b.followUpOn && b.followUpOn <= chinaDate(ctx.clock.now())) throw fieldError('followUpOn', '再次报告落实情况的日期应晚于今天');
    await tx.update(proposalReply).set({ category: c.code, categoryCorrectedFrom: r.categoryCorrectedFrom ?? r.category, followUpOn }).where(eq(proposalReply.id, r.id));
    await tx.update(proposalAssignment).set({ followUpDueOn: followUpOn }).where(and(eq(proposalAssignment.id, r.assignmentId), sql`${proposalAssignment.followUpDoneAt} is null`));
    const note = `${r.category ?? '无'} 类改为 ${c.code} 类（${c.label}）：${b.note}`;
    await addEvent(ctx, tx, actor, p.id, { kind: 'category_corrected', note, unitId: r.unitId, data: { replyId: r.id, from: r.category, to: c.code } });
    await writeAudit(ctx, { action: 'proposal.check', summary: `修改${proposalName(p)}答复的类别：${note}`, targetType: 'proposal', targetId: p.id, before: { category: r.category }, after: { category: c.code } }, tx);
    await notifyUnit(tx, actor.orgId, r.unitId, p.id, { kind: 'proposal.category', title: `答复类别已修改：${p.title}`, body: note, at: ctx.clock.now() });
    return p.id;
  });
  return getProposal(ctx, id);
}
