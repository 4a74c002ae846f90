import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { insertProposal, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { insertAssignment, insertExtension, insertRating, insertReply } from './proposal.handled.fixture.js';

/**
 * A small county on 2026-03-02 (the fixture's today), its three units, and what happened in 2026:
 *
 * P1 replied, key  住建局 sole, due 04-05, replied 02-10 (A); rated 满意 (张) and 基本满意 (杨)
 * P2 assigned      住建局 lead, due 02-20, its 02-15 letter sent back: overdue; 交通局 co, objected, signed off
 * P3 replied       交通局 separate, due 02-01, replied 02-03 (B): late; 财政局 separate, due 03-01, extension approved, replied 02-25 (C), rated 不满意
 * P4 assigned      住建局 sole, round 2 (sent back after 不满意), due 05-01; its round-1 letter 01-20 (D) rated 不满意
 * P5 assigned      住建局 withdrawn after its objection; 交通局 sole from 02-25, due 05-25
 * P6 (十届四次会议) 住建局 sole, assigned 2025-12-20, replied 2026-01-10: in the 2025 report, not 2026's
 * P7 submitted (社会建设), P8 declined, P9 draft, P10 filed
 */
let t: TestApp;
let fx: ProposalFixture;
let li: Agent, chen: Agent, zhang: Agent;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'fg');
  [li, chen, zhang] = await Promise.all([fx.as('li'), fx.as('chen'), fx.as('zhang')]);
  const { housing, transport, finance } = fx.units;
  const H = housing.unit.id, T = transport.unit.id, F = finance.unit.id;
  const z = fx.zhang.member.id, y = fx.yang.member.id;

  const p1 = await insertProposal(fx, { status: 'replied', keyStatus: 'approved', signers: [fx.zhang.member, fx.yang.member] });
  const a1 = await insertAssignment(fx, p1.id, H, { dueOn: '2026-04-05', status: 'replied' });
  const r1 = await insertReply(fx, a1, { sentOn: '2026-02-10', category: 'A' });
  await insertRating(fx, r1, z, 'satisfied');
  await insertRating(fx, r1, y, 'basic', 'unsatisfied');

  const p2 = await insertProposal(fx, { status: 'assigned' });
  const a2 = await insertAssignment(fx, p2.id, H, { role: 'lead', dueOn: '2026-02-20' });
  await insertReply(fx, a2, { sentOn: '2026-02-15', category: 'A', status: 'returned' });
  await insertAssignment(fx, p2.id, T, { role: 'co', status: 'signed_off', dueOn: '2026-02-05', objectedOn: '2026-01-07' });

  const p3 = await insertProposal(fx, { status: 'replied', category: '乡村振兴' });
  const a3t = await insertAssignment(fx, p3.id, T, { role: 'separate', status: 'replied', dueOn: '2026-02-01' });
  await insertReply(fx, a3t, { sentOn: '2026-02-03', category: 'B' });
  const a3f = await insertAssignment(fx, p3.id, F, { role: 'separate', status: 'replied', dueOn: '2026-03-01' });
  await insertExtension(fx, a3f, 'approved', '2026-03-01');
  await insertExtension(fx, a3f, 'refused', '2026-04-01');
  const r3f = await insertReply(fx, a3f, { sentOn: '2026-02-25', category: 'C' });
  await insertRating(fx, r3f, z, 'unsatisfied');

  const p4 = await insertProposal(fx, { status: 'assigned' });
  const a4 = await insertAssignment(fx, p4.id, H, { dueOn: '2026-05-01', round: 2 });
  const r4 = await insertReply(fx, a4, { sentOn: '2026-01-20', category: 'D' });
  await insertRating(fx, r4, z, 'unsatisfied');

  const p5 = await insertProposal(fx, { status: 'assigned' });
  await insertAssignment(fx, p5.id, H, { status: 'withdrawn', assignedOn: '2026-02-01', dueOn: '2026-05-01', objectedOn: '2026-02-03' });
  await insertAssignment(fx, p5.id, T, { assignedOn: '2026-02-25', dueOn: '2026-05-25' });

  const p6 = await insertProposal(fx, { status: 'replied', sessionId: fx.session4.id });
  const a6 = await insertAssignment(fx, p6.id, H, { status: 'replied', assignedOn: '2025-12-20', dueOn: '2026-03-20' });
  await insertReply(fx, a6, { sentOn: '2026-01-10', category: 'A' });

  await insertProposal(fx, { status: 'submitted', category: '社会建设' });
  await insertProposal(fx, { status: 'declined' });
  await insertProposal(fx, { status: 'draft' });
  await insertProposal(fx, { status: 'filed' });
});
afterAll(() => t.close());

const row = (over: Record<string, unknown>) => ({
  assigned: 0,
  asLead: 0,
  asCo: 0,
  replied: 0,
  repliedOnTime: 0,
  onTimeRate: null,
  overdue: 0,
  objections: 0,
  extensions: 0,
  categories: {},
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
  satisfactionRate: null,
  rehandled: 0,
  ...over,
});

describe('the yearly unit report', () => {
  it('counts each unit’s assignments of the year exactly', async () => {
    const res = await li.get('/api/proposal-unit-report?year=2026');
    expect(res.statusCode).toBe(200);
    const { year, rows } = res.json();
    expect(year).toBe(2026);
    expect(rows).toEqual([
      row({
        unit: { id: fx.units.housing.unit.id, name: '县住房和城乡建设局' },
        ...{ assigned: 3, asLead: 3, replied: 2, repliedOnTime: 2, onTimeRate: 66.7, overdue: 1, objections: 1 },
        ...{ categories: { A: 1, D: 1 }, satisfied: 1, basic: 1, unsatisfied: 1, satisfactionRate: 66.7, rehandled: 1 },
      }),
      row({ unit: { id: fx.units.transport.unit.id, name: '县交通运输局' }, assigned: 3, asLead: 2, asCo: 1, replied: 1, onTimeRate: 0, objections: 1, categories: { B: 1 } }),
      row({
        unit: { id: fx.units.finance.unit.id, name: '县财政局' },
        ...{ assigned: 1, asLead: 1, replied: 1, repliedOnTime: 1, onTimeRate: 100, extensions: 1, categories: { C: 1 }, unsatisfied: 1, satisfactionRate: 0 },
      }),
    ]);
  });

  it('leaves out other years, and is for staff and leaders only', async () => {
    const { rows } = (await chen.get('/api/proposal-unit-report?year=2025')).json();
    expect(rows[0]).toEqual(row({ unit: { id: fx.units.housing.unit.id, name: '县住房和城乡建设局' }, assigned: 1, asLead: 1, replied: 1, repliedOnTime: 1, onTimeRate: 100, categories: { A: 1 } }));
    expect(rows.slice(1).every((r: { assigned: number }) => r.assigned === 0)).toBe(true);
    expect((await zhang.get('/api/proposal-unit-report?year=2026')).statusCode).toBe(403);
    const bad = await li.get('/api/proposal-unit-report?year=26');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('年份无效');
  });
});

describe('the session figures', () => {
  it('default to the session being collected and count by status, deadline, category and rating', async () => {
    const res = await chen.get('/api/proposal-figures');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sessionId: fx.session.id,
      ...{ submitted: 1, filed: 1, declined: 1, converted: 0, merged: 0, assigned: 3, replied: 2, closed: 0 },
      overdue: 1,
      key: 1,
      satisfactionRate: 50,
      onTimeRate: 60,
      byCategory: [
        { name: '生态文明建设', count: 6 },
        { name: '乡村振兴', count: 1 },
        { name: '社会建设', count: 1 },
      ],
      byReplyCategory: [
        { code: 'A', label: '所提问题已经解决或采纳', count: 1 },
        { code: 'B', label: '所提问题正在解决或列入计划拟解决', count: 1 },
        { code: 'C', label: '所提问题因条件限制留作参考', count: 1 },
        { code: 'D', label: '所提问题因政策等原因不能解决，作出解释说明', count: 1 },
      ],
    });
  });

  it('take another session by id, and refuse members and unknown sessions', async () => {
    const f = (await li.get(`/api/proposal-figures?sessionId=${fx.session4.id}`)).json();
    expect(f).toMatchObject({ sessionId: fx.session4.id, replied: 1, assigned: 0, onTimeRate: 100, satisfactionRate: null, byCategory: [{ name: '生态文明建设', count: 1 }] });
    expect((await zhang.get('/api/proposal-figures')).statusCode).toBe(403);
    const unknown = await li.get('/api/proposal-figures?sessionId=00000000-0000-4000-8000-000000000001');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('会议不存在');
  });
});
