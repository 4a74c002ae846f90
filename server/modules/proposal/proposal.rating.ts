import { and, eq, sql } from 'drizzle-orm';
import { can, requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { updateDocState } from '../search/search.index.js';
import { actorMemberId } from '../member/member.actor.js';
import { addEvent, loadProposal, notifyStaff, type ProposalRow } from './proposal.access.js';
import { proposalName } from './proposal.assign.js';
import { proposerIds } from './proposal.handle.js';
import { RATING_LABELS, type RatingBody, type RatingOnBehalfBody } from './proposal.schema.js';
import { proposal, proposalRating, proposalReply } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 满意度测评: every confirmed proposer — of the proposal and of any merged into it — rates each
 * current reply, once, from their own account; staff may record a rating for an offline member
 * (marked 代录). 不满意 tells the staff. Once every proposer rated every current reply the proposal is closed.
 */

export const ONLY_PROPOSER = '只有提案者本人可以测评';

/** The reply (of the actor's org) with its proposal locked and checked against the state machine. */
async function loadReply(tx: Executor, actor: OrgActor, replyId: string) {
  const [head] = await tx.select({ proposalId: proposalReply.proposalId }).from(proposalReply).where(and(eq(proposalReply.id, replyId), eq(proposalReply.orgId, actor.orgId)));
  if (!head) throw notFound('答复不存在');
  const p = await loadProposal(tx, actor, head.proposalId, true);
  assertAction(p.status, 'rate');
  const [r] = await tx.select().from(proposalReply).where(eq(proposalReply.id, replyId));
  if (r.kind !== 'reply') throw conflict('落实情况报告不需要测评');
  if (r.status !== 'sent') throw conflict('这份答复已退回重办，请对重新办理后的答复测评');
  return { p, r };
}

interface Rater {
  memberId: string;
  /** the rater's own proposal: the main one, or the one merged into it */
  proposalId: string;
  onBehalf: boolean;
}

async function saveRating(ctx: Ctx, tx: Executor, actor: OrgActor, p: ProposalRow, r: typeof proposalReply.$inferSelect, who: Rater, b: RatingBody) {
  const now = ctx.clock.now();
  const saved = await tx
    .insert(proposalRating)
    .values({ orgId: actor.orgId, proposalId: who.proposalId, replyId: r.id, memberId: who.memberId, handling: b.handling, result: b.result, comment: b.comment, onBehalf: who.onBehalf, recordedBy: actor.accountId, at: now })
    .onConflictDoNothing()
    .returning({ id: proposalRating.id });
  if (!saved.length) throw conflict(who.onBehalf ? '该委员已经测评过这份答复' : '您已经测评过这份答复');
  const [m] = await rowsOf<{ name: string }>(tx, sql`select p.name from member m join person p on p.id = m.person_id where m.id = ${who.memberId}`);
  const [u] = await rowsOf<{ name: string }>(tx, sql`select name from handling_unit where id = ${r.unitId}`);
  const words = `办理工作${RATING_LABELS[b.handling]}，办理结果${RATING_LABELS[b.result]}`;
  const note = `${m.name}对${u.name}的答复：${words}${b.comment ? `。${b.comment}` : ''}`;
  const kind = who.onBehalf ? 'rated_on_behalf' : 'rated';
  await addEvent(ctx, tx, actor, p.id, { kind, note, unitId: r.unitId, data: { replyId: r.id, memberId: who.memberId } });
  if (who.proposalId !== p.id) await addEvent(ctx, tx, actor, who.proposalId, { kind, note, unitId: r.unitId, data: { replyId: r.id, memberId: who.memberId } });
  await writeAudit(ctx, { action: 'proposal.rate', summary: `${who.onBehalf ? '代录' : ''}${proposalName(p)}答复的测评：${m.name}，${words}`, targetType: 'proposal', targetId: p.id, after: { replyId: r.id, memberId: who.memberId, handling: b.handling, result: b.result, onBehalf: who.onBehalf } }, tx);
  if (b.handling === 'unsatisfied' || b.result === 'unsatisfied')
    await notifyStaff(tx, actor.orgId, p.id, { kind: 'proposal.unsatisfied', title: `提案者不满意：${p.title}`, body: `${note}。可退回承办单位重新办理。`, at: now });
  await closeIfRated(ctx, tx, actor, p);
}

/** Closes the proposal once every confirmed proposer (main and merged) rated every current reply. */
async function closeIfRated(ctx: Ctx, tx: Executor, actor: OrgActor, p: ProposalRow) {
  if (p.status !== 'replied') return;
  const [left] = await rowsOf<{ n: number }>(
    tx,
    sql`select count(*)::int as n
      from proposal_reply r join proposal_assignment a on a.id = r.assignment_id and a.round = r.round and a.status = 'replied'
      cross join (select s.member_id from proposal_signer s join proposal x on x.id = s.proposal_id
        where (x.id = ${p.id} or x.merged_into_id = ${p.id}) and s.status = 'confirmed') who
      where r.proposal_id = ${p.id} and r.kind = 'reply' and r.status = 'sent'
        and not exists (select 1 from proposal_rating g where g.reply_id = r.id and g.member_id = who.member_id)`,
  );
  if (left.n > 0) return;
  const now = ctx.clock.now();
  await tx.update(proposal).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(proposal.id, p.id));
  await addEvent(ctx, tx, actor, p.id, { kind: 'closed', note: '提案者均已测评，提案办结' });
  await updateDocState(tx, 'proposal', p.id, { status: 'closed' });
}

/** A proposer rates a reply from their own account. */
export async function rateReply(ctx: Ctx, replyId: string, b: RatingBody) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const id = await ctx.db.transaction(async (tx) => {
    const { p, r } = await loadReply(tx, actor, replyId);
    const memberId = can(actor, 'proposal.write') ? await actorMemberId(tx, actor) : null;
    const mine = memberId ? (await proposerIds(tx, p.id)).find((x) => x.member_id === memberId) : undefined;
    if (!mine) throw forbidden(ONLY_PROPOSER, 'NOT_PROPOSER');
    await saveRating(ctx, tx, actor, p, r, { memberId: mine.member_id, proposalId: mine.proposal_id, onBehalf: false }, b);
    return mine.proposal_id;
  });
  return getProposal(ctx, id);
}

/** Staff record the rating of a member who does not use the app (by phone, in person), marked as such. */
export async function rateOnBehalf(ctx: Ctx, replyId: string, b: RatingOnBehalfBody) {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const { p, r } = await loadReply(tx, actor, replyId);
    const who = (await proposerIds(tx, p.id)).find((x) => x.member_id === b.memberId);
    if (!who) throw fieldError('memberId', '该委员不是本提案的提案者');
    await saveRating(ctx, tx, actor, p, r, { memberId: who.member_id, proposalId: who.proposal_id, onBehalf: true }, b);
    return p.id;
  });
  return getProposal(ctx, id);
}
