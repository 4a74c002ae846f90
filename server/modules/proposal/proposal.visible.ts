import { sql, type SQL } from 'drizzle-orm';
import { can, type OrgActor } from '../../core/access.js';
import type { Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { manages, readsOrg, type ProposalRow } from './proposal.access.js';
import type { ProposalStatus } from './proposal.schema.js';
import { proposal } from './proposal.table.js';

/**
 * Who sees which proposal:
 * - a member: the proposals they sign (or are invited to sign, whatever the state), and — read-only —
 *   every proposal of the org from 'filed' on (numbered ones: finding earlier proposals and replies);
 * - a handling unit: the proposals it has a (not withdrawn) assignment on, and those merged into them;
 * - staff, admins and leaders: every proposal of the org but others' drafts.
 * Anything else is 404, as if it did not exist.
 */
export const MEMBER_VISIBLE: readonly ProposalStatus[] = ['filed', 'merged', 'assigned', 'replied', 'closed'];

export interface Viewer {
  actor: OrgActor;
  /** the actor's active membership in the org (a member who may write proposals) */
  memberId: string | null;
  /** the handling unit the actor works for (a 'unit' account) */
  unitId: string | null;
  /** the proposals office (staff, admins) */
  staff: boolean;
  /** reads every proposal but drafts (staff, admins, leaders) */
  reader: boolean;
}

/** The actor's membership and unit, in one query. */
export async function viewerOf(db: Executor, actor: OrgActor): Promise<Viewer> {
  const isMember = can(actor, 'proposal.write');
  const isUnit = can(actor, 'proposal.handle');
  let memberId: string | null = null;
  let unitId: string | null = null;
  if (isMember || isUnit) {
    const [r] = await rowsOf<{ member_id: string | null; unit_id: string | null }>(
      db,
      sql`select
        ${isMember ? sql`(select m.id from member m join person p on p.id = m.person_id where m.org_id = ${actor.orgId} and p.account_id = ${actor.accountId} and m.status = 'active' limit 1)` : sql`null::uuid`} as member_id,
        ${isUnit ? sql`(select ua.unit_id from handling_unit_account ua join handling_unit u on u.id = ua.unit_id where ua.org_id = ${actor.orgId} and ua.account_id = ${actor.accountId} and u.active limit 1)` : sql`null::uuid`} as unit_id`,
    );
    memberId = r?.member_id ?? null;
    unitId = r?.unit_id ?? null;
  }
  return { actor, memberId, unitId, staff: manages(actor), reader: readsOrg(actor) };
}

const statusList = (l: readonly string[]) => sql.raw(`(${l.map((s) => `'${s}'`).join(',')})`);

/** Whether the proposal `x` (an alias of the proposal table) is visible to the viewer: a condition for lists and look-ups. */
export function visibleSql(v: Viewer, x = 'x'): SQL {
  const a = sql.raw(x);
  const parts: SQL[] = [];
  if (v.reader) parts.push(sql`${a}.status <> 'draft'`);
  if (v.memberId)
    parts.push(sql`${a}.status in ${statusList(MEMBER_VISIBLE)}`, sql`exists (select 1 from proposal_signer vs where vs.proposal_id = ${a}.id and vs.member_id = ${v.memberId})`);
  if (v.unitId)
    parts.push(
      sql`exists (select 1 from proposal_assignment va where va.proposal_id = coalesce(${a}.merged_into_id, ${a}.id) and va.unit_id = ${v.unitId} and va.status <> 'withdrawn')`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** The proposal if the viewer may see it; 404 otherwise. */
export async function loadVisible(db: Executor, v: Viewer, id: string): Promise<ProposalRow> {
  const rows = await db
    .select()
    .from(proposal)
    .where(sql`${proposal.id} = ${id} and ${proposal.orgId} = ${v.actor.orgId} and ${visibleSql(v, '"proposal"')}`);
  if (!rows[0]) throw notFound('提案不存在或无权查看');
  return rows[0] as ProposalRow;
}

/** Whether the viewer's unit has a live part in the proposal (the main one's parts, for a merged proposal). */
export const unitOnProposal = (v: Viewer, assignments: { unit: { id: string }; status: string }[]) =>
  !!v.unitId && assignments.some((a) => a.unit.id === v.unitId && a.status !== 'withdrawn');

/** Who may ask for the proposers' whole phone numbers: the proposals office, and a unit handling the proposal (to talk with them before replying). */
export const mayViewContacts = (v: Viewer, unitOnIt: boolean) => v.staff || (unitOnIt && can(v.actor, 'proposal.handle'));
