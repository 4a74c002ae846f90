import { sql, type SQL } from 'drizzle-orm';
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  numberLabel,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  type AssignmentRole,
  type AssignmentStatus,
  type AssignmentSummary,
  type ProposalKind,
  type ProposalListItem,
  type ProposalStatus,
  type ProposerKind,
} from './proposal.schema.js';

/**
 * The list item of a proposal, shared by the list and the detail: one select list (sub-selects with
 * json_agg, so a page of proposals is one statement) and the presenter that turns its row into the API shape.
 * A merged proposal shows its main proposal's units (it is handled as part of it).
 */

export const iso = (v: string | Date | null | undefined) => (v == null ? null : new Date(v).toISOString());

/** e.g. 张红梅 / 张红梅等3人 (confirmed signers), or the collective proposer's name. */
export const proposerNameSql = (x: string): SQL => {
  const a = sql.raw(x);
  return sql`case when ${a}.proposer_kind = 'member' then coalesce((
      select fp.name || case when c.n > 1 then '等' || c.n || '人' else '' end
      from (select p.name from proposal_signer s join member m on m.id = s.member_id join person p on p.id = m.person_id
              where s.proposal_id = ${a}.id and s.status = 'confirmed' order by s.position limit 1) fp,
           (select count(*)::int as n from proposal_signer s where s.proposal_id = ${a}.id and s.status = 'confirmed') c), '')
    else coalesce(${a}.body_name, '') end`;
};

/** The units working on it (not withdrawn): the lead or sole unit first, then separate, then co units. */
const unitsSql = (x: SQL) => sql`coalesce((select json_agg(json_build_object('id', a.id, 'unit', json_build_object('id', u.id, 'name', u.name), 'role', a.role,
      'status', a.status, 'dueOn', a.due_on, 'round', a.round)
      order by case a.role when 'co' then 2 when 'separate' then 1 else 0 end, u.sort, u.name)
    from proposal_assignment a join handling_unit u on u.id = a.unit_id
    where a.proposal_id = coalesce(${x}.merged_into_id, ${x}.id) and a.status <> 'withdrawn'), '[]'::json)`;

/** The current replies (sent, latest round of each assignment) and this proposal's proposers' ratings of them. */
const ratingsSql = (x: SQL) => sql`(select json_build_object(
      'satisfied', count(r.id) filter (where r.result = 'satisfied'), 'basic', count(r.id) filter (where r.result = 'basic'),
      'unsatisfied', count(r.id) filter (where r.result = 'unsatisfied'), 'rated', count(r.id), 'replies', count(distinct y.id),
      'proposers', (select count(*) from proposal_signer s where s.proposal_id = ${x}.id and s.status = 'confirmed'))
    from proposal_reply y join proposal_assignment a on a.id = y.assignment_id
    left join proposal_rating r on r.reply_id = y.id and r.proposal_id = ${x}.id
    where y.proposal_id = coalesce(${x}.merged_into_id, ${x}.id) and y.status = 'sent' and y.kind = 'reply' and y.round = a.round and a.status <> 'withdrawn')`;

/** The select list of an item; `x` is the proposal's alias, `memberId` the viewer's membership (their invitation). */
export const itemColumns = (memberId: string | null, x = 'x'): SQL => {
  const a = sql.raw(x);
  return sql`${a}.id, ${a}.number, ${a}.title, ${a}.status, ${a}.kind, ${a}.category, ${a}.proposer_kind as "proposerKind",
    (select json_build_object('id', ps.id, 'name', ps.name) from plenary_session ps where ps.id = ${a}.session_id) as session,
    ${proposerNameSql(x)} as "proposerName", ${unitsSql(a)} as units, ${ratingsSql(a)} as ratings, ${a}.key_status as "keyStatus",
    ${memberId ? sql`(select s.status from proposal_signer s where s.proposal_id = ${a}.id and s.member_id = ${memberId})` : sql`null::text`} as "myInvitation",
    ${a}.submitted_at as "submittedAt", case when ${a}.number is not null then ${a}.reviewed_at end as "filedAt", ${a}.replied_at as "repliedAt", ${a}.created_at as "createdAt"`;
};

export interface ItemRow {
  id: string;
  number: number | null;
  title: string;
  status: ProposalStatus;
  kind: ProposalKind;
  category: string;
  proposerKind: ProposerKind;
  session: { id: string; name: string };
  proposerName: string;
  units: { id: string; unit: { id: string; name: string }; role: AssignmentRole; status: AssignmentStatus; dueOn: string; round: number }[];
  ratings: { satisfied: number; basic: number; unsatisfied: number; rated: number; replies: number; proposers: number } | null;
  keyStatus: 'shortlisted' | 'approved' | null;
  myInvitation: 'invited' | 'confirmed' | 'declined' | 'lapsed' | null;
  submittedAt: string | null;
  filedAt: string | null;
  repliedAt: string | null;
  createdAt: string;
}

const OPEN: AssignmentStatus[] = ['handling', 'objected'];

export const summaryOf = (u: ItemRow['units'][number], today: string): AssignmentSummary => ({
  id: u.id,
  unit: u.unit,
  role: u.role,
  roleLabel: ASSIGNMENT_ROLE_LABELS[u.role],
  status: u.status,
  statusLabel: ASSIGNMENT_STATUS_LABELS[u.status],
  dueOn: u.dueOn,
  overdue: OPEN.includes(u.status) && u.dueOn < today,
  round: u.round,
});

/** Row → ProposalListItem; `today` is the China date (deadlines are China dates). */
export function itemOf(r: ItemRow, today: string): ProposalListItem {
  const units = r.units.map((u) => summaryOf(u, today));
  const open = units.filter((u) => OPEN.includes(u.status)).map((u) => u.dueOn).sort();
  const g = r.ratings ?? { satisfied: 0, basic: 0, unsatisfied: 0, rated: 0, replies: 0, proposers: 0 };
  return {
    id: r.id,
    number: r.number,
    numberLabel: numberLabel(r.number),
    title: r.title,
    status: r.status,
    statusLabel: PROPOSAL_STATUS_LABELS[r.status],
    kind: r.kind,
    kindLabel: PROPOSAL_KIND_LABELS[r.kind],
    session: r.session,
    category: r.category,
    proposerKind: r.proposerKind,
    proposerName: r.proposerName,
    units,
    dueOn: open[0] ?? null,
    overdue: !!open[0] && open[0] < today,
    keyStatus: r.keyStatus,
    ratings: { satisfied: Number(g.satisfied), basic: Number(g.basic), unsatisfied: Number(g.unsatisfied), pending: Math.max(0, Number(g.proposers) * Number(g.replies) - Number(g.rated)) },
    myInvitation: r.myInvitation,
    submittedAt: iso(r.submittedAt),
    filedAt: iso(r.filedAt),
    repliedAt: iso(r.repliedAt),
    createdAt: iso(r.createdAt)!,
  };
}
