import { sql } from 'drizzle-orm';
import type { OrgActor } from '../../core/access.js';
import type { Executor } from '../../core/context.js';
import { conflict, fieldError, forbidden } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { actorMemberId } from '../member/member.actor.js';
import { PROPOSER_KIND_LABELS, type ProposalBody, type ProposalRules } from './proposal.schema.js';

/** The checks of a proposal's text and people against the org's rules and records (the body's shape is zod's). */

/** The writer: the actor's active membership of the org. */
export async function writerOf(tx: Executor, actor: OrgActor) {
  const id = await actorMemberId(tx, actor);
  if (!id) throw forbidden('您不是本组织的在任委员，不能提出提案');
  return id;
}

const len = (s: string) => [...s].length;

/** Section lengths within the org's limits (the minimum of the suggestion is checked on submitting: a draft may be unfinished). */
export function checkLengths(rules: ProposalRules, b: Pick<ProposalBody, 'situation' | 'analysis' | 'suggestion'>) {
  if (len(b.situation) > rules.situationMax) throw fieldError('situation', `“情况”不超过 ${rules.situationMax} 个字`);
  if (len(b.analysis) > rules.analysisMax) throw fieldError('analysis', `“分析”不超过 ${rules.analysisMax} 个字`);
  if (len(b.suggestion) > rules.suggestionMax) throw fieldError('suggestion', `“建议”不超过 ${rules.suggestionMax} 个字`);
}

/** What a proposal needs before it is submitted. */
export function checkComplete(rules: ProposalRules, p: { situation: string; suggestion: string; proposerKind: string; sealNoted: boolean }) {
  checkLengths(rules, { situation: p.situation, analysis: '', suggestion: p.suggestion });
  if (!p.situation.trim()) throw fieldError('situation', '提交前请写明“情况”');
  if (len(p.suggestion) < rules.suggestionMin) throw fieldError('suggestion', `“建议”至少 ${rules.suggestionMin} 个字，请写明具体建议后再提交`);
  // a collective proposal is signed by its convener (a group's, checked with the body) or carries the organisation's seal
  if (p.proposerKind !== 'member' && p.proposerKind !== 'group' && !p.sealNoted)
    throw fieldError('sealNoted', '以界别、党派、人民团体或专委会名义提出的提案，须在纸质原件上加盖公章，请确认后再提交');
}

/**
 * The body's people and references: category of the org's list, co-signers (other active members,
 * within the org's limit), the collective proposer (its name from the sector, group or committee;
 * a group's proposal is written by its convener), suggested units, the proposal lead it takes up.
 * Returns the collective proposer's name to store.
 */
export async function checkBody(tx: Executor, orgId: string, rules: ProposalRules, writerId: string, b: ProposalBody, proposalId: string | null): Promise<{ bodyName: string | null }> {
  if (!rules.categories.includes(b.category)) throw fieldError('category', `提案分类应为：${rules.categories.join('、')}`);
  checkLengths(rules, b);
  if (b.coSignerIds.includes(writerId)) throw fieldError('coSignerIds', '您本人是第一提案人，联名委员中不必再选');
  if (b.coSignerIds.length > rules.maxCoSigners) throw fieldError('coSignerIds', `联名委员最多 ${rules.maxCoSigners} 位`);
  if (b.coSignerIds.length) {
    const found = await rowsOf<{ id: string }>(tx, sql`select id from member where org_id = ${orgId} and status = 'active' and id in ${valueList(b.coSignerIds)}`);
    if (found.length !== b.coSignerIds.length) throw fieldError('coSignerIds', '联名委员应为本组织的在任委员');
  }
  if (b.suggestedUnitIds.length) {
    const found = await rowsOf<{ id: string }>(tx, sql`select id from handling_unit where org_id = ${orgId} and active and id in ${valueList(b.suggestedUnitIds)}`);
    if (found.length !== b.suggestedUnitIds.length) throw fieldError('suggestedUnitIds', '建议的承办单位不存在或已停用');
  }
  if (b.fromLeadId) {
    const [lead] = await rowsOf<{ target_id: string | null }>(tx, sql`select target_id from request_escalation where id = ${b.fromLeadId} and org_id = ${orgId} and kind = 'proposal'`);
    if (!lead) throw fieldError('fromLeadId', '提案线索不存在');
    if (lead.target_id && lead.target_id !== proposalId) throw fieldError('fromLeadId', '这条提案线索已被其他提案采用');
  }
  let bodyName = b.bodyName;
  if (b.proposerKind === 'sector' || b.proposerKind === 'group' || b.proposerKind === 'committee') {
    const table = sql.raw({ sector: 'sector', group: 'member_group', committee: 'committee' }[b.proposerKind]);
    const [body] = await rowsOf<{ name: string; convener_id: string | null }>(
      tx,
      sql`select name, ${b.proposerKind === 'group' ? sql`convener_id` : sql`null::uuid`} as convener_id from ${table} where id = ${b.bodyId} and org_id = ${orgId}`,
    );
    if (!body) throw fieldError('bodyId', `所选${PROPOSER_KIND_LABELS[b.proposerKind]}不存在`);
    if (b.proposerKind === 'group' && body.convener_id !== writerId) throw forbidden('以委员活动小组名义提出的提案，应由小组召集人撰写提交');
    bodyName = body.name;
  }
  return { bodyName: b.proposerKind === 'member' ? null : bodyName };
}

/** Only the first proposer (the writer, or the convener of a collective proposal) edits, submits and withdraws. */
export async function checkWriter(tx: Executor, proposalId: string, writerId: string) {
  const [s] = await rowsOf<{ position: number }>(tx, sql`select position from proposal_signer where proposal_id = ${proposalId} and member_id = ${writerId}`);
  if (!s || s.position !== 0) throw forbidden('只有第一提案人可以修改、提交或撤回提案');
}

/** Invitations still open at submitting: refused before the deadline, lapsed after it. */
export function checkInvitationsAnswered(open: number, dueAt: Date | null, now: Date) {
  if (open && dueAt && dueAt > now)
    throw conflict(`还有 ${open} 位联名委员未答复邀请，请等待答复（截至 ${dueAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）或取消邀请后再提交`);
}
