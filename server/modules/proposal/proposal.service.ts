import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, forbidden } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { addWorkdays, chinaDate } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { notify } from '../notification/notification.service.js';
import { requestEscalation } from '../request/request.table.js';
import { addEvent, notifyProposers, notifyStaff, rulesOf } from './proposal.access.js';
import { checkBody, checkComplete, checkInvitationsAnswered, checkWriter, writerOf } from './proposal.checks.js';
import { setProposalFiles } from './proposal.files.js';
import { indexProposal, reindexStatus } from './proposal.index.js';
import type { CoSignResponseBody, ProposalBody, ProposalView } from './proposal.schema.js';
import { sessionFor } from './proposal.session.js';
import { proposal, proposalSigner } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { loadVisible, viewerOf } from './proposal.visible.js';
import { assertAction } from './proposal.workflow.js';

export { reindexStatus } from './proposal.index.js';

/**
 * Writing a proposal: the member's draft (alone, jointly with invited co-signers, or for a sector,
 * group, party, people's organisation or committee), the co-signers' answers, submitting (the
 * session and kind settled again that day) and withdrawing before review.
 */

/** 18:00 China time on the day `coSignWorkdays` working days from today. */
const coSignDue = (today: string, workdays: number, cal: Parameters<typeof addWorkdays>[2]) => new Date(`${addWorkdays(today, workdays, cal)}T18:00:00+08:00`);

async function inviteMembers(ctx: Ctx, tx: Executor, actor: OrgActor, orgId: string, proposalId: string, title: string, memberIds: string[], inviter: string, dueAt: Date) {
  if (!memberIds.length) return;
  const to = await rowsOf<{ account_id: string; name: string }>(
    tx,
    sql`select p.account_id, p.name from member m join person p on p.id = m.person_id where m.id in (${sql.join(memberIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  const due = dueAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  await notify(
    tx,
    to.filter((x) => x.account_id).map((x) => ({
      orgId,
      accountId: x.account_id,
      kind: 'proposal.invited',
      title: `${inviter}邀请您联名提出提案《${title}》`,
      body: `请在 ${due} 前确认是否同意联名。`,
      link: `/m/proposals/${proposalId}`,
      targetType: 'proposal',
      targetId: proposalId,
      at: ctx.clock.now(),
    })),
  );
  await addEvent(ctx, tx, actor, proposalId, { kind: 'invited', note: to.map((x) => x.name).join('、') });
}

async function linkLead(tx: Executor, orgId: string, leadId: string | null, proposalId: string) {
  if (leadId) await tx.update(requestEscalation).set({ targetId: proposalId }).where(and(eq(requestEscalation.id, leadId), eq(requestEscalation.orgId, orgId)));
}

/** A member writes a proposal: a draft, the session and kind of today; co-signers are invited at once. */
export async function createProposal(ctx: Ctx, b: ProposalBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  const id = await ctx.db.transaction(async (tx) => {
    const writer = await writerOf(tx, actor);
    const { rules, calendar } = await rulesOf(tx, actor.orgId);
    const { bodyName } = await checkBody(tx, actor.orgId, rules, writer, b, null);
    const now = ctx.clock.now();
    const today = chinaDate(now);
    const s = await sessionFor(tx, actor.orgId, today, rules.plenaryWindowDays);
    const dueAt = b.coSignerIds.length ? coSignDue(today, rules.coSignWorkdays, calendar) : null;
    const [row] = await tx
      .insert(proposal)
      .values({
        orgId: actor.orgId,
        termId: s.termId,
        sessionId: s.sessionId,
        kind: s.kind,
        title: b.title,
        situation: b.situation,
        analysis: b.analysis,
        suggestion: b.suggestion,
        category: b.category,
        proposerKind: b.proposerKind,
        bodyId: b.bodyId,
        bodyName,
        sealNoted: b.sealNoted,
        suggestedUnitIds: b.suggestedUnitIds,
        mayPublish: b.mayPublish,
        status: 'draft',
        coSignDueAt: dueAt,
        createdBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(proposalSigner).values([
      { orgId: actor.orgId, proposalId: row.id, memberId: writer, position: 0, status: 'confirmed', invitedAt: now, respondedAt: now },
      ...b.coSignerIds.map((memberId, i) => ({ orgId: actor.orgId, proposalId: row.id, memberId, position: i + 1, status: 'invited', invitedAt: now })),
    ]);
    await setProposalFiles(tx, actor.orgId, row.id, b.fileIds);
    await linkLead(tx, actor.orgId, b.fromLeadId, row.id);
    await addEvent(ctx, tx, actor, row.id, { kind: 'created', note: b.fromLeadId ? '采用提案线索' : null });
    await inviteMembers(ctx, tx, actor, actor.orgId, row.id, b.title, b.coSignerIds, actor.displayName, dueAt!);
    await indexProposal(tx, row);
    await writeAudit(ctx, { action: 'proposal.create', summary: `撰写提案《${b.title}》`, targetType: 'proposal', targetId: row.id, after: { ...b } }, tx);
    return row.id;
  });
  return getProposal(ctx, id);
}

/** The first proposer edits a draft or a returned proposal; co-signers added are invited, those removed drop out. */
export async function updateProposal(ctx: Ctx, id: string, b: ProposalBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from proposal where id = ${id} for update`);
    const p = await loadVisible(tx, await viewerOf(tx, actor), id);
    const writer = await writerOf(tx, actor);
    await checkWriter(tx, id, writer);
    assertAction(p.status, 'edit');
    const { rules, calendar } = await rulesOf(tx, actor.orgId);
    const { bodyName } = await checkBody(tx, actor.orgId, rules, writer, b, id);
    const now = ctx.clock.now();
    const before = await tx.select().from(proposalSigner).where(eq(proposalSigner.proposalId, id));
    const known = new Map(before.map((s) => [s.memberId, s]));
    const added = b.coSignerIds.filter((m) => !known.has(m));
    const dueAt = added.length ? coSignDue(chinaDate(now), rules.coSignWorkdays, calendar) : p.coSignDueAt;
    const dropped = before.filter((s) => s.position > 0 && !b.coSignerIds.includes(s.memberId)).map((s) => s.memberId);
    if (dropped.length) await tx.delete(proposalSigner).where(and(eq(proposalSigner.proposalId, id), inArray(proposalSigner.memberId, dropped)));
    // positions follow the new order (moved past the range first: the order may swap)
    await tx.execute(sql`update proposal_signer set position = position + 1000 where proposal_id = ${id} and position > 0`);
    for (const [i, memberId] of b.coSignerIds.entries()) {
      if (known.has(memberId)) await tx.update(proposalSigner).set({ position: i + 1 }).where(and(eq(proposalSigner.proposalId, id), eq(proposalSigner.memberId, memberId)));
      else await tx.insert(proposalSigner).values({ orgId: p.orgId, proposalId: id, memberId, position: i + 1, status: 'invited', invitedAt: now });
    }
    const values = { title: b.title, situation: b.situation, analysis: b.analysis, suggestion: b.suggestion, category: b.category, proposerKind: b.proposerKind };
    await tx
      .update(proposal)
      .set({ ...values, bodyId: b.bodyId, bodyName, sealNoted: b.sealNoted, suggestedUnitIds: b.suggestedUnitIds, mayPublish: b.mayPublish, coSignDueAt: dueAt, updatedAt: now })
      .where(eq(proposal.id, id));
    await setProposalFiles(tx, p.orgId, id, b.fileIds);
    await linkLead(tx, p.orgId, b.fromLeadId, id);
    await addEvent(ctx, tx, actor, id, { kind: 'edited' });
    await inviteMembers(ctx, tx, actor, p.orgId, id, b.title, added, actor.displayName, dueAt!);
    await indexProposal(tx, { ...p, ...values });
    await writeAudit(ctx, { action: 'proposal.update', summary: `修改提案《${b.title}》`, targetType: 'proposal', targetId: id, before: { title: p.title, suggestion: p.suggestion }, after: { ...b } }, tx);
  });
  return getProposal(ctx, id);
}

/** The first proposer submits: invitations answered or lapsed, the text complete; the session and kind are those of today. */
export async function submitProposal(ctx: Ctx, id: string): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from proposal where id = ${id} for update`);
    const p = await loadVisible(tx, await viewerOf(tx, actor), id);
    await checkWriter(tx, id, await writerOf(tx, actor));
    assertAction(p.status, 'submit');
    const { rules } = await rulesOf(tx, actor.orgId);
    const now = ctx.clock.now();
    const open = await tx.select().from(proposalSigner).where(and(eq(proposalSigner.proposalId, id), eq(proposalSigner.status, 'invited')));
    checkInvitationsAnswered(open.length, p.coSignDueAt, now);
    checkComplete(rules, p);
    if (open.length) {
      await tx.update(proposalSigner).set({ status: 'lapsed', respondedAt: now }).where(and(eq(proposalSigner.proposalId, id), eq(proposalSigner.status, 'invited')));
      await addEvent(ctx, tx, actor, id, { kind: 'cosign_lapsed', note: `${open.length} 位委员未在期限内确认联名` });
    }
    const s = await sessionFor(tx, actor.orgId, chinaDate(now), rules.plenaryWindowDays);
    await tx
      .update(proposal)
      .set({ status: 'submitted', sessionId: s.sessionId, termId: s.termId, kind: s.kind, submittedAt: now, decisionReason: null, updatedAt: now })
      .where(eq(proposal.id, id));
    await addEvent(ctx, tx, actor, id, { kind: 'submitted', note: p.status === 'returned' ? '修改后重新提交' : null, data: { sessionId: s.sessionId, kind: s.kind } });
    await reindexStatus(tx, id, 'submitted');
    await notifyStaff(tx, p.orgId, id, { kind: 'proposal.submitted', title: `${actor.displayName}提交了提案《${p.title}》`, at: now });
    await writeAudit(ctx, { action: 'proposal.submit', summary: `提交提案《${p.title}》（${s.sessionName}${s.kind === 'plenary' ? '大会提案' : '平时提案'}）`, targetType: 'proposal', targetId: id }, tx);
  });
  return getProposal(ctx, id);
}

/** Before review, the first proposer takes a submitted proposal back into a draft. */
export async function withdrawProposal(ctx: Ctx, id: string): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from proposal where id = ${id} for update`);
    const p = await loadVisible(tx, await viewerOf(tx, actor), id);
    await checkWriter(tx, id, await writerOf(tx, actor));
    assertAction(p.status, 'withdraw');
    const now = ctx.clock.now();
    await tx.update(proposal).set({ status: 'draft', submittedAt: null, updatedAt: now }).where(eq(proposal.id, id));
    await addEvent(ctx, tx, actor, id, { kind: 'withdrawn' });
    await reindexStatus(tx, id, 'draft');
    await writeAudit(ctx, { action: 'proposal.update', summary: `撤回提案《${p.title}》`, targetType: 'proposal', targetId: id }, tx);
  });
  return getProposal(ctx, id);
}

/** An invited member agrees or declines to co-sign, before the deadline. */
export async function respondInvitation(ctx: Ctx, id: string, b: CoSignResponseBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from proposal where id = ${id} for update`);
    const p = await loadVisible(tx, await viewerOf(tx, actor), id);
    const me = await writerOf(tx, actor);
    const [mine] = await tx.select().from(proposalSigner).where(and(eq(proposalSigner.proposalId, id), eq(proposalSigner.memberId, me)));
    if (!mine || mine.position === 0) throw forbidden('您没有收到这件提案的联名邀请');
    assertAction(p.status, 'respondInvitation');
    if (mine.status !== 'invited') throw conflict(mine.status === 'lapsed' ? '联名邀请已过期' : '您已答复过这次联名邀请');
    const now = ctx.clock.now();
    if (p.coSignDueAt && p.coSignDueAt <= now) throw conflict('联名确认已截止');
    await tx.update(proposalSigner).set({ status: b.accept ? 'confirmed' : 'declined', respondedAt: now }).where(and(eq(proposalSigner.proposalId, id), eq(proposalSigner.memberId, me)));
    await addEvent(ctx, tx, actor, id, { kind: b.accept ? 'cosign_confirmed' : 'cosign_declined' });
    await notifyProposers(tx, id, { kind: 'proposal.cosign', title: `${actor.displayName}${b.accept ? '同意' : '不同意'}联名提案《${p.title}》`, at: now });
    await writeAudit(ctx, { action: 'proposal.cosign', summary: `${b.accept ? '同意' : '不同意'}联名提案《${p.title}》`, targetType: 'proposal', targetId: id }, tx);
  });
  return getProposal(ctx, id);
}
