import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Agent } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { notification } from '../notification/notification.table.js';
import { insertProposal, setClock, type ProposalFixture, type ProposalSpec } from './proposal.fixture.js';
import type { AssignmentView, HandlingMode, ProposalView } from './proposal.schema.js';
import { proposalEvent } from './proposal.table.js';

/**
 * Helpers for the handling tests (assignment, replies, ratings, jobs), over the proposals fixture:
 * agents kept per person (signed in again after the clock moves), and a proposal driven through the
 * API to 'assigned' or 'replied'.
 */
export const REPLY_BODY =
  '张红梅委员：您提出的《关于加快推进农村生活污水治理的建议》收悉。我局高度重视，经与县财政局、各乡镇共同研究，已将鸣凤镇、花林寺镇 12 个村的污水收集管网列入今年建设计划，资金已落实，预计年底前完工；其余村组将分年度推进。';
export const CONTACT_NOTE = '电话联系提案者，介绍了办理思路，提案者表示认可。';
export const SIGN_OFF_TEXT = '我局同意主办单位的办理意见，将在资金安排上予以支持。';

export type UnitKey = 'housing' | 'transport' | 'finance';
const LOGIN_OF_UNIT = { housing: 'wang', transport: 'sun', finance: 'zhao' } as const;
type Who = Parameters<ProposalFixture['as']>[0];

export function handling(fx: ProposalFixture) {
  const agents = new Map<Who, Agent>();
  const as = async (who: Who) => {
    if (!agents.has(who)) agents.set(who, await fx.as(who));
    return agents.get(who)!;
  };
  const unitAs = (u: UnitKey) => as(LOGIN_OF_UNIT[u]);
  /** sign-in sessions idle out when the clock moves: forget them */
  const moveTo = (at: string) => {
    setClock(fx.t, at);
    agents.clear();
  };
  const ok = (res: LightMyRequestResponse): ProposalView => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** a refusal: its status and Chinese message */
  const refused = (res: LightMyRequestResponse) => ({ status: res.statusCode, message: res.json().error?.message as string });
  const assignmentOf = (v: ProposalView, u: UnitKey): AssignmentView => v.assignments.find((a) => a.unit.id === fx.units[u].unit.id && a.status !== 'withdrawn')!;
  const view = async (id: string, who: Who = 'li') => ok(await (await as(who)).get(`/api/proposals/${id}`));

  async function assigned(mode: HandlingMode, units: UnitKey[], spec: ProposalSpec = {}) {
    const row = await insertProposal(fx, { status: 'filed', ...spec });
    const v = ok(await (await as('li')).post(`/api/proposals/${row.id}/assign`, { mode, unitIds: units.map((u) => fx.units[u].unit.id) }));
    return { id: row.id, v, a: (u: UnitKey) => assignmentOf(v, u).id };
  }
  const contact = async (u: UnitKey, assignmentId: string, memberIds = [fx.zhang.member.id]) =>
    (await unitAs(u)).post(`/api/proposal-assignments/${assignmentId}/contacts`, { method: 'phone', on: fx.t.clock.now().toISOString().slice(0, 10), memberIds, note: CONTACT_NOTE });
  const reply = async (u: UnitKey, assignmentId: string, over: Record<string, unknown> = {}) =>
    (await unitAs(u)).post(`/api/proposal-assignments/${assignmentId}/reply`, { letterNo: '远住建函〔2026〕12号', body: REPLY_BODY, category: 'A', signer: '王磊', contactName: '王磊', contactPhone: '13807171234', ...over });
  /** a single-unit proposal the unit has contacted and replied to (category A unless said) */
  async function replied(spec: ProposalSpec = {}, u: UnitKey = 'housing', over: Record<string, unknown> = {}) {
    const x = await assigned('single', [u], spec);
    const members = (spec.signers ?? [fx.zhang.member]).map((s) => ('member' in s ? s.member.id : s.id)).slice(0, 1);
    ok(await contact(u, x.a(u), members));
    const v = ok(await reply(u, x.a(u), over));
    return { ...x, v, replyId: v.replies.find((r) => r.kind === 'reply' && r.status === 'sent')!.id };
  }
  const rate = async (who: Who, replyId: string, handlingRating = 'satisfied', result = handlingRating, comment = '') =>
    (await as(who)).post(`/api/proposal-replies/${replyId}/rating`, { handling: handlingRating, result, comment });

  const messages = (proposalId: string, kind: string) =>
    fx.t.b.db.select({ accountId: notification.accountId, title: notification.title, body: notification.body }).from(notification).where(and(eq(notification.targetId, proposalId), eq(notification.kind, kind)));
  const events = async (proposalId: string) => (await fx.t.b.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, proposalId))).map((e) => e.kind);
  const audits = async (proposalId: string) => (await fx.t.b.db.select().from(auditLog).where(eq(auditLog.targetId, proposalId))).map((a) => a.action);

  return { as, unitAs, moveTo, ok, refused, assignmentOf, view, assigned, contact, reply, replied, rate, messages, events, audits };
}
