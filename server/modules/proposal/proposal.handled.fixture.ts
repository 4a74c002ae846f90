import { eq } from 'drizzle-orm';
import { insertAssignment as insertOne, insertReply as insertLetter, type ProposalFixture } from './proposal.fixture.js';
import type { AssignmentRole, AssignmentStatus, Rating } from './proposal.schema.js';
import { proposal, proposalExtension, proposalRating } from './proposal.table.js';

/**
 * Handling records straight into the database (no service involved), for tests that need proposals
 * assigned, replied and rated on given days: key proposals, publication, figures and the unit report.
 * Days are China dates; each record is dated 09:00 China time that day.
 */
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

/** An assignment made on `assignedOn` (default 2026-01-05) with the given deadline. */
export const insertAssignment = (
  fx: ProposalFixture,
  proposalId: string,
  unitId: string,
  s: { role?: AssignmentRole; status?: AssignmentStatus; assignedOn?: string; dueOn: string; round?: number; objectedOn?: string },
) =>
  insertOne(fx, proposalId, unitId, {
    role: s.role,
    status: s.status,
    round: s.round,
    assignedAt: at(s.assignedOn ?? '2026-01-05'),
    objectionDueOn: s.assignedOn ?? '2026-01-05',
    objectedAt: s.objectedOn ? at(s.objectedOn) : null,
    objectionReason: s.objectedOn ? '该事项不属于本单位职责范围，建议改由其他单位办理。' : null,
    dueOn: s.dueOn,
    maxDueOn: '2026-12-31',
  });

/** A reply letter sent on `sentOn`: category A from 县住建局's 王磊 unless told otherwise. */
export const insertReply = (
  fx: ProposalFixture,
  a: { id: string; proposalId: string; unitId: string },
  s: { sentOn: string; category?: string; body?: string; status?: 'sent' | 'returned'; round?: number; letterNo?: string; contactName?: string; contactPhone?: string },
) =>
  insertLetter(fx, { ...a, round: s.round ?? 1 }, {
    category: s.category ?? 'A',
    followUpOn: null,
    body: s.body ?? '县住建局高度重视您提出的建议，已会同各乡镇制定农村生活污水治理三年行动方案，分年度推进，并明确了管护责任。',
    letterNo: s.letterNo ?? '远住建函〔2026〕12号',
    signer: '刘志刚',
    contactName: s.contactName ?? '王磊',
    contactPhone: s.contactPhone ?? '13907170021',
    status: s.status ?? 'sent',
    sentAt: at(s.sentOn),
  });

export async function insertRating(fx: ProposalFixture, reply: { id: string; proposalId: string }, memberId: string, result: Rating, handling: Rating = result) {
  await fx.t.b.db.insert(proposalRating).values({ orgId: fx.org.id, proposalId: reply.proposalId, replyId: reply.id, memberId, handling, result, at: fx.t.clock.now() });
}

export async function insertExtension(fx: ProposalFixture, a: { id: string; proposalId: string; dueOn: string }, status: 'pending' | 'approved' | 'refused', requestedDueOn: string) {
  await fx.t.b.db.insert(proposalExtension).values({
    orgId: fx.org.id,
    proposalId: a.proposalId,
    assignmentId: a.id,
    fromDueOn: a.dueOn,
    requestedDueOn,
    reason: '涉及跨部门资金统筹，需延期答复。',
    status,
    requestedAt: fx.t.clock.now(),
  });
}

/** Sets proposal columns the handling would have set (publishDueOn, keyStatus…). */
export const setProposal = (fx: ProposalFixture, id: string, set: Partial<typeof proposal.$inferInsert>) => fx.t.b.db.update(proposal).set(set).where(eq(proposal.id, id));
