import { and, eq, ne, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { addWorkdays, chinaDate, monthsDeadline, monthsLimit, type WorkCalendar } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { updateDocState } from '../search/search.index.js';
import { actorUnit, addEvent, loadProposal, notifyProposers, notifyStaff, notifyUnit, rulesOf, type ProposalRow } from './proposal.access.js';
import { ASSIGNMENT_ROLE_LABELS, numberLabel, type AssignBody, type AssignmentRole, type AssignmentStatus, type ObjectionBody, type ObjectionDecisionBody, type ProposalRules } from './proposal.schema.js';
import { proposal, proposalAssignment } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 交办 and what follows it at the office: staff assign a proposal to one unit, a lead with co-handling
 * units, or several units replying separately; a unit may object within the objection window; staff
 * keep the assignment or move that part to another unit. Also the loading helpers every unit action uses.
 */

export type AssignmentRow = typeof proposalAssignment.$inferSelect & { role: AssignmentRole; status: AssignmentStatus };

/** 第0001号提案《…》 — how messages and the timeline name a proposal. */
export const proposalName = (p: { number: number | null; title: string }) => `${p.number != null ? `${numberLabel(p.number)}提案` : '提案'}《${p.title}》`;

/** The assignment of the actor's org and its proposal (the proposal's row locked first when `lock`); 404 otherwise. */
export async function loadAssignment(db: Executor, actor: OrgActor, id: string, lock = true): Promise<{ a: AssignmentRow; p: ProposalRow }> {
  const [row] = await db.select({ proposalId: proposalAssignment.proposalId }).from(proposalAssignment).where(and(eq(proposalAssignment.id, id), eq(proposalAssignment.orgId, actor.orgId)));
  if (!row) throw notFound('交办记录不存在');
  const p = await loadProposal(db, actor, row.proposalId, lock);
  const [a] = await db.select().from(proposalAssignment).where(eq(proposalAssignment.id, id));
  return { a: a as AssignmentRow, p };
}

/**
 * A unit acting on one of its assignments: the state machine first, then that the assignment is the
 * actor's unit's (403 otherwise) and still its own (not moved to another unit).
 */
export async function unitAssignment(db: Executor, actor: OrgActor, id: string, action: Parameters<typeof assertAction>[1]) {
  const { a, p } = await loadAssignment(db, actor, id);
  assertAction(p.status, action);
  const unit = await actorUnit(db, actor);
  if (a.unitId !== unit.id) throw forbidden('这件提案没有交给贵单位办理');
  if (a.status === 'withdrawn') throw conflict('本提案已改由其他单位办理，贵单位无需再办理');
  return { a, p, unit };
}

export const isReplying = (role: AssignmentRole) => role !== 'co';

/** The deadlines of a fresh assignment made today. */
export function deadlinesOf(today: string, role: AssignmentRole, rules: ProposalRules, cal: WorkCalendar) {
  return {
    dueOn: monthsDeadline(today, role === 'co' ? rules.coInputMonths : rules.handlingMonths, cal),
    maxDueOn: monthsLimit(today, rules.maxHandlingMonths, cal),
    objectionDueOn: addWorkdays(today, rules.objectionWorkdays, cal),
  };
}

async function activeUnits(db: Executor, orgId: string, ids: string[], path = 'unitIds') {
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`select id, name from handling_unit where org_id = ${orgId} and active and id in ${valueList(ids)}`);
  if (rows.length !== ids.length) throw fieldError(path, '承办单位应为本组织在用的承办单位');
  return new Map(rows.map((r) => [r.id, r.name]));
}

const rolesOf = (b: AssignBody): AssignmentRole[] => b.unitIds.map((_, i) => (b.mode === 'single' ? 'sole' : b.mode === 'separate' ? 'separate' : i === 0 ? 'lead' : 'co'));

export async function assignProposal(ctx: Ctx, id: string, b: AssignBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    assertAction(p.status, 'assign');
    const names = await activeUnits(tx, actor.orgId, b.unitIds);
    const { rules, calendar } = await rulesOf(tx, actor.orgId);
    const now = ctx.clock.now();
    const today = chinaDate(now);
    const roles = rolesOf(b);
    const rows = await tx
      .insert(proposalAssignment)
      .values(b.unitIds.map((unitId, i) => ({ orgId: actor.orgId, proposalId: p.id, unitId, role: roles[i], assignedAt: now, assignedBy: actor.accountId, createdAt: now, ...deadlinesOf(today, roles[i], rules, calendar) })))
      .returning();
    await tx.update(proposal).set({ status: 'assigned', handlingMode: b.mode, assignedAt: now, updatedAt: now }).where(eq(proposal.id, p.id));
    const who = rows.map((r) => `${ASSIGNMENT_ROLE_LABELS[r.role as AssignmentRole]}：${names.get(r.unitId)}`).join('；');
    const main = rows.find((r) => r.role !== 'co')!;
    await addEvent(ctx, tx, actor, p.id, { kind: 'assigned', note: [who, `答复期限 ${main.dueOn}`, b.note].filter(Boolean).join('。'), data: { mode: b.mode, unitIds: b.unitIds } });
    await writeAudit(ctx, { action: 'proposal.assign', summary: `交办${proposalName(p)}（${who}）`, targetType: 'proposal', targetId: p.id, after: { mode: b.mode, units: rows.map((r) => ({ unitId: r.unitId, role: r.role, dueOn: r.dueOn })) } }, tx);
    for (const r of rows) {
      const co = r.role === 'co';
      await notifyUnit(tx, actor.orgId, r.unitId, p.id, {
        kind: 'proposal.assigned',
        title: `交办提案：${p.title}`,
        body: `${proposalName(p)}交由贵单位${ASSIGNMENT_ROLE_LABELS[r.role as AssignmentRole]}，${co ? `请于 ${r.dueOn} 前将会办意见送主办单位` : `请于 ${r.dueOn} 前答复提案者`}。如认为不属于贵单位职责，可在 ${r.objectionDueOn} 前提出异议。`,
        at: now,
      });
    }
    await notifyProposers(tx, p.id, { kind: 'proposal.assigned', title: `您的提案已交办：${p.title}`, body: `${who}。`, at: now });
    await updateDocState(tx, 'proposal', p.id, { status: 'assigned' });
  });
  return getProposal(ctx, id);
}

/** A unit objects to an assignment it thinks is not its business, within the objection window. */
export async function objectToAssignment(ctx: Ctx, assignmentId: string, b: ObjectionBody) {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p, unit } = await unitAssignment(tx, actor, assignmentId, 'object');
    if (a.status === 'objected') throw conflict('贵单位已提出异议，请等待提案委处理');
    if (a.status !== 'handling') throw conflict('贵单位已经办理，不能再提出异议');
    if (a.objectionResolution === 'kept') throw conflict('提案委已维持交办，不能再次提出异议');
    const now = ctx.clock.now();
    if (chinaDate(now) > a.objectionDueOn) throw conflict(`异议期已过（${a.objectionDueOn} 前可提出）`);
    const reason = b.suggestedUnit ? `${b.reason}（建议改由${b.suggestedUnit}办理）` : b.reason;
    await tx.update(proposalAssignment).set({ status: 'objected', objectedAt: now, objectionReason: b.reason }).where(eq(proposalAssignment.id, a.id));
    await addEvent(ctx, tx, actor, p.id, { kind: 'objected', note: reason, unitId: unit.id, data: { assignmentId: a.id, suggestedUnit: b.suggestedUnit } });
    await writeAudit(ctx, { action: 'proposal.objection', summary: `${unit.name}对${proposalName(p)}的交办提出异议`, targetType: 'proposal', targetId: p.id, after: { reason: b.reason, suggestedUnit: b.suggestedUnit } }, tx);
    await notifyStaff(tx, actor.orgId, p.id, { kind: 'proposal.objection', title: `承办单位提出异议：${p.title}`, body: `${unit.name}：${reason}`, at: now });
    return p.id;
  });
  return getProposal(ctx, id);
}

/** Staff settle an objection: keep the unit, or move its part (same role) to another unit with fresh deadlines. */
export async function settleObjection(ctx: Ctx, assignmentId: string, b: ObjectionDecisionBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const { a, p } = await loadAssignment(tx, actor, assignmentId);
    assertAction(p.status, 'settleObjection');
    if (a.status !== 'objected') throw conflict('该承办单位没有待处理的异议');
    const now = ctx.clock.now();
    const [from] = await rowsOf<{ name: string }>(tx, sql`select name from handling_unit where id = ${a.unitId}`);
    if (b.action === 'keep') {
      await tx.update(proposalAssignment).set({ status: 'handling', objectionResolvedAt: now, objectionResolution: 'kept', objectionNote: b.note }).where(eq(proposalAssignment.id, a.id));
      await addEvent(ctx, tx, actor, p.id, { kind: 'objection_kept', note: b.note, unitId: a.unitId });
      await notifyUnit(tx, actor.orgId, a.unitId, p.id, { kind: 'proposal.objection', title: `维持交办：${p.title}`, body: `提案委维持交办，请按期办理（期限 ${a.dueOn}）。${b.note}`, at: now });
    } else {
      const names = await activeUnits(tx, actor.orgId, [b.unitId], 'unitId');
      const taken = await tx
        .select({ id: proposalAssignment.id })
        .from(proposalAssignment)
        .where(and(eq(proposalAssignment.proposalId, p.id), eq(proposalAssignment.unitId, b.unitId), ne(proposalAssignment.status, 'withdrawn')));
      if (taken.length) throw fieldError('unitId', `${names.get(b.unitId)}已在办理本提案`);
      const { rules, calendar } = await rulesOf(tx, actor.orgId);
      const fresh = deadlinesOf(chinaDate(now), a.role, rules, calendar);
      await tx.update(proposalAssignment).set({ status: 'withdrawn', objectionResolvedAt: now, objectionResolution: 'reassigned', objectionNote: b.note || null }).where(eq(proposalAssignment.id, a.id));
      await tx.insert(proposalAssignment).values({ orgId: actor.orgId, proposalId: p.id, unitId: b.unitId, role: a.role, round: 1, assignedAt: now, assignedBy: actor.accountId, createdAt: now, ...fresh });
      const note = `由${from.name}改为${names.get(b.unitId)}${ASSIGNMENT_ROLE_LABELS[a.role]}${b.note ? `。${b.note}` : ''}`;
      await addEvent(ctx, tx, actor, p.id, { kind: 'reassigned', note, unitId: b.unitId, data: { from: a.unitId, to: b.unitId } });
      await notifyUnit(tx, actor.orgId, a.unitId, p.id, { kind: 'proposal.objection', title: `异议已同意：${p.title}`, body: `提案委已将本提案改由${names.get(b.unitId)}办理，贵单位无需再办理。`, at: now });
      await notifyUnit(tx, actor.orgId, b.unitId, p.id, {
        kind: 'proposal.assigned',
        title: `交办提案：${p.title}`,
        body: `${proposalName(p)}改由贵单位${ASSIGNMENT_ROLE_LABELS[a.role]}，请于 ${fresh.dueOn} 前${a.role === 'co' ? '将会办意见送主办单位' : '答复提案者'}。`,
        at: now,
      });
    }
    await writeAudit(ctx, { action: 'proposal.objection', summary: `处理${from.name}对${proposalName(p)}的异议：${b.action === 'keep' ? '维持交办' : '改为其他单位办理'}`, targetType: 'proposal', targetId: p.id, after: b }, tx);
    return p.id;
  });
  return getProposal(ctx, id);
}
