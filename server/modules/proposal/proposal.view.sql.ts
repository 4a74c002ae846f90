import { sql, type SQL } from 'drizzle-orm';
import type { ContactMethod, DeclineGround, ProposalStatus, PublishMode, Rating, SupervisionKind } from './proposal.schema.js';
import type { ItemRow } from './proposal.item.js';

/**
 * The detail's select list over `proposal x` (everything beyond the list item), as json_agg sub-selects:
 * one statement for the whole proposal. Units, replies and ratings are the main proposal's when `x` is merged.
 */
const T = sql`coalesce(x.merged_into_id, x.id)`;
const unitRef = (u: string) => sql.raw(`json_build_object('id', ${u}.id, 'name', ${u}.name)`);

const assignmentsSql = sql`coalesce((select json_agg(json_build_object(
    'id', a.id, 'unit', ${unitRef('u')}, 'role', a.role, 'status', a.status, 'dueOn', a.due_on, 'round', a.round,
    'assignedAt', a.assigned_at, 'objectionDueOn', a.objection_due_on, 'objectedAt', a.objected_at, 'objectionReason', a.objection_reason,
    'suggestedUnit', (select e.data->>'suggestedUnit' from proposal_event e where e.proposal_id = a.proposal_id and e.kind = 'objected' and e.data->>'assignmentId' = a.id::text order by e.at desc limit 1),
    'objectionResolution', a.objection_resolution, 'objectionNote', a.objection_note, 'maxDueOn', a.max_due_on,
    'extensions', coalesce((select json_agg(json_build_object('id', e.id, 'fromDueOn', e.from_due_on, 'requestedDueOn', e.requested_due_on, 'reason', e.reason,
        'status', e.status, 'decisionNote', e.decision_note, 'requestedAt', e.requested_at, 'decidedAt', e.decided_at) order by e.requested_at)
      from proposal_extension e where e.assignment_id = a.id), '[]'::json),
    'contacts', coalesce((select json_agg(json_build_object('id', c.id, 'method', c.method, 'on', c.on, 'note', c.note, 'round', c.round, 'createdAt', c.created_at,
        'members', coalesce((select json_agg(json_build_object('id', m.id, 'name', p.name) order by k.ord)
          from unnest(c.member_ids) with ordinality k(id, ord) join member m on m.id = k.id join person p on p.id = m.person_id), '[]'::json)) order by c.on, c.created_at)
      from proposal_contact c where c.assignment_id = a.id), '[]'::json),
    'signOffText', a.sign_off_text, 'signedOffAt', a.signed_off_at, 'followUpDueOn', a.follow_up_due_on, 'followUpDoneAt', a.follow_up_done_at)
    order by case a.status when 'withdrawn' then 1 else 0 end, case a.role when 'co' then 2 when 'separate' then 1 else 0 end, u.sort, u.name, a.created_at)
  from proposal_assignment a join handling_unit u on u.id = a.unit_id where a.proposal_id = ${T}), '[]'::json)`;

const repliesSql = sql`coalesce((select json_agg(json_build_object(
    'id', y.id, 'assignmentId', y.assignment_id, 'unit', ${unitRef('u')}, 'round', y.round, 'kind', y.kind, 'letterNo', y.letter_no, 'body', y.body,
    'category', y.category, 'categoryCorrectedFrom', y.category_corrected_from, 'followUpOn', y.follow_up_on, 'signer', y.signer,
    'contactName', y.contact_name, 'contactPhoneEnc', y.contact_phone_enc, 'status', y.status, 'returnedReason', y.returned_reason, 'sentAt', y.sent_at,
    'signOffs', case when ya.role = 'lead' then coalesce((select json_agg(json_build_object('unit', ${unitRef('cu')}, 'text', ca.sign_off_text,
        'signedOffAt', ca.signed_off_at, 'dueOn', ca.due_on) order by cu.sort, cu.name)
      from proposal_assignment ca join handling_unit cu on cu.id = ca.unit_id where ca.proposal_id = y.proposal_id and ca.role = 'co' and ca.status <> 'withdrawn'), '[]'::json)
      else '[]'::json end,
    'ratings', coalesce((select json_agg(json_build_object('id', g.id, 'replyId', g.reply_id, 'member', json_build_object('id', m.id, 'name', p.name),
        'handling', g.handling, 'result', g.result, 'comment', g.comment, 'onBehalf', g.on_behalf, 'at', g.at) order by g.at)
      from proposal_rating g join member m on m.id = g.member_id join person p on p.id = m.person_id where g.reply_id = y.id), '[]'::json))
    order by y.round desc, y.sent_at desc)
  from proposal_reply y join handling_unit u on u.id = y.unit_id join proposal_assignment ya on ya.id = y.assignment_id where y.proposal_id = ${T}), '[]'::json)`;

export const detailColumns = (fProposerName: SQL) => sql`
  (select json_build_object('id', tm.id, 'name', tm.name) from term tm where tm.id = x.term_id) as term,
  x.situation, x.analysis, x.suggestion, x.body_id as "bodyId", x.body_name as "bodyName", x.seal_noted as "sealNoted", x.may_publish as "mayPublish",
  x.co_sign_due_at as "coSignDueAt", x.one_matter_confirmed as "oneMatterConfirmed", x.handling_mode as "handlingMode",
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by array_position(x.suggested_unit_ids, u.id))
    from handling_unit u where u.id = any(x.suggested_unit_ids)), '[]'::json) as "suggestedUnits",
  coalesce((select json_agg(json_build_object('memberId', m.id, 'name', p.name, 'sector', sc.name, 'workUnit', m.work_unit, 'position', s.position,
      'status', s.status, 'respondedAt', s.responded_at, 'phoneEnc', p.phone_enc) order by s.position)
    from proposal_signer s join member m on m.id = s.member_id join person p on p.id = m.person_id join sector sc on sc.id = m.sector_id
    where s.proposal_id = x.id), '[]'::json) as signers,
  coalesce((select json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size) order by f.created_at, f.name)
    from stored_file f where f.owner_type = 'proposal' and f.owner_id = x.id), '[]'::json) as files,
  x.decline_ground as "declineGround", x.decision_reason as "decisionReason", x.converted_to as "convertedTo", x.converted_ref_id as "convertedRefId", x.reviewed_at as "reviewedAt",
  (select json_build_object('id', mt.id, 'number', mt.number, 'title', mt.title, 'status', mt.status, 'handlingMode', mt.handling_mode)
    from proposal mt where mt.id = x.merged_into_id) as main,
  coalesce((select json_agg(json_build_object('id', f.id, 'number', f.number, 'title', f.title, 'proposerName', ${fProposerName}) order by f.number, f.created_at)
    from proposal f where f.merged_into_id = x.id), '[]'::json) as "mergedFrom",
  ${assignmentsSql} as assignments,
  ${repliesSql} as replies,
  x.key_decided_on as "keyDecidedOn", x.key_note as "keyNote",
  coalesce((select json_agg(json_build_object('id', s.id, 'accountId', s.account_id, 'name', s.name, 'title', s.title) order by s.sort, s.name)
    from proposal_supervisor s where s.proposal_id = x.id), '[]'::json) as supervisors,
  coalesce((select json_agg(json_build_object('id', s.id, 'kind', s.kind, 'on', s.on, 'place', s.place, 'participants', s.participants, 'note', s.note) order by s.on, s.created_at)
    from proposal_supervision s where s.proposal_id = x.id), '[]'::json) as supervisions,
  x.publish_mode as "publishMode", x.publish_due_on as "publishDueOn", x.published_at as "publishedAt", x.publish_summary as "publishSummary", x.withheld_reason as "withheldReason",
  coalesce((select json_agg(json_build_object('id', q.id, 'code', q.code, 'title', q.title) order by q.created_at)
    from request q where q.id in (select i.request_id from request_escalation e join request_escalation_item i on i.escalation_id = e.id
      where e.kind = 'proposal' and e.target_id = x.id)), '[]'::json) as "fromRequests",
  coalesce((select json_agg(json_build_object('at', e.at, 'kind', e.kind, 'actorName', e.actor_name, 'unit', eu.name, 'note', e.note) order by e.at, e.id)
    from proposal_event e left join handling_unit eu on eu.id = e.unit_id where e.proposal_id = x.id), '[]'::json) as timeline`;

type Ref = { id: string; name: string };
export interface DetailRow {
  term: Ref;
  situation: string;
  analysis: string;
  suggestion: string;
  bodyId: string | null;
  bodyName: string | null;
  sealNoted: boolean;
  mayPublish: boolean;
  coSignDueAt: string | null;
  oneMatterConfirmed: boolean;
  handlingMode: 'single' | 'lead' | 'separate' | null;
  suggestedUnits: Ref[];
  signers: { memberId: string; name: string; sector: string; workUnit: string; position: number; status: 'confirmed' | 'invited' | 'declined' | 'lapsed'; respondedAt: string | null; phoneEnc: string | null }[];
  files: { id: string; name: string; mime: string; size: number }[];
  declineGround: DeclineGround | null;
  decisionReason: string | null;
  convertedTo: 'opinion' | 'letter' | null;
  convertedRefId: string | null;
  reviewedAt: string | null;
  main: { id: string; number: number | null; title: string; status: ProposalStatus; handlingMode: 'single' | 'lead' | 'separate' | null } | null;
  mergedFrom: { id: string; number: number | null; title: string; proposerName: string }[];
  assignments: (ItemRow['units'][number] & {
    assignedAt: string;
    objectionDueOn: string;
    objectedAt: string | null;
    objectionReason: string | null;
    suggestedUnit: string | null;
    objectionResolution: 'kept' | 'reassigned' | null;
    objectionNote: string | null;
    maxDueOn: string;
    extensions: { id: string; fromDueOn: string; requestedDueOn: string; reason: string; status: 'pending' | 'approved' | 'refused'; decisionNote: string | null; requestedAt: string; decidedAt: string | null }[];
    contacts: { id: string; method: ContactMethod; on: string; note: string; round: number; createdAt: string; members: Ref[] }[];
    signOffText: string | null;
    signedOffAt: string | null;
    followUpDueOn: string | null;
    followUpDoneAt: string | null;
  })[];
  replies: {
    id: string;
    assignmentId: string;
    unit: Ref;
    round: number;
    kind: 'reply' | 'follow_up';
    letterNo: string;
    body: string;
    category: string | null;
    categoryCorrectedFrom: string | null;
    followUpOn: string | null;
    signer: string;
    contactName: string;
    contactPhoneEnc: string | null;
    status: 'sent' | 'returned';
    returnedReason: string | null;
    sentAt: string;
    signOffs: { unit: Ref; text: string | null; signedOffAt: string | null; dueOn: string }[];
    ratings: { id: string; replyId: string; member: Ref; handling: Rating; result: Rating; comment: string; onBehalf: boolean; at: string }[];
  }[];
  keyDecidedOn: string | null;
  keyNote: string | null;
  supervisors: { id: string; accountId: string | null; name: string; title: string }[];
  supervisions: { id: string; kind: SupervisionKind; on: string; place: string; participants: string; note: string }[];
  publishMode: PublishMode | null;
  publishDueOn: string | null;
  publishedAt: string | null;
  publishSummary: string | null;
  withheldReason: string | null;
  fromRequests: { id: string; code: string; title: string }[];
  timeline: { at: string; kind: string; actorName: string; unit: string | null; note: string | null }[];
}
