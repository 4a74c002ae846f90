import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { insertProposal, proposalFixture, setClock, type ProposalFixture } from './proposal.fixture.js';
import { insertAssignment, insertReply, setProposal } from './proposal.handled.fixture.js';
import { NOT_PUBLISHABLE, publishDue } from './proposal.publish.js';
import { proposal } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let li: Agent, zhang: Agent;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'pb');
  [li, zhang] = await Promise.all([fx.as('li'), fx.as('zhang')]);
});
afterAll(() => t.close());

const REPLY =
  '县住建局高度重视您提出的建议，已会同各乡镇制定农村生活污水治理三年行动方案。今年计划完成 20 个村的治理任务。如有疑问，请与我局村镇建设股联系，联系人：王磊，联系电话：13907170021，办公电话 0717-3822110。';

/** A replied proposal: the housing bureau's sole assignment and its letter. */
async function replied(over: Parameters<typeof insertProposal>[1] = {}, body = REPLY) {
  const p = await insertProposal(fx, { status: 'replied', signers: [fx.zhang.member, fx.yang.member], ...over });
  const a = await insertAssignment(fx, p.id, fx.units.housing.unit.id, { dueOn: '2026-04-05', status: 'replied' });
  await insertReply(fx, a, { sentOn: '2026-02-10', category: 'B', body, contactName: '王磊', contactPhone: '13907170021' });
  return p;
}
const publish = (a: Agent, id: string, body: unknown) => a.post(`/api/proposals/${id}/publication`, body);
const region = () => fx.org.regionCode;
const publicOne = (id: string) => t.app.inject({ method: 'GET', url: `/api/public/orgs/${region()}/proposals/${id}` });
const publicList = (qs = '') => t.app.inject({ method: 'GET', url: `/api/public/orgs/${region()}/proposals${qs}` });
const row = async (id: string) => (await t.b.db.select().from(proposal).where(eq(proposal.id, id)))[0];

describe('publishing replies', () => {
  it('shows a published reply to anyone, without any phone number or the letter’s contact', async () => {
    const p = await replied({ title: '关于加快推进农村生活污水治理的建议', suggestion: '建议统筹整合涉农资金，分年度推进治理，群众可拨打 13907171001 反映情况，并明确管护责任、建立运维经费保障机制。' });
    expect((await publicOne(p.id)).statusCode).toBe(404);
    const res = await publish(li, p.id, { mode: 'full' });
    expect(res.statusCode).toBe(200);
    expect(res.json().publication).toMatchObject({ mode: 'full', withheldReason: null });
    expect(res.json().publication.publishedAt).not.toBeNull();

    const one = await publicOne(p.id);
    expect(one.statusCode).toBe(200);
    const v = one.json();
    expect(v).toMatchObject({ numberLabel: expect.stringMatching(/^第\d{4}号$/), session: '十届五次会议', title: '关于加快推进农村生活污水治理的建议', category: '生态文明建设', proposerName: '张红梅、杨德明' });
    expect(v.replies).toEqual([
      expect.objectContaining({ unit: '县住房和城乡建设局', letterNo: '远住建函〔2026〕12号', categoryLabel: '所提问题正在解决或列入计划拟解决', mode: 'full' }),
    ]);
    expect(v.replies[0].text).toContain('今年计划完成 20 个村的治理任务');
    for (const body of [one.body, (await publicList()).body]) {
      for (const secret of ['13907170021', '0717-3822110', '3822110', '13907171001', '王磊']) expect(body).not.toContain(secret);
    }
    expect(Object.keys(v.replies[0]).sort()).toEqual(['categoryLabel', 'letterNo', 'mode', 'sentAt', 'text', 'unit']);
    expect(v.suggestion).toContain('分年度推进治理');
    // another org's address does not show it
    expect((await t.app.inject({ method: 'GET', url: `/api/public/orgs/000000/proposals/${p.id}` })).statusCode).toBe(404);
  });

  it('publishes a summary instead of the letter, or withholds it with a reason', async () => {
    const p = await replied({ title: '关于完善城区公共停车设施的建议' });
    const short = await publish(li, p.id, { mode: 'summary', summary: '正在推进' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('公开摘要至少 20 个字');
    const summary = '县住建局已将城区停车设施建设列入今年计划，拟新建公共停车场 3 处，详情可咨询 0717-3822110。';
    expect((await publish(li, p.id, { mode: 'summary', summary })).statusCode).toBe(200);
    const v = (await publicOne(p.id)).json();
    expect(v.replies).toHaveLength(1);
    expect(v.replies[0]).toMatchObject({ mode: 'summary', unit: '县住房和城乡建设局' });
    expect(v.replies[0].text).toBe('县住建局已将城区停车设施建设列入今年计划，拟新建公共停车场 3 处，详情可咨询 ***。');

    const noReason = await publish(li, p.id, { mode: 'withheld' });
    expect(noReason.json().error.message).toBe('请填写理由');
    const res = await publish(li, p.id, { mode: 'withheld', reason: '答复涉及尚未公开的项目安排' });
    expect(res.json().publication).toMatchObject({ mode: 'withheld', publishedAt: null, withheldReason: '答复涉及尚未公开的项目安排' });
    expect((await publicOne(p.id)).statusCode).toBe(404);
    expect((await publicList()).json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    const kinds = await rowsOf<{ kind: string }>(t.b.db, sql`select kind from proposal_event where proposal_id = ${p.id} order by id`);
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'published', 'withheld']);
  });

  it('refuses to publish what the proposers did not allow, or what has no reply yet', async () => {
    const secret = await replied({ mayPublish: false });
    const res = await publish(li, secret.id, { mode: 'full' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(NOT_PUBLISHABLE);
    expect((await publish(li, secret.id, { mode: 'summary', summary: '县住建局已将该建议列入今年工作计划，正在推进落实。' })).json().error.message).toBe('提案者不同意公开，不能公开答复');
    expect((await row(secret.id)).publishedAt).toBeNull();
    expect((await publish(li, secret.id, { mode: 'withheld', reason: '提案者不同意公开' })).statusCode).toBe(200);
    const handling = await insertProposal(fx, { status: 'assigned' });
    const early = await publish(li, handling.id, { mode: 'full' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('提案尚未答复，不能公开');
    expect((await publish(zhang, handling.id, { mode: 'full' })).statusCode).toBe(403);
    // the reply also answers a proposal merged into this one, whose proposers did not allow it
    const main = await replied({ title: '关于加快城区雨污分流改造的建议' });
    await insertProposal(fx, { status: 'merged', mergedIntoId: main.id, mayPublish: false, title: '关于解决老城区内涝问题的建议' });
    expect((await publish(li, main.id, { mode: 'full' })).json().error.message).toBe('并入本案的提案中有提案者不同意公开，不能公开答复');
    expect((await row(main.id)).publishedAt).toBeNull();
  });

  it('lists published proposals newest first and finds them by title', async () => {
    const older = await replied({ title: '关于发展林下经济促进农民增收的建议' });
    await publish(li, older.id, { mode: 'full' });
    t.clock.advanceMinutes(5);
    const newer = await replied({ title: '关于推进城乡供水一体化的建议' });
    await publish(li, newer.id, { mode: 'full' });
    const page = (await publicList()).json();
    expect(page.items[0].id).toBe(newer.id);
    expect(page.items.map((i: { id: string }) => i.id)).toContain(older.id);
    expect(page.total).toBe(page.items.length);
    const found = (await publicList(`?q=${encodeURIComponent('林下经济')}`)).json();
    expect(found).toMatchObject({ total: 1, items: [expect.objectContaining({ id: older.id })] });
    expect((await t.app.inject({ method: 'GET', url: '/api/public/orgs/12/proposals' })).json().error.message).toBe('行政区划代码应为 6 位数字');
    // a fixed number of queries, whatever the page size
    const count = async (qs: string) => {
      const before = t.deps.database.queryCount();
      const res = await publicList(qs);
      return { n: t.deps.database.queryCount() - before, items: res.json().items.length };
    };
    const [small, large] = [await count('?pageSize=1'), await count('?pageSize=50')];
    expect(small.items).toBe(1);
    expect(large.items).toBeGreaterThan(2);
    expect(large.n).toBe(small.n);
  });
});

describe('the daily publication job', () => {
  it('publishes in full, exactly on publishDueOn, only the undecided replies the proposers allowed', async () => {
    setClock(t, '2026-03-02T02:00:00Z');
    const due = await replied({ title: '关于加强农村饮用水源保护的建议' });
    const notAllowed = await replied({ title: '关于调整县城公交线路的建议', mayPublish: false });
    const withheld = await replied({ title: '关于整治城区占道经营的建议' });
    await publish(li, withheld.id, { mode: 'withheld', reason: '涉及执法中的个案' });
    const later = await replied({ title: '关于建设县城第二水厂的建议' });
    for (const p of [due, notAllowed, withheld]) await setProposal(fx, p.id, { publishDueOn: '2026-03-02' });
    await setProposal(fx, later.id, { publishDueOn: '2026-03-03' });

    expect(await publishDue(t.b.db, t.clock)).toBe(1);
    expect(await row(due.id)).toMatchObject({ publishMode: 'full' });
    expect((await publicOne(due.id)).statusCode).toBe(200);
    expect(await row(notAllowed.id)).toMatchObject({ publishMode: null, publishedAt: null });
    expect(await row(withheld.id)).toMatchObject({ publishMode: 'withheld', publishedAt: null });
    expect((await row(later.id)).publishMode).toBeNull();

    setClock(t, '2026-03-02T15:59:00Z'); // 23:59 on the 2nd, China time
    expect(await publishDue(t.b.db, t.clock)).toBe(0);
    setClock(t, '2026-03-02T16:00:00Z'); // midnight: the 3rd
    expect(await publishDue(t.b.db, t.clock)).toBe(1);
    expect((await publicOne(later.id)).statusCode).toBe(200);
    expect(await publishDue(t.b.db, t.clock)).toBe(0);
    const [e] = await rowsOf<{ actor_name: string; note: string }>(t.b.db, sql`select actor_name, note from proposal_event where proposal_id = ${later.id} and kind = 'published'`);
    expect(e).toEqual({ actor_name: '系统', note: '全文公开（到期自动公开）' });
  });
});
