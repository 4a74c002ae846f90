import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import type { FieldCrypto } from '../../core/crypto.js';
import { notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { visibleSql, type Viewer } from './proposal.visible.js';
import type { AssignmentRole, DeclineGround, ProposalKind, ProposalStatus, ProposerKind } from './proposal.schema.js';

/**
 * What the printed documents need, read set-based (one statement per kind of row, whatever the number
 * of proposals). Who may print a proposal is who may see it (proposal.visible.ts).
 */

export interface PrintSigner {
  name: string;
  sector: string;
  workUnit: string;
}
export interface PrintAssignment {
  role: AssignmentRole;
  unit: string;
}
export interface Printable {
  id: string;
  number: number | null;
  title: string;
  situation: string;
  analysis: string;
  suggestion: string;
  category: string;
  kind: ProposalKind;
  status: ProposalStatus;
  proposerKind: ProposerKind;
  bodyName: string | null;
  sealNoted: boolean;
  mayPublish: boolean;
  termNumber: number;
  sessionNumber: number;
  sessionName: string;
  submittedOn: string | null;
  reviewedOn: string | null;
  assignedOn: string | null;
  declineGround: DeclineGround | null;
  decisionReason: string | null;
  convertedTo: string | null;
  mergedIntoNumber: number | null;
  suggestedUnits: string[];
  signers: PrintSigner[];
  assignments: PrintAssignment[];
}

const day = (col: SQL) => sql`to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** The proposals of the org matching `where` (on alias x) that the viewer may read, in number order, with signers and units. */
export async function printables(db: Executor, v: Viewer, where: SQL): Promise<Printable[]> {
  const rows = await rowsOf<Omit<Printable, 'signers' | 'assignments'>>(
    db,
    sql`select x.id, x.number, x.title, x.situation, x.analysis, x.suggestion, x.category, x.kind, x.status,
        x.proposer_kind as "proposerKind", coalesce(x.body_name, bs.name, bg.name, bc.name) as "bodyName", x.seal_noted as "sealNoted",
        x.may_publish as "mayPublish", t.number as "termNumber", ps.number as "sessionNumber", ps.name as "sessionName",
        ${day(sql`x.submitted_at`)} as "submittedOn", ${day(sql`x.reviewed_at`)} as "reviewedOn", ${day(sql`x.assigned_at`)} as "assignedOn",
        x.decline_ground as "declineGround", x.decision_reason as "decisionReason", x.converted_to as "convertedTo", mi.number as "mergedIntoNumber",
        coalesce((select json_agg(u.name order by array_position(x.suggested_unit_ids, u.id)) from handling_unit u where u.id = any(x.suggested_unit_ids)), '[]'::json) as "suggestedUnits"
      from proposal x join plenary_session ps on ps.id = x.session_id join term t on t.id = x.term_id
        left join proposal mi on mi.id = x.merged_into_id
        left join sector bs on bs.id = x.body_id and x.proposer_kind = 'sector'
        left join member_group bg on bg.id = x.body_id and x.proposer_kind = 'group'
        left join committee bc on bc.id = x.body_id and x.proposer_kind = 'committee'
      where x.org_id = ${v.actor.orgId} and ${where} and ${visibleSql(v)}
      order by x.number nulls last, x.created_at, x.id`,
  );
  if (!rows.length) return [];
  const ids = sql`array[${sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  )}]::uuid[]`;
  const signers = await rowsOf<PrintSigner & { pid: string }>(
    db,
    sql`select s.proposal_id as pid, p.name, sec.name as sector, m.work_unit as "workUnit"
      from proposal_signer s join member m on m.id = s.member_id join person p on p.id = m.person_id join sector sec on sec.id = m.sector_id
      where s.proposal_id = any(${ids}) and s.status = 'confirmed' order by s.proposal_id, s.position`,
  );
  const assignments = await rowsOf<PrintAssignment & { pid: string }>(
    db,
    sql`select a.proposal_id as pid, a.role, u.name as unit from proposal_assignment a join handling_unit u on u.id = a.unit_id
      where a.proposal_id = any(${ids}) and a.status <> 'withdrawn'
      order by a.proposal_id, case a.role when 'lead' then 0 when 'sole' then 0 when 'separate' then 1 else 2 end, u.sort, a.created_at`,
  );
  const group = <T extends { pid: string }>(xs: T[]) => {
    const m = new Map<string, Omit<T, 'pid'>[]>();
    for (const { pid, ...rest } of xs) (m.get(pid) ?? m.set(pid, []).get(pid)!).push(rest);
    return m;
  };
  const s = group(signers);
  const a = group(assignments);
  return rows.map((r) => ({ ...r, signers: s.get(r.id) ?? [], assignments: a.get(r.id) ?? [] }));
}

export interface LetterData {
  id: string;
  kind: 'reply' | 'follow_up';
  status: 'sent' | 'returned';
  letterNo: string;
  body: string;
  category: string | null;
  signer: string;
  contactName: string;
  /** whole, decrypted: the letter prints it for the proposers */
  contactPhone: string;
  sentOn: string;
  round: number;
  role: AssignmentRole;
  unitName: string;
  /** the proposal replied to and those merged into it, in number order */
  proposals: { id: string; number: number | null; termNumber: number; sessionNumber: number; proposerKind: ProposerKind; bodyName: string | null; sealNoted: boolean; signers: string[] }[];
  /** the co-handling units of a lead unit's reply */
  coUnits: string[];
}

/**
 * A reply letter, for those who may read it: staff, admins and leaders; the unit that wrote it; the
 * proposers (of the proposal or of one merged into it) once it is sent. 404 for anyone else.
 */
export async function letterData(db: Executor, crypto: FieldCrypto, v: Viewer, replyId: string): Promise<LetterData> {
  const gone = () => notFound('答复不存在或无权查看');
  const [r] = await rowsOf<Omit<LetterData, 'proposals' | 'coUnits' | 'contactPhone'> & { contactPhoneEnc: string | null; proposalId: string; unitId: string; assignmentId: string }>(
    db,
    sql`select r.id, r.kind, r.status, r.letter_no as "letterNo", r.body, r.category, r.signer, r.contact_name as "contactName", r.contact_phone_enc as "contactPhoneEnc",
        ${day(sql`r.sent_at`)} as "sentOn", r.round, a.role, u.name as "unitName", r.proposal_id as "proposalId", r.unit_id as "unitId", r.assignment_id as "assignmentId"
      from proposal_reply r join proposal_assignment a on a.id = r.assignment_id join handling_unit u on u.id = r.unit_id
      where r.id = ${replyId} and r.org_id = ${v.actor.orgId}`,
  );
  if (!r) throw gone();
  const mayRead =
    v.reader ||
    (v.unitId !== null && v.unitId === r.unitId) ||
    (v.memberId !== null &&
      r.status === 'sent' &&
      (
        await rowsOf<{ ok: number }>(
          db,
          sql`select 1 as ok from proposal_signer s join proposal x on x.id = s.proposal_id
          where s.member_id = ${v.memberId} and s.status = 'confirmed' and (x.id = ${r.proposalId} or x.merged_into_id = ${r.proposalId}) limit 1`,
        )
      ).length > 0);
  if (!mayRead) throw gone();
  const proposals = await rowsOf<LetterData['proposals'][number]>(
    db,
    sql`select x.id, x.number, t.number as "termNumber", ps.number as "sessionNumber", x.proposer_kind as "proposerKind",
        coalesce(x.body_name, bs.name, bg.name, bc.name) as "bodyName", x.seal_noted as "sealNoted",
        coalesce((select json_agg(p.name order by s.position) from proposal_signer s join member m on m.id = s.member_id join person p on p.id = m.person_id
          where s.proposal_id = x.id and s.status = 'confirmed'), '[]'::json) as signers
      from proposal x join plenary_session ps on ps.id = x.session_id join term t on t.id = x.term_id
        left join sector bs on bs.id = x.body_id and x.proposer_kind = 'sector'
        left join member_group bg on bg.id = x.body_id and x.proposer_kind = 'group'
        left join committee bc on bc.id = x.body_id and x.proposer_kind = 'committee'
      where x.id = ${r.proposalId} or (x.merged_into_id = ${r.proposalId} and x.status = 'merged')
      order by x.id = ${r.proposalId} desc, x.number nulls last`,
  );
  const coUnits =
    r.role === 'lead'
      ? (
          await rowsOf<{ name: string }>(
            db,
            sql`select u.name from proposal_assignment a join handling_unit u on u.id = a.unit_id
            where a.proposal_id = ${r.proposalId} and a.role = 'co' and a.status <> 'withdrawn' order by u.sort, u.name`,
          )
        ).map((x) => x.name)
      : [];
  const { proposalId: _p, unitId: _u, assignmentId: _a, contactPhoneEnc, ...letter } = r;
  return { ...letter, contactPhone: contactPhoneEnc ? crypto.decrypt(contactPhoneEnc) : '', proposals, coUnits };
}
