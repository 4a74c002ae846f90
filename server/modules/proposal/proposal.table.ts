import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { account } from '../account/account.table.js';
import { member } from '../member/member.table.js';
import { org } from '../org/org.table.js';
import { plenarySession, term } from '../term/term.table.js';
import { handlingUnit } from '../unit/unit.table.js';

/**
 * 提案: a formal proposal. Written by a member (alone or jointly) or by a sector, group, party,
 * people's organisation or special committee; reviewed by the proposals office (立案 with a number
 * per session, or declined, converted, returned, merged); assigned to handling units; replied to
 * with a formal letter; rated by every proposer. States and who may move them: proposal.workflow.ts.
 */
export const proposal = pgTable(
  'proposal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    termId: uuid('term_id').notNull().references(() => term.id),
    sessionId: uuid('session_id').notNull().references(() => plenarySession.id),
    /** 'plenary' 大会提案 (in the session's collection window) or 'interim' 平时提案, by the date it was submitted */
    kind: text('kind').notNull(),
    /** 立案号, per session, given when filed (or merged) */
    number: integer('number'),
    title: text('title').notNull(),
    situation: text('situation').notNull().default(''),
    analysis: text('analysis').notNull().default(''),
    suggestion: text('suggestion').notNull().default(''),
    category: text('category').notNull(),
    /** 'member' (alone or joint, by its signers), 'sector', 'group', 'party', 'people_org', 'committee' */
    proposerKind: text('proposer_kind').notNull().default('member'),
    /** the collective proposer's name, e.g. 民盟远安县基层委员会 or 经济界 */
    bodyName: text('body_name'),
    /** the sector, group or committee row of a collective proposer */
    bodyId: uuid('body_id'),
    /** the organisation's seal is noted on the paper original (collective proposals) */
    sealNoted: boolean('seal_noted').notNull().default(false),
    suggestedUnitIds: uuid('suggested_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    mayPublish: boolean('may_publish').notNull().default(true),
    status: text('status').notNull().default('draft'),
    /** co-signers confirm before this moment; later, unanswered invitations lapse */
    coSignDueAt: timestamp('co_sign_due_at', { withTimezone: true }),
    /** 一事一案, confirmed by the reviewer when filing */
    oneMatterConfirmed: boolean('one_matter_confirmed').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => account.id),
    /** one of DECLINE_GROUNDS, or 'other' with decisionReason */
    declineGround: text('decline_ground'),
    /** the written reason of a decline, return, conversion or merge */
    decisionReason: text('decision_reason'),
    /** 'opinion' 转社情民意信息 or 'letter' 转为建议函 */
    convertedTo: text('converted_to'),
    convertedRefId: uuid('converted_ref_id'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => proposal.id),
    /** 'single' 单独办理, 'lead' 主办会办, 'separate' 分办 */
    handlingMode: text('handling_mode'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 重点提案: 'shortlisted' by staff, 'approved' by the chair's meeting */
    keyStatus: text('key_status'),
    keyDecidedOn: date('key_decided_on'),
    keyNote: text('key_note'),
    /** publication of the reply: 'full', 'summary' or 'withheld' (with a reason); null while undecided */
    publishMode: text('publish_mode'),
    publishSummary: text('publish_summary'),
    publishDueOn: date('publish_due_on'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withheldReason: text('withheld_reason'),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('proposal_org_status_idx').on(t.orgId, t.status, t.submittedAt),
    index('proposal_org_session_idx').on(t.orgId, t.sessionId, t.number),
    uniqueIndex('proposal_session_number_uq').on(t.sessionId, t.number).where(sql`${t.number} is not null`),
    index('proposal_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    index('proposal_key_idx').on(t.orgId, t.keyStatus).where(sql`${t.keyStatus} is not null`),
    index('proposal_publish_idx').on(t.orgId, t.publishedAt).where(sql`${t.publishedAt} is not null`),
    check('proposal_status_check', sql`${t.status} in ('draft','submitted','returned','filed','declined','converted','merged','assigned','replied','closed')`),
    check('proposal_kind_check', sql`${t.kind} in ('plenary','interim')`),
    check('proposal_proposer_kind_check', sql`${t.proposerKind} in ('member','sector','group','party','people_org','committee')`),
  ],
);

/** Signers in order: position 0 is the first proposer (the initiator, or the convener of a collective proposal). */
export const proposalSigner = pgTable(
  'proposal_signer',
  {
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => member.id),
    position: integer('position').notNull(),
    /** 'confirmed' (the initiator always), 'invited', 'declined', 'lapsed' (not answered before the deadline) */
    status: text('status').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.memberId] }),
    index('proposal_signer_member_idx').on(t.memberId, t.status),
    check('proposal_signer_status_check', sql`${t.status} in ('confirmed','invited','declined','lapsed')`),
  ],
);

/**
 * One unit's part in handling a proposal: 'sole' 单独办理, 'lead' 主办, 'co' 会办 (sends its input to
 * the lead, never replies), 'separate' 分办 (replies on its own). A reassigned unit's row stays,
 * 'withdrawn', for the timeline.
 */
export const proposalAssignment = pgTable(
  'proposal_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => handlingUnit.id),
    role: text('role').notNull(),
    /** 'handling', 'objected' (waiting for staff), 'withdrawn', 'replied' (sole/lead/separate), 'signed_off' (co) */
    status: text('status').notNull().default('handling'),
    /** 1, then 2… each time staff send it back for handling again */
    round: integer('round').notNull().default(1),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    assignedBy: uuid('assigned_by').references(() => account.id),
    /** the last working day on which the unit may object to the assignment */
    objectionDueOn: date('objection_due_on').notNull(),
    objectedAt: timestamp('objected_at', { withTimezone: true }),
    objectionReason: text('objection_reason'),
    objectionResolvedAt: timestamp('objection_resolved_at', { withTimezone: true }),
    /** 'reassigned' or 'kept', with staff's note in objectionNote */
    objectionResolution: text('objection_resolution'),
    objectionNote: text('objection_note'),
    /** the reply deadline (sole/lead/separate) or the input deadline (co) */
    dueOn: date('due_on').notNull(),
    /** no extension may go past this (6 months from assignment by default) */
    maxDueOn: date('max_due_on').notNull(),
    /** 会签: the co-handling unit's input to the lead */
    signOffText: text('sign_off_text'),
    signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
    signedOffBy: uuid('signed_off_by').references(() => account.id),
    /** for replies in a "being solved" category: when the unit must report again, and when it did */
    followUpDueOn: date('follow_up_due_on'),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('proposal_assignment_unit_idx').on(t.unitId, t.status, t.dueOn),
    index('proposal_assignment_proposal_idx').on(t.proposalId),
    /** a unit has at most one live part in a proposal (a reassigned one stays 'withdrawn') */
    uniqueIndex('proposal_assignment_unit_live_uq').on(t.proposalId, t.unitId).where(sql`${t.status} <> 'withdrawn'`),
    index('proposal_assignment_org_status_idx').on(t.orgId, t.status, t.dueOn),
    check('proposal_assignment_role_check', sql`${t.role} in ('sole','lead','co','separate')`),
    check('proposal_assignment_status_check', sql`${t.status} in ('handling','objected','withdrawn','replied','signed_off')`),
  ],
);

/** 延期: a unit asks for a later deadline with a reason; staff approve or refuse. */
export const proposalExtension = pgTable(
  'proposal_extension',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').notNull().references(() => proposalAssignment.id, { onDelete: 'cascade' }),
    fromDueOn: date('from_due_on').notNull(),
    requestedDueOn: date('requested_due_on').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => account.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => account.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('proposal_extension_assignment_idx').on(t.assignmentId),
    index('proposal_extension_pending_idx').on(t.orgId).where(sql`${t.status} = 'pending'`),
    check('proposal_extension_status_check', sql`${t.status} in ('pending','approved','refused')`),
  ],
);

/** The unit's contact with a proposer before replying (沟通): how, when, with whom, what was said. */
export const proposalContact = pgTable(
  'proposal_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').notNull().references(() => proposalAssignment.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    /** 'phone' 电话, 'visit' 登门走访, 'meeting' 座谈, 'inspection' 现场察看, 'letter' 书面, 'online' 网络 */
    method: text('method').notNull(),
    on: date('on').notNull(),
    /** the proposers spoken to (member ids) */
    memberIds: uuid('member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('proposal_contact_assignment_idx').on(t.assignmentId)],
);

/**
 * 复文: a unit's formal reply letter (kind 'reply', with a result category) or its later report once
 * a "being solved" matter is done (kind 'follow_up'). Staff may send a reply back ('returned') or
 * correct its category (the unit's choice kept in categoryCorrectedFrom).
 */
export const proposalReply = pgTable(
  'proposal_reply',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').notNull().references(() => proposalAssignment.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => handlingUnit.id),
    round: integer('round').notNull(),
    kind: text('kind').notNull().default('reply'),
    /** 文号, e.g. 远住建函〔2026〕12号 */
    letterNo: text('letter_no').notNull().default(''),
    body: text('body').notNull(),
    category: text('category'),
    categoryCorrectedFrom: text('category_corrected_from'),
    followUpOn: date('follow_up_on'),
    /** 签发人 (the unit's head who signed the letter) */
    signer: text('signer').notNull(),
    /** the unit's contact for the letter; printed on the letter, never published; the phone AES-GCM encrypted (null: none) */
    contactName: text('contact_name').notNull().default(''),
    contactPhoneEnc: text('contact_phone_enc'),
    /** 'sent' (the proposers see it and rate it) or 'returned' by staff */
    status: text('status').notNull().default('sent'),
    returnedReason: text('returned_reason'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: uuid('returned_by').references(() => account.id),
    sentBy: uuid('sent_by').references(() => account.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('proposal_reply_proposal_idx').on(t.proposalId, t.sentAt),
    index('proposal_reply_unit_idx').on(t.unitId, t.sentAt),
    check('proposal_reply_kind_check', sql`${t.kind} in ('reply','follow_up')`),
    check('proposal_reply_status_check', sql`${t.status} in ('sent','returned')`),
  ],
);

/** 满意度测评: each proposer rates each reply — the handling work and the result — once, from their own account (or staff record it for an offline member, marked). */
export const proposalRating = pgTable(
  'proposal_rating',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    /** the rater's own proposal (a merged proposal's proposers rate the main one's reply from theirs) */
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    replyId: uuid('reply_id').notNull().references(() => proposalReply.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => member.id),
    /** 'satisfied' 满意, 'basic' 基本满意, 'unsatisfied' 不满意 */
    handling: text('handling').notNull(),
    result: text('result').notNull(),
    comment: text('comment').notNull().default(''),
    /** recorded by staff for a member without the app (marked as such everywhere) */
    onBehalf: boolean('on_behalf').notNull().default(false),
    recordedBy: uuid('recorded_by').references(() => account.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('proposal_rating_reply_member_uq').on(t.replyId, t.memberId),
    index('proposal_rating_proposal_idx').on(t.proposalId),
    check('proposal_rating_handling_check', sql`${t.handling} in ('satisfied','basic','unsatisfied')`),
    check('proposal_rating_result_check', sql`${t.result} in ('satisfied','basic','unsatisfied')`),
  ],
);

/** The named leaders supervising a key proposal (领导督办): a CPPCC vice-chair, a county party secretary, a mayor… */
export const proposalSupervisor = pgTable(
  'proposal_supervisor',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    /** the leader's account, when they have one: they then see the proposal on their dashboard */
    accountId: uuid('account_id').references(() => account.id),
    name: text('name').notNull(),
    /** 职务, e.g. 县政协副主席, 县委书记, 县长 */
    title: text('title').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('proposal_supervisor_proposal_idx').on(t.proposalId), index('proposal_supervisor_account_idx').on(t.accountId)],
);

/** A supervision event on a key proposal: 座谈, 调研, 视察, 督办会. */
export const proposalSupervision = pgTable(
  'proposal_supervision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    on: date('on').notNull(),
    place: text('place').notNull().default(''),
    /** who took part (leaders, units), as written */
    participants: text('participants').notNull().default(''),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('proposal_supervision_proposal_idx').on(t.proposalId, t.on), check('proposal_supervision_kind_check', sql`${t.kind} in ('symposium','research','inspection','meeting')`)],
);

/** A proposal's timeline: every state change and record, with who (and for which unit) and when. Kept with the proposal. */
export const proposalEvent = pgTable(
  'proposal_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id').notNull().references(() => org.id),
    proposalId: uuid('proposal_id').notNull().references(() => proposal.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => account.id),
    actorName: text('actor_name').notNull(),
    /** the unit the actor acted for, if any */
    unitId: uuid('unit_id').references(() => handlingUnit.id),
    note: text('note'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('proposal_event_proposal_idx').on(t.proposalId, t.at)],
);
