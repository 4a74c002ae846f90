import { and, eq, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { createOpinionDraft } from '../opinion/opinion.drafts.js';
import { opinionReport, opinionReportEvent } from '../opinion/opinion.table.js';
import { updateDocState } from '../search/search.index.js';
import { addEvent, loadProposal, notifyProposers, rulesOf, type ProposalRow } from './proposal.access.js';
import { reindexStatus } from './proposal.index.js';
import { DECLINE_GROUND_LABELS, numberLabel, type ProposalView, type ReviewBody } from './proposal.schema.js';
import { nextNumber } from './proposal.session.js';
import { proposal } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 审查: the proposals office files a submitted proposal (with the session's next number), declines it
 * on one of the ten grounds, converts it (with the proposers' consent) into an opinion report or a
 * letter, returns it for revision, or merges it into a filed proposal on the same matter. The
 * proposers hear of every decision; each is on the timeline and in the audit log.
 */
export async function reviewProposal(ctx: Ctx, id: string, b: ReviewBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    assertAction(p.status, b.action);
    const now = ctx.clock.now();
    const decided = { reviewedAt: now, reviewedBy: actor.accountId, updatedAt: now };
    let message: string;
    let audit: string;
    switch (b.action) {
      case 'file': {
        const { rules } = await rulesOf(tx, actor.orgId);
        if (b.category && !rules.categories.includes(b.category)) throw fieldError('category', `提案分类应为：${rules.categories.join('、')}`);
        const number = await nextNumber(tx, p.sessionId);
        await tx
          .update(proposal)
          .set({ ...decided, status: 'filed', number, oneMatterConfirmed: true, category: b.category ?? p.category, declineGround: null, decisionReason: null })
          .where(eq(proposal.id, id));
        await addEvent(ctx, tx, actor, id, { kind: 'filed', note: [numberLabel(number), b.note].filter(Boolean).join('；'), data: { number } });
        message = `您的提案《${p.title}》已立案，编号${numberLabel(number)}`;
        audit = `立案：《${p.title}》${numberLabel(number)}`;
        break;
      }
      case 'decline': {
        if (b.ground === 'other' && [...b.reason].length < 2) throw fieldError('reason', '选择“其他”时，请写明不予立案的理由');
        await tx.update(proposal).set({ ...decided, status: 'declined', declineGround: b.ground, decisionReason: b.reason || null }).where(eq(proposal.id, id));
        const why = b.ground === 'other' ? b.reason : DECLINE_GROUND_LABELS[b.ground] + (b.reason ? `；${b.reason}` : '');
        await addEvent(ctx, tx, actor, id, { kind: 'declined', note: why, data: { ground: b.ground } });
        message = `您的提案《${p.title}》不予立案：${why}`;
        audit = `不予立案：《${p.title}》（${why}）`;
        break;
      }
      case 'convert': {
        const refId = b.to === 'opinion' ? await toOpinionReport(ctx, tx, actor, p) : null;
        await tx.update(proposal).set({ ...decided, status: 'converted', convertedTo: b.to, convertedRefId: refId, decisionReason: b.reason }).where(eq(proposal.id, id));
        const to = b.to === 'opinion' ? '社情民意信息' : '建议函';
        await addEvent(ctx, tx, actor, id, { kind: 'converted', note: `转为${to}：${b.reason}`, data: { to: b.to, refId } });
        message = `您的提案《${p.title}》经您同意已转为${to}办理：${b.reason}`;
        audit = `转办：《${p.title}》转为${to}`;
        break;
      }
      case 'return': {
        await tx.update(proposal).set({ ...decided, status: 'returned', decisionReason: b.reason }).where(eq(proposal.id, id));
        await addEvent(ctx, tx, actor, id, { kind: 'returned', note: b.reason });
        message = `您的提案《${p.title}》被退回修改：${b.reason}`;
        audit = `退回修改：《${p.title}》（${b.reason}）`;
        break;
      }
      case 'merge': {
        const main = await mergeTarget(tx, actor, p, b.intoId);
        const number = p.number ?? (await nextNumber(tx, p.sessionId));
        await tx.update(proposal).set({ ...decided, status: 'merged', number, mergedIntoId: main.id, decisionReason: b.reason }).where(eq(proposal.id, id));
        await addEvent(ctx, tx, actor, id, { kind: 'merged', note: `并入${numberLabel(main.number)}《${main.title}》：${b.reason}`, data: { intoId: main.id, number } });
        await addEvent(ctx, tx, actor, main.id, { kind: 'merged_in', note: `${numberLabel(number)}《${p.title}》并入本提案`, data: { fromId: id } });
        message = `您的提案《${p.title}》（${numberLabel(number)}）已与${numberLabel(main.number)}《${main.title}》并案办理`;
        audit = `并案：《${p.title}》并入${numberLabel(main.number)}《${main.title}》`;
        break;
      }
    }
    await reindexStatus(tx, id, ({ file: 'filed', decline: 'declined', convert: 'converted', return: 'returned', merge: 'merged' } as const)[b.action]);
    await notifyProposers(tx, id, { kind: `proposal.${b.action}`, title: message, at: now });
    await writeAudit(ctx, { action: 'proposal.review', summary: audit, targetType: 'proposal', targetId: id, before: { status: p.status }, after: { ...b } }, tx);
  });
  return getProposal(ctx, id);
}

/** The proposal merged into: another filed or assigned proposal of the org, not itself merged. */
async function mergeTarget(tx: Executor, actor: OrgActor, p: ProposalRow, intoId: string) {
  if (intoId === p.id) throw fieldError('intoId', '不能并入提案本身');
  const [main] = await rowsOf<{ id: string; number: number | null; title: string; status: string }>(
    tx,
    sql`select id, number, title, status from proposal where id = ${intoId} and org_id = ${actor.orgId} for update`,
  );
  if (!main) throw fieldError('intoId', '要并入的提案不存在');
  if (main.status !== 'filed' && main.status !== 'assigned') throw conflict('只能并入已立案（待交办或办理中）的提案');
  if (p.status === 'filed') {
    const [merged] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from proposal where merged_into_id = ${p.id}`);
    if (merged.n) throw conflict('已有提案并入本提案，不能再并入其他提案');
  }
  return main;
}

/** 转社情民意信息: a submitted opinion report with the proposal's text and its confirmed proposers as authors. */
async function toOpinionReport(ctx: Ctx, tx: Executor, actor: OrgActor, p: ProposalRow) {
  const authors = await rowsOf<{ member_id: string }>(tx, sql`select member_id from proposal_signer where proposal_id = ${p.id} and status = 'confirmed' order by position`);
  const now = ctx.clock.now();
  const body = [p.situation, p.analysis, p.suggestion].filter((s) => s.trim()).join('\n\n');
  const { id } = await createOpinionDraft(tx, {
    orgId: p.orgId,
    title: p.title,
    body,
    authorMemberIds: authors.map((a) => a.member_id),
    createdBy: actor.accountId,
    createdByName: actor.displayName,
    note: '由提案转为社情民意信息',
    now,
  });
  await tx.update(opinionReport).set({ status: 'submitted', submittedAt: now, updatedAt: now }).where(and(eq(opinionReport.id, id), eq(opinionReport.orgId, p.orgId)));
  await tx.insert(opinionReportEvent).values({ orgId: p.orgId, reportId: id, kind: 'submitted', actorAccountId: actor.accountId, actorName: actor.displayName, note: '由提案转来', at: now });
  await updateDocState(tx, 'opinion_report', id, { status: 'submitted' });
  return id;
}
