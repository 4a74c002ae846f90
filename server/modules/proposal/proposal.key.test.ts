import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { notification } from '../notification/notification.table.js';
import { insertProposal, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { proposal, proposalSupervisor } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let li: Agent, zhang: Agent, chen: Agent;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'ky');
  [li, zhang, chen] = await Promise.all([fx.as('li'), fx.as('zhang'), fx.as('chen')]);
});
afterAll(() => t.close());

const key = (a: Agent, id: string, body: unknown) => a.post(`/api/proposals/${id}/key`, body);
const row = async (id: string) => (await t.b.db.select().from(proposal).where(eq(proposal.id, id)))[0];
const messages = (accountId: string, id: string) =>
  t.b.db
    .select({ title: notification.title })
    .from(notification)
    .where(and(eq(notification.accountId, accountId), eq(notification.targetId, id)));
const events = async (id: string) => (await rowsOf<{ kind: string; note: string | null }>(t.b.db, sql`select kind, note from proposal_event where proposal_id = ${id} order by id`)).map((e) => e.kind);
const leaders = [{ accountId: null as string | null, name: '陈志远', title: '县政协副主席' }, { accountId: null, name: '刘国华', title: '县人民政府副县长' }];

describe('key proposals', () => {
  it('are shortlisted by staff, approved by the chair’s meeting, and the proposers are told', async () => {
    const submitted = await insertProposal(fx, { status: 'submitted' });
    const early = await key(li, submitted.id, { action: 'shortlist' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('提案尚未立案，不能列为重点提案');
    const p = await insertProposal(fx, { status: 'filed', title: '关于加快城区老旧小区改造的建议', signers: [fx.zhang.member, fx.yang.member] });
    expect((await key(zhang, p.id, { action: 'shortlist' })).statusCode).toBe(403);
    const straight = await key(li, p.id, { action: 'approve', decidedOn: '2026-02-27' });
    expect(straight.json().error.message).toBe('请先拟定为重点提案，再按主席会议的决定确定');

    const listed = await key(li, p.id, { action: 'shortlist', note: '事关民生，群众关注度高' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().key).toMatchObject({ status: 'shortlisted', statusLabel: '拟定重点提案', decidedOn: null });
    expect((await key(li, p.id, { action: 'shortlist' })).json().error.message).toBe('该提案已拟定为重点提案');
    expect(await messages(fx.zhang.account.id, p.id)).toEqual([]);

    const future = await key(li, p.id, { action: 'approve', decidedOn: '2026-03-03' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('主席会议日期不能晚于今天');
    expect((await key(li, p.id, { action: 'approve', decidedOn: '2026-2-27' })).json().error.message).toBe('主席会议日期格式应为 YYYY-MM-DD');
    expect((await row(p.id)).keyStatus).toBe('shortlisted');

    const ok = await key(li, p.id, { action: 'approve', decidedOn: '2026-02-27' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().key).toMatchObject({ status: 'approved', statusLabel: '重点提案', decidedOn: '2026-02-27' });
    expect(ok.json().keyStatus).toBe('approved');
    for (const who of [fx.zhang, fx.yang]) expect((await messages(who.account.id, p.id)).map((m) => m.title)).toEqual(['您的提案被确定为重点提案：《关于加快城区老旧小区改造的建议》']);
    expect(await events(p.id)).toEqual(['created', 'key_shortlisted', 'key_approved']);
    const audits = await t.b.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.targetId, p.id), eq(auditLog.action, 'proposal.key')));
    expect(audits.map((a) => a.summary)).toEqual(['拟定重点提案《关于加快城区老旧小区改造的建议》', '确定重点提案《关于加快城区老旧小区改造的建议》（2026-02-27 主席会议）']);
    expect((await key(li, p.id, { action: 'approve', decidedOn: '2026-02-27' })).json().error.message).toBe('该提案已确定为重点提案');
  });

  it('get supervising leaders, whose accounts must be the org’s leaders or staff; named leaders see them', async () => {
    const p = await insertProposal(fx, { status: 'assigned', title: '关于完善农村客运班线的建议' });
    const early = await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: leaders });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('重点提案经主席会议确定后才能指定督办领导');
    await key(li, p.id, { action: 'shortlist' });
    await key(li, p.id, { action: 'approve', decidedOn: '2026-03-02' });

    const member = await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: [{ ...leaders[0], accountId: fx.zhang.account.id }] });
    expect(member.statusCode).toBe(400);
    expect(member.json().error.message).toBe('陈志远的账号不是本组织的领导或机关工作人员账号');
    expect((await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: [] })).json().error.message).toBe('至少指定一位督办领导');
    expect(await t.b.db.select().from(proposalSupervisor).where(eq(proposalSupervisor.proposalId, p.id))).toEqual([]);

    const res = await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: [{ ...leaders[0], accountId: fx.leader.id }, leaders[1]] });
    expect(res.statusCode).toBe(200);
    expect(res.json().key.supervisors.map((s: { name: string; title: string; accountId: string | null }) => [s.name, s.title, s.accountId])).toEqual([
      ['陈志远', '县政协副主席', fx.leader.id],
      ['刘国华', '县人民政府副县长', null],
    ]);
    expect((await messages(fx.leader.id, p.id)).map((m) => m.title)).toEqual(['请您督办重点提案《关于完善农村客运班线的建议》']);
    // naming the same leaders again tells nobody twice
    await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: [{ ...leaders[0], accountId: fx.leader.id }] });
    expect(await messages(fx.leader.id, p.id)).toHaveLength(1);
    const supervised = await chen.get('/api/proposals?scope=supervised');
    expect(supervised.json().items.map((i: { id: string }) => i.id)).toContain(p.id);
  });

  it('record supervision events once handling has begun', async () => {
    const filed = await insertProposal(fx, { status: 'filed', keyStatus: 'approved' });
    const visit = { kind: 'research', on: '2026-02-26', place: '鸣凤镇龙泉村', participants: '县政协副主席陈志远、县交通运输局', note: '实地察看农村客运班线运行情况，听取村民意见。' };
    const early = await li.post(`/api/proposals/${filed.id}/supervisions`, visit);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('重点提案交办后才能督办');
    const plain = await insertProposal(fx, { status: 'assigned' });
    expect((await li.post(`/api/proposals/${plain.id}/supervisions`, visit)).json().error.message).toBe('只有经主席会议确定的重点提案才能登记督办');
    const p = await insertProposal(fx, { status: 'assigned', keyStatus: 'approved' });
    expect((await li.post(`/api/proposals/${p.id}/supervisions`, { ...visit, kind: 'dinner' })).json().error.message).toBe('督办方式只能是座谈、调研、视察或督办会');
    expect((await li.post(`/api/proposals/${p.id}/supervisions`, { ...visit, on: '2026-03-05' })).json().error.message).toBe('督办日期不能晚于今天');
    const res = await li.post(`/api/proposals/${p.id}/supervisions`, visit);
    expect(res.statusCode).toBe(200);
    expect(res.json().key.supervisions).toEqual([expect.objectContaining({ kind: 'research', kindLabel: '调研', on: '2026-02-26', place: '鸣凤镇龙泉村' })]);
    expect(res.json().timeline.map((e: { kind: string }) => e.kind)).toContain('supervised');
    expect((await messages(fx.zhang.account.id, p.id)).map((m) => m.title)).toEqual([`您的重点提案《${p.title}》开展了领导督办（调研）`]);
  });

  it('are dropped with a note, and the supervisors are told', async () => {
    const p = await insertProposal(fx, { status: 'assigned', title: '关于规范城区停车管理的建议' });
    expect((await key(li, p.id, { action: 'drop', note: '不再列入' })).json().error.message).toBe('该提案不是重点提案');
    await key(li, p.id, { action: 'shortlist' });
    await key(li, p.id, { action: 'approve', decidedOn: '2026-03-01' });
    await li.put(`/api/proposals/${p.id}/supervisors`, { supervisors: [{ ...leaders[0], accountId: fx.leader.id }] });
    const noNote = await key(li, p.id, { action: 'drop' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toBe('请填写说明');
    const res = await key(li, p.id, { action: 'drop', note: '主席会议调整重点提案名单' });
    expect(res.statusCode).toBe(200);
    expect(res.json().key).toBeNull();
    expect(await t.b.db.select().from(proposalSupervisor).where(eq(proposalSupervisor.proposalId, p.id))).toEqual([]);
    expect((await messages(fx.leader.id, p.id)).map((m) => m.title)).toContain('《关于规范城区停车管理的建议》已取消重点提案，不再需要您督办');
    expect((await messages(fx.zhang.account.id, p.id)).map((m) => m.title)).toContain('您的提案《关于规范城区停车管理的建议》不再列为重点提案');
    expect((await events(p.id)).at(-1)).toBe('key_dropped');
  });
});
