import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { rowsOf } from '../../core/sql.js';
import { auditLog } from '../audit/audit.table.js';
import { notification } from '../notification/notification.table.js';
import { opinionWorld, REPORT_BODY } from './opinion.fixture.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof opinionWorld>>;
let zhang: Agent, yang: Agent, guo: Agent, li: Agent, chen: Agent, ma: Agent;
beforeAll(async () => {
  t = await testApp();
  w = await opinionWorld(t.b, 'op');
  [zhang, yang, guo, li, chen, ma] = await Promise.all(['opzhang', 'opyang', 'opguo', 'opli', 'opchen', 'opma'].map((l) => signIn(t.app, l)));
});
afterAll(() => t.close());

const write = (over: Record<string, unknown> = {}) =>
  zhang.post('/api/opinion-reports', { title: '关于解决山区留守老人就医难问题的建议', body: REPORT_BODY, coAuthorIds: [w.coAuthor.id], ...over });
const submitted = async (title: string) => {
  const res = await write({ title });
  expect(res.statusCode).toBe(200);
  const id = res.json().id as string;
  expect((await zhang.post(`/api/opinion-reports/${id}/submit`)).statusCode).toBe(200);
  return id;
};
const reportCount = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from opinion_report where org_id = ${w.county.id}`))[0].n;

describe('writing a report', () => {
  it('refuses bad input in Chinese and saves nothing', async () => {
    const before = await reportCount();
    const short = await write({ body: '建议加快修路。' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('正文至少 50 个字');
    expect((await write({ title: '关'.repeat(61) })).json().error.message).toBe('标题不超过 60 个字');
    const self = await write({ coAuthorIds: [w.writer.id] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('第一作者');
    const stranger = await write({ coAuthorIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(stranger.json().error.message).toBe('联名委员应为本组织的在任委员');
    expect((await write({ coAuthorIds: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) })).json().error.message).toBe('联名委员最多 5 个');
    expect(await reportCount()).toBe(before);
  });

  it('keeps drafts to their authors; only the writer edits and submits', async () => {
    const res = await write();
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.status).toBe('draft');
    expect(r.authors.map((a: { name: string }) => a.name)).toEqual(['张红梅', '杨德明']);
    expect(r.can).toMatchObject({ edit: true, submit: true, decide: false });
    // the co-author sees it (and cannot change it); another member and the staff do not see a draft
    expect((await yang.get(`/api/opinion-reports/${r.id}`)).json().can.edit).toBe(false);
    expect((await yang.get('/api/opinion-reports?scope=mine')).json().items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect((await guo.get(`/api/opinion-reports/${r.id}`)).statusCode).toBe(404);
    expect((await li.get(`/api/opinion-reports/${r.id}`)).statusCode).toBe(404);
    expect((await guo.get('/api/opinion-reports?scope=org')).statusCode).toBe(403);
    expect((await yang.put(`/api/opinion-reports/${r.id}`, { title: r.title, body: REPORT_BODY, coAuthorIds: [], fileIds: [] })).statusCode).toBe(403);
    const edited = await zhang.put(`/api/opinion-reports/${r.id}`, { title: '关于解决山区留守老人看病难问题的建议', body: REPORT_BODY, coAuthorIds: [], fileIds: [] });
    expect(edited.json().authors).toHaveLength(1);
    const sub = await zhang.post(`/api/opinion-reports/${r.id}/submit`);
    expect(sub.json()).toMatchObject({ status: 'submitted', statusLabel: '已报送' });
    expect(sub.json().submittedAt).not.toBeNull();
    const late = await zhang.put(`/api/opinion-reports/${r.id}`, { title: r.title, body: REPORT_BODY, coAuthorIds: [], fileIds: [] });
    expect(late.statusCode).toBe(409);
    // the staff hear of it and see it in their queue
    const [msg] = await t.b.db.select().from(notification).where(and(eq(notification.targetId, r.id), eq(notification.kind, 'opinion.submitted')));
    expect(msg.title).toContain('张红梅');
    expect((await li.get('/api/opinion-reports')).json().items[0].id).toBe(r.id);
    const [doc] = await rowsOf<{ status: string; is_public: boolean }>(t.b.db, sql`select status, is_public from search_doc where ref_id = ${r.id}`);
    expect(doc).toEqual({ status: 'submitted', is_public: false });
  });
});

describe('staff decisions', () => {
  it('edits with the wording before and after kept, returns with a reason, takes the revision', async () => {
    const id = await submitted('关于加快推进农村生活污水治理的建议');
    const edit = await li.patch(`/api/opinion-reports/${id}`, { title: '关于加快推进农村生活污水治理的建议（修改）', body: REPORT_BODY + '此外，建议分批推进。' });
    expect(edit.statusCode).toBe(200);
    const step = edit.json().history.at(-1);
    expect(step).toMatchObject({ action: 'edited', label: '机关编辑', actorName: '李秀兰' });
    const [audit] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, 'opinion.update')));
    expect((audit.before as { title: string }).title).toBe('关于加快推进农村生活污水治理的建议');

    const noReason = await li.post(`/api/opinion-reports/${id}/decision`, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe('请填写理由');
    const back = await li.post(`/api/opinion-reports/${id}/decision`, { action: 'return', reason: '请补充具体村组和数据' });
    expect(back.json()).toMatchObject({ status: 'returned', reason: '请补充具体村组和数据' });
    const seen = (await zhang.get(`/api/opinion-reports/${id}`)).json();
    expect(seen.can.edit).toBe(true);
    const [msg] = await t.b.db.select().from(notification).where(and(eq(notification.targetId, id), eq(notification.kind, 'opinion.returned')));
    expect(msg.title).toContain('请补充具体村组和数据');
    expect((await zhang.post(`/api/opinion-reports/${id}/submit`)).json()).toMatchObject({ status: 'submitted', reason: null });
  });

  it('declines with a reason; a decided report is not decided again', async () => {
    const id = await submitted('关于规范城区共享单车停放的建议');
    const res = await li.post(`/api/opinion-reports/${id}/decision`, { action: 'decline', reason: '相关部门已在推进' });
    expect(res.json()).toMatchObject({ status: 'declined', reason: '相关部门已在推进', levels: [] });
    const again = await li.post(`/api/opinion-reports/${id}/decision`, { action: 'adopt' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('不在本单位待处理');
    expect((await chen.post(`/api/opinion-reports/${id}/decision`, { action: 'adopt' })).statusCode).toBe(403);
  });

  it('forwards up: adopted here, decided again upstairs, recorded per level', async () => {
    const id = await submitted('关于支持鹿苑黄茶品牌建设的建议');
    const fwd = await li.post(`/api/opinion-reports/${id}/decision`, { action: 'forward' });
    expect(fwd.statusCode).toBe(200);
    expect(fwd.json()).toMatchObject({ status: 'forwarded', forwardedTo: { id: w.city.id }, adoptedLevels: ['county'] });
    expect(fwd.json().levels[0].adopted[0].byName).toBe(w.county.shortName);

    // the city's staff see it among reports forwarded to them; they cannot return it, nor forward it (no upper org)
    const queue = (await ma.get('/api/opinion-reports?scope=forwarded')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await ma.get('/api/opinion-reports?scope=org')).json().items).toHaveLength(0);
    expect((await ma.post(`/api/opinion-reports/${id}/decision`, { action: 'return', reason: '请补充' })).statusCode).toBe(409);
    const noUpper = await ma.post(`/api/opinion-reports/${id}/decision`, { action: 'forward' });
    expect(noUpper.statusCode).toBe(409);
    expect(noUpper.json().error.message).toContain('没有上级政协');
    // the county cannot decide it again while it waits upstairs
    expect((await li.post(`/api/opinion-reports/${id}/decision`, { action: 'adopt' })).statusCode).toBe(409);

    const adopted = await ma.post(`/api/opinion-reports/${id}/decision`, { action: 'adopt' });
    expect(adopted.json()).toMatchObject({ status: 'adopted', adoptedLevels: ['county', 'city'] });

    // a leader's instruction (批示), recorded at the city
    const bad = await ma.post(`/api/opinion-reports/${id}/records`, { kind: 'instructed', level: 'city', byName: '市委副书记 王某', on: '2026-01-05' });
    expect(bad.json().error.message).toBe('请填写批示内容');
    const rec = await ma.post(`/api/opinion-reports/${id}/records`, { kind: 'instructed', level: 'city', byName: '市委副书记 王某', text: '请市农业农村局研究落实。', on: '2026-01-05' });
    expect(rec.statusCode).toBe(200);
    const city = rec.json().levels.find((l: { level: string }) => l.level === 'city');
    expect(city.label).toBe('市级');
    expect(city.instructed[0]).toMatchObject({ byName: '市委副书记 王某', text: '请市农业农村局研究落实。', kindLabel: '批示' });
    expect((await chen.post(`/api/opinion-reports/${id}/records`, { kind: 'adopted', level: 'province', byName: '省政协', on: '2026-01-05' })).statusCode).toBe(403);

    // the author heard of every step, and sees the report with its records
    const kinds = (await t.b.db.select({ kind: notification.kind }).from(notification).where(eq(notification.targetId, id))).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['opinion.forwarded', 'opinion.adopted', 'opinion.instructed']));
    const mine = (await zhang.get(`/api/opinion-reports/${id}`)).json();
    expect(mine.history.map((h: { action: string }) => h.action)).toEqual(['created', 'submitted', 'forwarded', 'adopted', 'recorded']);
    expect(mine.instructedCount).toBe(1);
    // the county leader sees it with both levels
    expect((await chen.get(`/api/opinion-reports/${id}`)).json().adoptedLevels).toEqual(['county', 'city']);
  });

  it('an upper decline leaves the report adopted below', async () => {
    const id = await submitted('关于完善农村客运班线的建议');
    await li.post(`/api/opinion-reports/${id}/decision`, { action: 'forward' });
    const res = await ma.post(`/api/opinion-reports/${id}/decision`, { action: 'decline', reason: '暂不具备条件' });
    expect(res.json()).toMatchObject({ status: 'adopted', adoptedLevels: ['county'], reason: null });
    expect(res.json().history.at(-1).summary).toContain('暂不具备条件');
  });
});

describe('lists and details', () => {
  it('lists in the same number of queries whatever the page size, with filters', async () => {
    for (let i = 0; i < 6; i++) await submitted(`关于改善第${i + 1}村饮水条件的建议`);
    const count = async (url: string) => {
      const before = t.deps.database.queryCount();
      const res = await li.get(url);
      expect(res.statusCode).toBe(200);
      return { n: t.deps.database.queryCount() - before, body: res.json() };
    };
    const small = await count('/api/opinion-reports?pageSize=2');
    const large = await count('/api/opinion-reports?pageSize=100');
    expect(small.body.items).toHaveLength(2);
    expect(large.body.items.length).toBeGreaterThan(8);
    expect(large.n).toBe(small.n);
    expect(small.n).toBeLessThanOrEqual(3); // the session, the page, the total
    const q = await count(`/api/opinion-reports?q=${encodeURIComponent('饮水')}&status=submitted`);
    expect(q.body.total).toBe(6);
    expect((await count(`/api/opinion-reports?q=${encodeURIComponent('杨德明')}`)).body.total).toBeGreaterThan(0);
    expect((await count('/api/opinion-reports?year=2001')).body.total).toBe(0);
  });

  it('shows the concerns a report was made from', async () => {
    const id = await submitted('关于集中整治农村道路积水问题的建议');
    const [cat] = await rowsOf<{ id: string }>(t.b.db, sql`insert into request_category (org_id, name) values (${w.county.id}, '道路交通') returning id`);
    const [pl] = await rowsOf<{ id: string }>(t.b.db, sql`insert into place (org_id, name, kind) values (${w.county.id}, '鸣凤镇', 'township') returning id`);
    const now = new Date().toISOString();
    const [rq] = await rowsOf<{ id: string }>(
      t.b.db,
      sql`insert into request (org_id, code, category_id, place_id, title, content, consent_at, due_at, created_at, updated_at)
        values (${w.county.id}, 'YAOP0001', ${cat.id}, ${pl.id}, '村口道路积水', '下雨就积水', ${now}, ${now}, ${now}, ${now}) returning id`,
    );
    const [esc] = await rowsOf<{ id: string }>(
      t.b.db,
      sql`insert into request_escalation (org_id, kind, title, target_id, created_at) values (${w.county.id}, 'opinion_report', '道路积水', ${id}, ${now}) returning id`,
    );
    await t.b.db.execute(sql`insert into request_escalation_item (org_id, escalation_id, request_id) values (${w.county.id}, ${esc.id}, ${rq.id})`);
    expect((await li.get(`/api/opinion-reports/${id}`)).json().fromRequests).toEqual([{ id: rq.id, code: 'YAOP0001', title: '村口道路积水' }]);
  });
});
