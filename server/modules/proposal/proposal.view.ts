import { sql } from 'drizzle-orm';
import { can, requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { maskPhone, maskPhoneText } from '../../core/crypto.js';
import { audienceOf, sees } from '../member/member.visibility.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { PROPOSAL_EVENT_LABELS, rulesOf } from './proposal.access.js';
import { iso, itemColumns, itemOf, proposerNameSql, summaryOf, type ItemRow } from './proposal.item.js';
import {
  CONTACT_METHOD_LABELS,
  DECLINE_GROUND_LABELS,
  KEY_STATUS_LABELS,
  numberLabel,
  RATING_LABELS,
  SUPERVISION_KIND_LABELS,
  type ProposalRules,
  type ProposalView,
} from './proposal.schema.js';
import { detailColumns, type DetailRow } from './proposal.view.sql.js';
import { loadVisible, mayViewContacts, unitOnProposal, viewerOf, type Viewer } from './proposal.visible.js';
import { mayDo } from './proposal.workflow.js';

const SIGNER_LABELS = { confirmed: '已确认', invited: '待确认', declined: '不同意联名', lapsed: '逾期未确认' } as const;

/**
 * The proposal as the actor may see it (404 when they may not): the item, texts, signers (phones masked, for
 * those member.visibility.ts lets see them; whole only from the audited reveal), files, decision, merging, units with
 * their objections, extensions and contacts, replies with sign-offs and ratings, key proposal,
 * publication, source concerns, timeline, and what the viewer may do now. Four queries whatever its size.
 */
export async function getProposal(ctx: Ctx, id: string): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const v = await viewerOf(ctx.db, actor);
  await loadVisible(ctx.db, v, id);
  const [r] = await rowsOf<ItemRow & DetailRow>(ctx.db, sql`select ${itemColumns(v.memberId)}, ${detailColumns(proposerNameSql('f'))} from proposal x where x.id = ${id}`);
  const { rules } = await rulesOf(ctx.db, actor.orgId);
  return present(ctx, v, r, rules);
}

function present(ctx: Ctx, v: Viewer, r: ItemRow & DetailRow, rules: ProposalRules): ProposalView {
  const today = chinaDate(ctx.clock.now());
  const item = itemOf(r, today);
  const handlingStatus = r.main?.status ?? r.status;
  const mine = r.signers.find((s) => s.memberId === v.memberId) ?? null;
  const writer = !!mine && mine.position === 0 && can(v.actor, 'proposal.write');
  const myAssignment = v.unitId && !r.main ? (r.assignments.find((a) => a.unit.id === v.unitId && a.status !== 'withdrawn') ?? null) : null;
  const unitOnIt = unitOnProposal(v, r.assignments);
  // a unit account sees proposers as a unit, whatever else it is; others by their role, and themselves as themselves
  const audienceFor = (memberId: string) => (memberId === v.memberId ? 'self' : unitOnIt && !v.staff ? 'unit' : audienceOf(v.actor));
  const replies = r.replies.filter((y) => v.staff || unitOnIt || y.status === 'sent');
  const confirmed = mine?.status === 'confirmed';
  const current = (y: DetailRow['replies'][number]) => {
    const a = r.assignments.find((x) => x.id === y.assignmentId);
    return y.kind === 'reply' && y.status === 'sent' && !!a && a.status !== 'withdrawn' && a.round === y.round;
  };
  const canHandle = myAssignment && can(v.actor, 'proposal.handle') ? myAssignment : null;
  const replying = canHandle && canHandle.role !== 'co' ? canHandle : null;
  const contacted = !!canHandle && canHandle.contacts.some((c) => c.round === canHandle.round);
  const main = handlingStatus as ProposalView['status'];
  return {
    ...item,
    term: r.term,
    situation: r.situation,
    analysis: r.analysis,
    suggestion: r.suggestion,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    sealNoted: r.sealNoted,
    suggestedUnits: r.suggestedUnits,
    mayPublish: r.mayPublish,
    coSignDueAt: iso(r.coSignDueAt),
    oneMatterConfirmed: r.oneMatterConfirmed,
    signers: r.signers.map((s) => ({
      memberId: s.memberId,
      name: s.name,
      sector: s.sector,
      workUnit: s.workUnit,
      position: s.position,
      status: s.status,
      statusLabel: SIGNER_LABELS[s.status],
      respondedAt: iso(s.respondedAt),
      ...(sees('phone', audienceFor(s.memberId)) && { phoneMasked: s.phoneEnc ? maskPhone(ctx.crypto.decrypt(s.phoneEnc)) : null }),
    })),
    files: r.files.map((f) => ({ ...f, size: Number(f.size) })),
    decision: ['declined', 'converted', 'returned', 'merged'].includes(r.status)
      ? {
          ground: r.declineGround,
          groundLabel: r.declineGround ? DECLINE_GROUND_LABELS[r.declineGround] : null,
          reason: r.decisionReason,
          convertedTo: r.convertedTo,
          convertedRefId: r.convertedRefId,
          at: iso(r.reviewedAt),
        }
      : null,
    mergedInto: r.main ? { id: r.main.id, numberLabel: numberLabel(r.main.number), title: r.main.title } : null,
    mergedFrom: r.mergedFrom.map((f) => ({ id: f.id, numberLabel: numberLabel(f.number), title: f.title, proposerName: f.proposerName })),
    handlingMode: r.main ? r.main.handlingMode : r.handlingMode,
    assignments: r.assignments.map((a) => ({
      ...summaryOf(a, today),
      assignedAt: iso(a.assignedAt)!,
      objectionDueOn: a.objectionDueOn,
      objection: a.objectedAt
        ? { reason: a.objectionReason ?? '', suggestedUnit: a.suggestedUnit ?? '', at: iso(a.objectedAt)!, resolution: a.objectionResolution, note: a.objectionNote }
        : null,
      maxDueOn: a.maxDueOn,
      extensions: a.extensions.map((e) => ({ ...e, requestedAt: iso(e.requestedAt)!, decidedAt: iso(e.decidedAt) })),
      contacts: a.contacts.map((c) => ({ ...c, methodLabel: CONTACT_METHOD_LABELS[c.method], createdAt: iso(c.createdAt)! })),
      signOff: a.signOffText && a.signedOffAt ? { text: a.signOffText, at: iso(a.signedOffAt)! } : null,
      followUpDueOn: a.followUpDueOn,
      followUpDoneAt: iso(a.followUpDoneAt),
    })),
    replies: replies.map(({ contactPhoneEnc, ...y }) => ({
      ...y,
      categoryLabel: y.category ? (rules.replyCategories.find((c) => c.code === y.category)?.label ?? y.category) : null,
      contactPhone: (v.staff || unitOnIt) && contactPhoneEnc ? maskPhoneText(ctx.crypto.decrypt(contactPhoneEnc)) : '',
      contactName: v.staff || unitOnIt ? y.contactName : '',
      sentAt: iso(y.sentAt)!,
      signOffs: y.signOffs.map((s) => ({ unit: s.unit, text: s.text, signedOffAt: iso(s.signedOffAt), late: s.signedOffAt ? chinaDate(new Date(s.signedOffAt)) > s.dueOn : s.dueOn < today })),
      ratings: y.ratings.map((g) => ({
        ...g,
        handlingLabel: RATING_LABELS[g.handling],
        resultLabel: RATING_LABELS[g.result],
        at: iso(g.at)!,
      })),
    })),
    key: r.keyStatus
      ? {
          status: r.keyStatus,
          statusLabel: KEY_STATUS_LABELS[r.keyStatus],
          decidedOn: r.keyDecidedOn,
          note: r.keyNote,
          supervisors: r.supervisors,
          supervisions: r.supervisions.map((s) => ({ ...s, kindLabel: SUPERVISION_KIND_LABELS[s.kind] })),
        }
      : null,
    publication: { mode: r.publishMode, dueOn: r.publishDueOn, publishedAt: iso(r.publishedAt), summary: r.publishSummary, withheldReason: r.withheldReason },
    // the residents' concerns behind it: for those who read the org's concerns (staff, leaders), not for every member or unit
    fromRequests: v.reader ? r.fromRequests : [],
    timeline: r.timeline.map((e) => ({ at: iso(e.at)!, kind: e.kind, label: PROPOSAL_EVENT_LABELS[e.kind as keyof typeof PROPOSAL_EVENT_LABELS] ?? e.kind, actorName: e.actorName, unit: e.unit, note: e.note })),
    can: {
      edit: writer && mayDo(r.status, 'edit'),
      submit: writer && mayDo(r.status, 'submit'),
      withdraw: writer && mayDo(r.status, 'withdraw'),
      respondInvitation: mine?.status === 'invited' && mayDo(r.status, 'respondInvitation') && (!r.coSignDueAt || new Date(r.coSignDueAt) > ctx.clock.now()),
      review: v.staff && r.status === 'submitted',
      assign: v.staff && mayDo(r.status, 'assign'),
      myAssignmentId: myAssignment?.id ?? null,
      object: !!canHandle && canHandle.status === 'handling' && !canHandle.objectedAt && today <= canHandle.objectionDueOn && mayDo(main, 'object'),
      requestExtension: !!replying && replying.status === 'handling' && !replying.extensions.some((e) => e.status === 'pending') && mayDo(main, 'requestExtension'),
      recordContact: !!canHandle && mayDo(main, 'recordContact'),
      viewContacts: mayViewContacts(v, unitOnIt),
      signOff: !!canHandle && canHandle.role === 'co' && canHandle.status === 'handling' && mayDo(main, 'signOff'),
      reply: !!replying && replying.status === 'handling' && (!rules.contactRequired || contacted) && mayDo(main, 'reply'),
      followUp: !!replying && !!replying.followUpDueOn && !replying.followUpDoneAt && mayDo(main, 'followUp'),
      rateReplyIds:
        confirmed && can(v.actor, 'proposal.write') && mayDo(main, 'rate') ? replies.filter((y) => current(y) && !y.ratings.some((g) => g.member.id === v.memberId)).map((y) => y.id) : [],
      rehandle: v.staff && mayDo(r.status, 'rehandle'),
      key: v.staff && mayDo(r.status, 'key'),
      publish: v.staff && mayDo(r.status, 'publish'),
    },
  };
}
