import { eq, sql } from 'drizzle-orm';
import { can, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { calendarOf, type WorkCalendar } from '../../core/workdays.js';
import { notify } from '../notification/notification.service.js';
import { org } from '../org/org.table.js';
import { proposalRulesOf, type ProposalRules, type ProposalStatus } from './proposal.schema.js';
import { proposal, proposalEvent } from './proposal.table.js';

/**
 * What every proposal service shares: loading a proposal the actor may act on, the actor's unit and
 * membership, the org's rules and calendar, the timeline, and messages to proposers, staff and units.
 */

export const manages = (actor: OrgActor) => can(actor, 'proposal.manage');
/** staff, admins and leaders read every proposal of the org (but others' drafts) */
export const readsOrg = (actor: OrgActor) => can(actor, 'proposal.manage') || actor.roles.includes('leader');

export type ProposalRow = typeof proposal.$inferSelect & { status: ProposalStatus };

/** The proposal of the actor's org (for update, `lock` takes its row lock first); 404 otherwise. Who may see it is the caller's check. */
export async function loadProposal(db: Executor, actor: OrgActor, id: string, lock = false): Promise<ProposalRow> {
  if (lock) await db.execute(sql`select id from proposal where id = ${id} for update`);
  const rows = await db.select().from(proposal).where(sql`${proposal.id} = ${id} and ${proposal.orgId} = ${actor.orgId}`);
  if (!rows[0]) throw notFound('提案不存在或无权查看');
  return rows[0] as ProposalRow;
}

/** The handling unit a 'unit' account works for in the org; 403 with a hint when it has none. */
export async function actorUnit(db: Executor, actor: OrgActor): Promise<{ id: string; name: string }> {
  const [u] = await rowsOf<{ id: string; name: string }>(
    db,
    sql`select u.id, u.name from handling_unit_account ua join handling_unit u on u.id = ua.unit_id
      where ua.org_id = ${actor.orgId} and ua.account_id = ${actor.accountId} and u.active`,
  );
  if (!u) throw forbidden('您的账号尚未关联承办单位，请联系政协机关提案委', 'NO_UNIT');
  return u;
}

/** The org's proposal rules over the national default, and its working-day calendar. */
export async function rulesOf(db: Executor, orgId: string): Promise<{ rules: ProposalRules; calendar: WorkCalendar }> {
  const [row] = await db.select({ settings: org.settings }).from(org).where(eq(org.id, orgId));
  return { rules: proposalRulesOf(row?.settings.proposals), calendar: calendarOf(row?.settings.calendar) };
}

/** Every kind of timeline entry, with the words shown for it. */
export const PROPOSAL_EVENT_LABELS = {
  created: '撰写提案',
  edited: '修改提案',
  invited: '邀请联名',
  cosign_confirmed: '同意联名',
  cosign_declined: '不同意联名',
  cosign_lapsed: '联名邀请过期',
  submitted: '提交提案',
  withdrawn: '撤回提案',
  filed: '立案',
  declined: '不予立案',
  converted: '转办',
  returned: '退回修改',
  merged: '并案',
  merged_in: '并入提案',
  assigned: '交办',
  objected: '承办单位提出异议',
  objection_kept: '维持交办',
  reassigned: '改为其他单位办理',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_refused: '不同意延期',
  contacted: '与提案者沟通',
  signed_off: '会办单位会签',
  replied: '答复',
  followed_up: '报告落实情况',
  reply_returned: '答复退回',
  rehandled: '退回重办',
  category_corrected: '修改答复类别',
  rated: '提案者测评',
  rated_on_behalf: '机关代录测评',
  closed: '办结',
  key_shortlisted: '拟定为重点提案',
  key_approved: '确定为重点提案',
  key_dropped: '取消重点提案',
  supervisors_set: '确定督办领导',
  supervised: '领导督办',
  published: '公开答复',
  withheld: '答复不公开',
} as const;
export type ProposalEventKind = keyof typeof PROPOSAL_EVENT_LABELS;

/** One step of the proposal's timeline, by the signed-in actor (for a unit: name the unit). */
export async function addEvent(ctx: Ctx, tx: Executor, actor: OrgActor | null, proposalId: string, e: { kind: ProposalEventKind; note?: string | null; data?: unknown; unitId?: string | null; orgId?: string }) {
  await tx.insert(proposalEvent).values({
    orgId: actor?.orgId ?? e.orgId!,
    proposalId,
    kind: e.kind,
    actorAccountId: actor?.accountId ?? null,
    actorName: actor?.displayName ?? '系统',
    unitId: e.unitId ?? null,
    note: e.note ?? null,
    data: e.data ?? null,
    at: ctx.clock.now(),
  });
}

interface Message {
  kind: string;
  title: string;
  body?: string;
  at: Date;
  /** one message per recipient per key (reminders) */
  dedupeKey?: string;
}

/** One message per recipient about a proposal, opening `link` (members' messages open the phone page). */
const send = (tx: Executor, to: { accountId: string; orgId: string; proposalId: string; link: string }[], m: Message) =>
  notify(
    tx,
    to.map((x) => ({
      orgId: x.orgId,
      accountId: x.accountId,
      kind: m.kind,
      title: m.title,
      body: m.body ?? '',
      link: x.link,
      targetType: 'proposal',
      targetId: x.proposalId,
      dedupeKey: m.dedupeKey ? `${m.dedupeKey}:${x.accountId}` : undefined,
      at: m.at,
    })),
  );

/** Tells the proposers (confirmed signers with an account) of a proposal and of every proposal merged into it. */
export async function notifyProposers(tx: Executor, proposalId: string, m: Message, opts: { includeInvited?: boolean } = {}) {
  const to = await rowsOf<{ account_id: string; org_id: string; proposal_id: string }>(
    tx,
    sql`select distinct p.account_id, x.org_id, x.id as proposal_id from proposal x
      join proposal_signer s on s.proposal_id = x.id join member m on m.id = s.member_id join person p on p.id = m.person_id
      where (x.id = ${proposalId} or x.merged_into_id = ${proposalId}) and p.account_id is not null
        and s.status in ${opts.includeInvited ? sql`('confirmed','invited')` : sql`('confirmed')`}`,
  );
  await send(tx, to.map((x) => ({ accountId: x.account_id, orgId: x.org_id, proposalId: x.proposal_id, link: `/m/proposals/${x.proposal_id}` })), m);
}

/** Tells the org's staff (the proposals office). */
export async function notifyStaff(tx: Executor, orgId: string, proposalId: string, m: Message) {
  const to = await rowsOf<{ account_id: string }>(
    tx,
    sql`select distinct ar.account_id from account_role ar join account a on a.id = ar.account_id where ar.org_id = ${orgId} and ar.role = 'staff' and not a.disabled`,
  );
  await send(tx, to.map((x) => ({ accountId: x.account_id, orgId, proposalId, link: `/proposals/${proposalId}` })), m);
}

/** Tells every account of a handling unit. */
export async function notifyUnit(tx: Executor, orgId: string, unitId: string, proposalId: string, m: Message) {
  const to = await rowsOf<{ account_id: string }>(
    tx,
    sql`select ua.account_id from handling_unit_account ua join account a on a.id = ua.account_id where ua.unit_id = ${unitId} and not a.disabled`,
  );
  await send(tx, to.map((x) => ({ accountId: x.account_id, orgId, proposalId, link: `/proposals/${proposalId}` })), m);
}
