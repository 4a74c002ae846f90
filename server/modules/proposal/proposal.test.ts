import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { buildAccount, buildMember, buildOrg } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { notification } from '../notification/notification.table.js';
import { requestEscalation } from '../request/request.table.js';
import { FIXTURE_NOW, insertAssignment, insertProposal, insertReply, MEMBER_PROPOSAL, PROPOSAL_TEXT, proposalFixture, setClock, type ProposalFixture } from './proposal.fixture.js';

let t: TestApp;
let fx: ProposalFixture;
let zhang: Agent, yang: Agent, guo: Agent, li: Agent, chen: Agent, wang: Agent;
const signAll = async () => ([zhang, yang, guo, li, chen, wang] = await Promise.all((['zhang', 'yang', 'guo', 'li', 'chen', 'wang'] as const).map((w) => fx.as(w))));
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t);
  await signAll();
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({ title: '关于加快推进农村生活污水治理的建议', category: '生态文明建设', ...PROPOSAL_TEXT, ...over });
/** the whole proposal, as a change (PUT) sends it */
const whole = (over: Record<string, unknown> = {}) => body({ ...MEMBER_PROPOSAL, ...over });
const write = (over: Record<string, unknown> = {}, who = () => zhang) => who().post('/api/proposals', body(over));
const count = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from proposal where org_id = ${fx.org.id}`))[0].n;
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe('writing a proposal', () => {
  it('refuses bad input in Chinese and saves nothing', async () => {
    const before = await count();
    const long = await write({ title: '关'.repeat(51) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toBe('案由不超过 50 个字');
    expect((await write({ category: '其它事项' })).json().error.message).toContain('提案分类应为：经济建设、');
    expect((await write({ coSignerIds: [fx.zhang.member.id] })).json().error.message).toBe('您本人是第一提案人，联名委员中不必再选');
    expect((await write({ coSignerIds: ['00000000-0000-4000-8000-000000000001'] })).json().error.message).toBe('联名委员应为本组织的在任委员');
    expect((await write({ proposerKind: 'sector' })).json().error.message).toBe('请选择提案的界别');
    expect((await write({ proposerKind: 'party' })).json().error.message).toBe('请填写民主党派名称');
    // the section limits are the org's: 200 characters for the situation here
    expect((await li.patch('/api/proposal-rules', { situationMax: 200 })).statusCode).toBe(200);
    const situation = await write({ situation: '情'.repeat(201) });
    expect(situation.statusCode).toBe(400);
    expect(situation.json().error.message).toBe('“情况”不超过 200 个字');
    expect((await write({ situation: '情'.repeat(200) })).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
    expect((await li.patch('/api/proposal-rules', { situationMax: 2000 })).statusCode).toBe(200);
    expect((await li.post('/api/proposals', body())).statusCode).toBe(403);
  });

  it('keeps a draft to its writer; the session and kind are those of today', async () => {
    const res = await write();
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ status: 'draft', statusLabel: '草稿', kind: 'plenary', kindLabel: '大会提案', session: { name: '十届五次会议' }, proposerName: '张红梅', number: null });
    expect(p.signers).toEqual([expect.objectContaining({ name: '张红梅', status: 'confirmed', sector: '经济界', phone: '139****1001' })]);
    expect(p.can).toMatchObject({ edit: true, submit: true, review: false, withdraw: false });
    expect(p.timeline.map((e: { label: string }) => e.label)).toEqual(['撰写提案']);
    expect((await guo.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await li.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await chen.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await guo.put(`/api/proposals/${p.id}`, whole())).statusCode).toBe(404);
    const edited = await zhang.put(`/api/proposals/${p.id}`, whole({ title: '关于统筹推进农村生活污水治理的建议' }));
    expect(edited.json().title).toBe('关于统筹推进农村生活污水治理的建议');
    // too short a suggestion may be saved, not submitted
    await zhang.put(`/api/proposals/${p.id}`, whole({ suggestion: '建议加快治理。' }));
    const short = await zhang.post(`/api/proposals/${p.id}/submit`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('“建议”至少 30 个字，请写明具体建议后再提交');
    await zhang.put(`/api/proposals/${p.id}`, whole());
    const sub = await zhang.post(`/api/proposals/${p.id}/submit`);
    expect(sub.json()).toMatchObject({ status: 'submitted', statusLabel: '待审查', can: { edit: false, withdraw: true } });
    expect((await li.get(`/api/proposals/${p.id}`)).json().can.review).toBe(true);
    const [msg] = await t.b.db.select().from(notification).where(and(eq(notification.targetId, p.id), eq(notification.kind, 'proposal.submitted')));
    expect(msg.title).toBe('张红梅提交了提案《关于加快推进农村生活污水治理的建议》');
    const [doc] = await rowsOf<{ status: string }>(t.b.db, sql`select status from search_doc where kind = 'proposal' and ref_id = ${p.id}`);
    expect(doc.status).toBe('submitted');
    // withdrawn back into a draft, and out of the staff's sight again
    expect((await zhang.post(`/api/proposals/${p.id}/withdraw`)).json().status).toBe('draft');
    expect((await li.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
  });

  it('invites co-signers at once; submitting waits for their answers, then the unanswered lapse', async () => {
    const p = (await write({ coSignerIds: [fx.yang.member.id, fx.guo.member.id] })).json();
    // 5 working days from Monday 2026-03-02, at 18:00 China time
    expect(p.coSignDueAt).toBe('2026-03-09T10:00:00.000Z');
    expect(p.signers.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(['张红梅:confirmed', '杨德明:invited', '郭海燕:invited']);
    const [invite] = await t.b.db.select().from(notification).where(and(eq(notification.accountId, fx.yang.account.id), eq(notification.targetId, p.id)));
    expect(invite.title).toBe('张红梅邀请您联名提出提案《关于加快推进农村生活污水治理的建议》');
    expect(ids(await yang.get('/api/proposals?scope=invitations'))).toContain(p.id);
    const seen = (await yang.get(`/api/proposals/${p.id}`)).json();
    expect(seen.can).toMatchObject({ respondInvitation: true, edit: false, submit: false });
    const early = await zhang.post(`/api/proposals/${p.id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('还有 2 位联名委员未答复邀请');
    expect((await yang.put(`/api/proposals/${p.id}`, whole())).statusCode).toBe(403);
    const yes = await yang.post(`/api/proposals/${p.id}/invitation`, { accept: true });
    expect(yes.json().signers[1]).toMatchObject({ name: '杨德明', status: 'confirmed', statusLabel: '已确认' });
    expect((await yang.post(`/api/proposals/${p.id}/invitation`, { accept: false })).json().error.message).toBe('您已答复过这次联名邀请');
    expect((await chen.post(`/api/proposals/${p.id}/invitation`, { accept: true })).statusCode).toBe(403);
    // the deadline passes: 郭海燕 can no longer answer, and submitting lapses her invitation
    setClock(t, '2026-03-09T10:30:00Z');
    await signAll();
    expect((await guo.post(`/api/proposals/${p.id}/invitation`, { accept: true })).json().error.message).toBe('联名确认已截止');
    const sub = (await zhang.post(`/api/proposals/${p.id}/submit`)).json();
    expect(sub).toMatchObject({ status: 'submitted', proposerName: '张红梅等2人', kind: 'plenary' });
    expect(sub.signers[2]).toMatchObject({ name: '郭海燕', status: 'lapsed' });
    expect(sub.timeline.map((e: { label: string }) => e.label)).toEqual(['撰写提案', '邀请联名', '同意联名', '联名邀请过期', '提交提案']);
    expect((await yang.post(`/api/proposals/${p.id}/invitation`, { accept: true })).json().error.message).toBe('提案已经提交，联名已截止');
    setClock(t, FIXTURE_NOW);
    await signAll();
  });

  it('a declined invitation is not a proposer; removing a co-signer from the draft drops the invitation', async () => {
    const p = (await write({ coSignerIds: [fx.yang.member.id, fx.guo.member.id] })).json();
    await guo.post(`/api/proposals/${p.id}/invitation`, { accept: false });
    const edited = (await zhang.put(`/api/proposals/${p.id}`, whole({ coSignerIds: [fx.guo.member.id] }))).json();
    expect(edited.signers.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual(['张红梅:confirmed', '郭海燕:declined']);
    expect((await yang.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    const sub = (await zhang.post(`/api/proposals/${p.id}/submit`)).json();
    expect(sub.proposerName).toBe('张红梅');
  });

  it('collective proposals: a sector by its record, a party by name, a group by its convener only', async () => {
    const sector = (await write({ proposerKind: 'sector', bodyId: fx.sectors.economy.id, sealNoted: true })).json();
    expect(sector).toMatchObject({ proposerKind: 'sector', bodyName: '经济界', proposerName: '经济界', sealNoted: true });
    expect(sector.signers).toEqual([expect.objectContaining({ name: '张红梅', position: 0 })]);
    const party = (await write({ proposerKind: 'party', bodyName: '民盟远安县基层委员会' })).json();
    expect(party.proposerName).toBe('民盟远安县基层委员会');
    // a party's proposal is submitted only with its seal noted on the paper original
    const unsealed = await zhang.post(`/api/proposals/${party.id}/submit`);
    expect(unsealed.statusCode).toBe(400);
    expect(unsealed.json().error.message).toBe('以界别、党派、人民团体或专委会名义提出的提案，须在纸质原件上加盖公章，请确认后再提交');
    expect((await zhang.get(`/api/proposals/${party.id}`)).json().status).toBe('draft');
    expect((await zhang.post(`/api/proposals/${sector.id}/submit`)).json().status).toBe('submitted');
    const group = await write({ proposerKind: 'group', bodyId: fx.group.id });
    expect(group.json().proposerName).toBe('第一活动小组');
    const notConvener = await write({ proposerKind: 'group', bodyId: fx.group.id }, () => yang);
    expect(notConvener.statusCode).toBe(403);
    expect(notConvener.json().error.message).toBe('以委员活动小组名义提出的提案，应由小组召集人撰写提交');
    expect((await write({ proposerKind: 'sector', bodyId: fx.group.id })).json().error.message).toBe('所选界别不存在');
  });

  it('outside the collection window a proposal is an interim one of the last session; no session, no proposal', async () => {
    const p = (await write()).json();
    expect(p.kind).toBe('plenary');
    setClock(t, '2026-04-01T02:00:00Z');
    await signAll();
    const sub = (await zhang.post(`/api/proposals/${p.id}/submit`)).json();
    expect(sub).toMatchObject({ kind: 'interim', kindLabel: '平时提案', session: { name: '十届五次会议' } });
    const rules = (await li.get('/api/proposal-rules')).json();
    expect(rules.sessions.map((s: { name: string; current: boolean }) => `${s.name}:${s.current}`)).toEqual(['十届五次会议:true', '十届四次会议:false']);
    setClock(t, FIXTURE_NOW);
    await signAll();
    const lone = await buildOrg(t.b, { name: '没有会议的政协' });
    const { account } = await buildAccount(t.b, { org: lone, roles: ['member'], loginName: 'lonely' });
    await buildMember(t.b, { org: lone, name: '赵小明', accountId: account.id });
    const none = await (await signIn(t.app, 'lonely')).post('/api/proposals', body());
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toBe('尚未设置届次会议，暂不能提交提案');
  });

  it('takes up a proposal lead, and carries attachments only its readers may download', async () => {
    const [lead] = await t.b.db.insert(requestEscalation).values({ orgId: fx.org.id, kind: 'proposal', title: '多村反映生活污水直排', createdAt: t.clock.now() }).returning();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await zhang.post('/api/proposals/files?name=调研报告.pdf', pdf, { 'content-type': 'application/octet-stream' });
    expect(up.statusCode).toBe(200);
    const bad = await zhang.post('/api/proposals/files?name=a.exe', Buffer.from('MZ\x90\x00not a document'), { 'content-type': 'application/octet-stream' });
    expect(bad.json().error.message).toBe('只能上传 PDF、Word（.docx）、Excel（.xlsx）文件或 JPG、PNG 图片');
    const p = (await write({ fromLeadId: lead.id, fileIds: [up.json().id] })).json();
    expect(p.files).toEqual([expect.objectContaining({ name: '调研报告.pdf', mime: 'application/pdf' })]);
    const [linked] = await t.b.db.select().from(requestEscalation).where(eq(requestEscalation.id, lead.id));
    expect(linked.targetId).toBe(p.id);
    expect((await write({ fromLeadId: lead.id })).json().error.message).toBe('这条提案线索已被其他提案采用');
    expect((await zhang.get(`/api/proposals/${p.id}/files/${up.json().id}`)).statusCode).toBe(200);
    expect((await guo.get(`/api/proposals/${p.id}/files/${up.json().id}`)).statusCode).toBe(404);
  });
});

describe('who sees what', () => {
  it('members read filed proposals; units only theirs, with the proposers phones whole; leaders masked', async () => {
    const p = await insertProposal(fx, { status: 'filed', signers: [fx.zhang.member, fx.yang.member] });
    const asGuo = (await guo.get(`/api/proposals/${p.id}`)).json();
    expect(asGuo).toMatchObject({ numberLabel: expect.stringMatching(/^第\d{4}号$/), can: { edit: false, review: false, rateReplyIds: [] } });
    expect(asGuo.signers[0].phone).toBe('139****1001');
    expect((await chen.get(`/api/proposals/${p.id}`)).json().signers[0].phone).toBe('139****1001');
    expect((await li.get(`/api/proposals/${p.id}`)).json().signers[0].phone).toBe('13907171001');
    expect((await wang.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    const a = await insertAssignment(fx, p.id, fx.units.housing.unit.id);
    await t.b.db.execute(sql`update proposal set status = 'assigned' where id = ${p.id}`);
    const asUnit = (await wang.get(`/api/proposals/${p.id}`)).json();
    expect(asUnit.signers.map((s: { phone: string }) => s.phone)).toEqual(['13907171001', '13907171002']);
    expect(asUnit.can).toMatchObject({ myAssignmentId: a.id, object: true, requestExtension: true, recordContact: true, reply: false, signOff: false });
    expect(asUnit.units).toEqual([expect.objectContaining({ unit: { id: fx.units.housing.unit.id, name: '县住房和城乡建设局' }, role: 'sole', roleLabel: '承办', dueOn: '2026-06-02', overdue: false })]);
    expect((await (await fx.as('sun')).get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
  });

  it('a merged proposal shows the main one’s units and replies, which its proposers rate; one detail is a few queries', async () => {
    const main = await insertProposal(fx, { status: 'replied', title: '关于推进城乡供水一体化的建议' });
    const a = await insertAssignment(fx, main.id, fx.units.housing.unit.id, { status: 'replied' });
    const reply = await insertReply(fx, a);
    const merged = await insertProposal(fx, { status: 'merged', mergedIntoId: main.id, title: '关于解决山区村组饮水困难的建议', signers: [fx.guo.member] });
    const asGuo = (await guo.get(`/api/proposals/${merged.id}`)).json();
    expect(asGuo).toMatchObject({ status: 'merged', mergedInto: { id: main.id, title: '关于推进城乡供水一体化的建议' }, units: [expect.objectContaining({ unit: expect.objectContaining({ name: '县住房和城乡建设局' }) })] });
    expect(asGuo.replies).toEqual([expect.objectContaining({ id: reply.id, categoryLabel: '所提问题正在解决或列入计划拟解决', contactPhone: '', contactName: '' })]);
    expect(asGuo.can.rateReplyIds).toEqual([reply.id]);
    expect(asGuo.ratings).toEqual({ satisfied: 0, basic: 0, unsatisfied: 0, pending: 1 });
    expect((await zhang.get(`/api/proposals/${main.id}`)).json().can.rateReplyIds).toEqual([reply.id]);
    expect((await yang.get(`/api/proposals/${main.id}`)).json().can.rateReplyIds).toEqual([]);
    const asUnit = (await wang.get(`/api/proposals/${merged.id}`)).json();
    expect(asUnit.replies[0].contactPhone).toBe('0717-3812345');
    expect(asUnit.can.myAssignmentId).toBeNull();
    const before = t.deps.database.queryCount();
    expect((await li.get(`/api/proposals/${main.id}`)).statusCode).toBe(200);
    expect(t.deps.database.queryCount() - before).toBeLessThanOrEqual(6);
  });
});

describe('lists', () => {
  it('each desk sees its own scope; scopes of others are refused', async () => {
    const drafted = await insertProposal(fx, { status: 'draft', title: '关于完善乡村公交线路的建议' });
    const waiting = await insertProposal(fx, { status: 'submitted', title: '关于规范城区停车管理的建议', signers: [fx.guo.member] });
    const filed = await insertProposal(fx, { status: 'filed', title: '关于加强校园周边交通安全的建议', keyStatus: 'shortlisted' });
    const late = await insertProposal(fx, { status: 'assigned', title: '关于改造老旧小区供水管网的建议' });
    const lateA = await insertAssignment(fx, late.id, fx.units.housing.unit.id, { dueOn: '2026-02-27' });
    const soon = await insertProposal(fx, { status: 'assigned', title: '关于推进城镇燃气管道更新的建议' });
    await insertAssignment(fx, soon.id, fx.units.housing.unit.id, { dueOn: '2026-04-01', status: 'objected' });
    const mine = ids(await zhang.get('/api/proposals?scope=mine&pageSize=200'));
    expect(mine).toEqual(expect.arrayContaining([drafted.id, filed.id, late.id]));
    expect(mine).not.toContain(waiting.id);
    expect(ids(await li.get('/api/proposals?scope=review&pageSize=200'))).toContain(waiting.id);
    expect(ids(await li.get('/api/proposals?scope=review&pageSize=200'))).not.toContain(drafted.id);
    expect(ids(await li.get('/api/proposals?scope=board&pageSize=200'))).toContain(filed.id);
    expect(ids(await li.get('/api/proposals?scope=overdue'))).toEqual([late.id]);
    expect(ids(await li.get('/api/proposals?scope=objections'))).toEqual([soon.id]);
    expect(ids(await chen.get('/api/proposals?scope=key'))).toEqual([filed.id]);
    const unit = (await wang.get('/api/proposals?scope=unit')).json();
    expect(unit.items.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([late.id, soon.id]);
    expect(unit.items[0]).toMatchObject({ overdue: true, dueOn: '2026-02-27', units: [expect.objectContaining({ id: lateA.id, overdue: true })] });
    expect(ids(await wang.get('/api/proposals?scope=overdue'))).toEqual([late.id]);
    expect(ids(await li.get(`/api/proposals?q=${encodeURIComponent(String(filed.number))}`))).toEqual([filed.id]);
    expect(ids(await li.get(`/api/proposals?q=${encodeURIComponent('校园周边')}`))).toEqual([filed.id]);
    expect((await guo.get('/api/proposals?scope=review')).statusCode).toBe(403);
    expect((await wang.get('/api/proposals?scope=mine')).statusCode).toBe(403);
    expect((await li.get('/api/proposals?scope=unit')).json().error.code).toBe('NO_UNIT');
    // a member's 'all' is what they may read: their own and the filed ones, never another's draft or submission
    const all = ids(await guo.get('/api/proposals?pageSize=200'));
    expect(all).toEqual(expect.arrayContaining([waiting.id, filed.id, late.id]));
    expect(all).not.toContain(drafted.id);
    await t.b.db.execute(sql`insert into proposal_supervisor (org_id, proposal_id, account_id, name, title) values (${fx.org.id}, ${filed.id}, ${fx.leader.id}, '陈志远', '县政协副主席')`);
    expect(ids(await chen.get('/api/proposals?scope=supervised'))).toEqual([filed.id]);
  });

  it('gives a unit its open parts by deadline, then the finished ones latest first, page by page in a fixed number of queries', async () => {
    const zhao = await fx.as('zhao');
    const part = async (title: string, dueOn: string, status: 'handling' | 'replied') => {
      const p = await insertProposal(fx, { status: 'assigned', title });
      await insertAssignment(fx, p.id, fx.units.finance.unit.id, { dueOn, status });
      return p.id;
    };
    const done1 = await part('关于设立乡村振兴产业引导基金的建议', '2025-05-10', 'replied');
    const open2 = await part('关于加大农村公路养护资金投入的建议', '2026-05-20', 'handling');
    const done2 = await part('关于规范政府投资项目审计的建议', '2025-09-30', 'replied');
    const open1 = await part('关于落实涉农资金统筹整合的建议', '2026-02-20', 'handling');
    const open3 = await part('关于支持中小企业融资担保的建议', '2026-06-01', 'handling');
    const pages: string[][] = [];
    for (let page = 1; page <= 3; page++) {
      const before = t.deps.database.queryCount();
      const res = (await zhao.get(`/api/proposals?scope=unit&pageSize=2&page=${page}`)).json();
      expect(t.deps.database.queryCount() - before).toBeLessThanOrEqual(6);
      expect(res.total).toBe(5);
      pages.push(res.items.map((i: { id: string }) => i.id));
    }
    // the overdue one first, the open ones by deadline, then the finished ones latest first
    expect(pages).toEqual([[open1, open2], [open3, done2], [done1]]);
    expect(ids(await zhao.get(`/api/proposals?scope=unit&q=${encodeURIComponent('农村公路')}`))).toEqual([open2]);
  });

  it('loads a page in a fixed number of queries', async () => {
    for (let i = 0; i < 12; i++) {
      const p = await insertProposal(fx, { status: 'assigned', title: `关于第${i}批农村道路提档升级的建议`, signers: [fx.zhang.member, fx.yang.member] });
      const a = await insertAssignment(fx, p.id, fx.units.transport.unit.id);
      await insertReply(fx, a);
    }
    const measure = async (pageSize: number) => {
      const before = t.deps.database.queryCount();
      const res = await li.get(`/api/proposals?scope=all&pageSize=${pageSize}`);
      expect(res.statusCode).toBe(200);
      return { n: t.deps.database.queryCount() - before, items: res.json().items.length };
    };
    const small = await measure(2);
    const large = await measure(30);
    expect(large.items).toBeGreaterThan(small.items + 10);
    expect(large.n).toBe(small.n);
    expect(large.n).toBeLessThanOrEqual(6);
  });
});

describe('similar proposals while drafting', () => {
  it('finds the filed proposal on rural sewage with its first reply, and not drafts', async () => {
    const old = await insertProposal(fx, { status: 'replied', title: '关于加快农村生活污水处理设施建设的建议', sessionId: fx.session4.id, signers: [fx.yang.member] });
    const a = await insertAssignment(fx, old.id, fx.units.housing.unit.id, { status: 'replied' });
    await insertReply(fx, a);
    const hidden = await insertProposal(fx, { status: 'draft', title: '关于农村生活污水治理的几点建议', signers: [fx.guo.member] });
    const q = new URLSearchParams({ title: '关于加强乡镇污水治理的建议', text: '乡镇农村生活污水直排，处理设施运维不到位，建议加强污水治理。' });
    const res = await zhang.get(`/api/proposals/similar?${q}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; session: string; reply: { unit: string; categoryLabel: string; snippet: string } | null; words: string[] }[];
    const found = items.find((i) => i.id === old.id)!;
    expect(found).toMatchObject({ session: '十届四次会议', reply: { unit: '县住房和城乡建设局', categoryLabel: '所提问题正在解决或列入计划拟解决' } });
    expect(found.reply!.snippet).toContain('农村生活污水治理的建议收悉');
    expect(found.words).toContain('污水');
    expect(items.map((i) => i.id)).not.toContain(hidden.id);
    expect((await zhang.get(`/api/proposals/similar?${q}&exceptId=${old.id}`)).json().items.map((i: { id: string }) => i.id)).not.toContain(old.id);
    expect((await zhang.get('/api/proposals/similar')).json().items).toEqual([]);
    // a handling unit may not browse other units' proposals this way
    const unit = await wang.get(`/api/proposals/similar?${q}`);
    expect(unit.statusCode).toBe(403);
    expect(unit.json().error.message).toBe('查找相似提案供撰写和审查提案时参考，承办单位不能使用');
    // the one search: members find filed proposals and their own drafts, not others' drafts; staff no drafts at all
    const search = async (who: Agent) => (await who.get(`/api/search?q=${encodeURIComponent('污水')}&kind=proposal&pageSize=50`)).json().items.map((i: { refId: string }) => i.refId);
    expect(await search(zhang)).toEqual(expect.arrayContaining([old.id]));
    expect(await search(zhang)).not.toContain(hidden.id);
    expect(await search(guo)).toEqual(expect.arrayContaining([old.id, hidden.id]));
    expect(await search(li)).toContain(old.id);
    expect(await search(li)).not.toContain(hidden.id);
  });
});

describe('rules', () => {
  it('are checked as a whole, audited, and kept with the local calendar', async () => {
    const bad = await li.patch('/api/proposal-rules', { handlingMonths: 6, maxHandlingMonths: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('最长办理期限不能短于办理期限');
    expect((await zhang.patch('/api/proposal-rules', { coSignWorkdays: 3 })).statusCode).toBe(403);
    const ok = await li.patch('/api/proposal-rules', { coSignWorkdays: 3, calendar: { holidays: ['2026-03-05'], workdays: [] } });
    expect(ok.json()).toMatchObject({ rules: { coSignWorkdays: 3, handlingMonths: 3 }, calendar: { holidays: ['2026-03-05'] } });
    // 3 working days from Monday 03-02 with Thursday 03-05 off: Friday 03-06
    expect((await write({ coSignerIds: [fx.yang.member.id] })).json().coSignDueAt).toBe('2026-03-06T10:00:00.000Z');
    const [audit] = await rowsOf<{ summary: string }>(t.b.db, sql`select summary from audit_log where action = 'proposal.rules' and org_id = ${fx.org.id} order by created_at desc limit 1`);
    expect(audit.summary).toBe('修改提案工作规则（coSignWorkdays、calendar）');
    expect((await zhang.get('/api/proposal-rules')).json().rules.coSignWorkdays).toBe(3);
    await li.patch('/api/proposal-rules', { coSignWorkdays: 5, calendar: { holidays: [], workdays: [] } });
  });
});
