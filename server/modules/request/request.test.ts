import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { notification } from '../notification/notification.table.js';
import { concernWorld, jpegWithExif, pub, raise, type ConcernWorld } from './request.fixture.js';
import { pickRoute } from './request.route.js';
import { request } from './request.table.js';

let t: TestApp;
let w: ConcernWorld;
let staff: Agent;
let leader: Agent;
let zhang: Agent;
let yang: Agent;
let guo: Agent;
beforeAll(async () => {
  t = await testApp();
  w = await concernWorld(t);
  [staff, leader, zhang, yang, guo] = await Promise.all([w.staffAcc, w.leaderAcc, w.zhang.account, w.yang.account, w.guo.account].map((a) => w.signIn(a)));
});
afterAll(() => t.close());

const rowOf = async (code: string) => (await t.b.db.select().from(request).where(eq(request.code, code)))[0];
const messagesOf = (accountId: string, requestId: string) =>
  t.b.db.select().from(notification).where(and(eq(notification.accountId, accountId), eq(notification.targetId, requestId)));
const track = async (code: string) => (await pub(t, 'GET', `/api/public/requests/${code}`)).json();

describe('routing rules', () => {
  it('picks the place group, else the township group, and the category committee', () => {
    expect(pickRoute({ placeGroupId: 'g1', townshipGroupId: 'g2', categoryCommitteeId: 'c' })).toEqual({ groupId: 'g1', committeeId: 'c' });
    expect(pickRoute({ placeGroupId: null, townshipGroupId: 'g2', categoryCommitteeId: null })).toEqual({ groupId: 'g2', committeeId: null });
    expect(pickRoute({ placeGroupId: null, townshipGroupId: null, categoryCommitteeId: null })).toEqual({ groupId: null, committeeId: null });
  });

  it('sends a village concern to the group covering the village and tells its convener and liaison staff', async () => {
    const code = await raise(t, w, { placeId: w.places.fengyang.id });
    const r = await rowOf(code);
    expect(r).toMatchObject({ groupId: w.groupA.id, committeeId: null, status: 'new', routedBy: 'rule' });
    expect(r.dueAt.getTime() - r.createdAt.getTime()).toBe(7 * 86_400_000);
    expect(await messagesOf(w.zhang.account.id, r.id)).toHaveLength(1);
    const [m] = await messagesOf(w.staffAcc.id, r.id);
    expect(m.title).toContain('新的群众诉求');
    expect(m.link).toBe(`/requests/${r.id}`);
    expect((await messagesOf(w.staff2Acc.id, r.id)).length).toBe(0);
    const detail = (await zhang.get(`/api/requests/${r.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'routed']);
  });

  it('falls back to the group covering the township, and routes 教育医疗 to its committee', async () => {
    const r = await rowOf(await raise(t, w, { placeId: w.places.baiyun.id, categoryId: w.cat('教育医疗').id, title: '白云村卫生室常用药缺货' }));
    expect(r).toMatchObject({ groupId: w.groupB.id, committeeId: w.jiaoke.id });
  });

  it('leaves a concern from an uncovered place unrouted: every staff account hears, staff find it with groupId=none', async () => {
    const r = await rowOf(await raise(t, w, { placeId: w.places.luyuan.id, title: '鹿苑村茶园便道塌方' }));
    expect(r.groupId).toBeNull();
    expect(await messagesOf(w.staffAcc.id, r.id)).toHaveLength(1);
    expect(await messagesOf(w.staff2Acc.id, r.id)).toHaveLength(1);
    const list = (await staff.get('/api/requests?groupId=none')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(list.items.every((i: { group: unknown }) => i.group === null)).toBe(true);
    // staff route it by hand
    const res = await staff.post(`/api/requests/${r.id}/route`, { groupId: w.groupA.id, note: '鹿苑村临近太平村，请第一组代为办理' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ group: { id: w.groupA.id }, routedBy: 'staff', status: 'new' });
    expect((await messagesOf(w.zhang.account.id, r.id)).map((m) => m.kind)).toContain('request.routed');
  });
});

describe('who sees and who answers', () => {
  let id: string;
  let code: string;
  beforeAll(async () => {
    code = await raise(t, w, { title: '太平村二组自来水水压低', content: '太平村二组地势高，每天早晚用水高峰时自来水几乎没有水压，洗衣做饭都困难。' });
    id = (await rowOf(code)).id;
  });

  it('members see their own group only; leaders and staff see all', async () => {
    const mine = (await zhang.get('/api/requests?pageSize=200')).json();
    expect(mine.items.every((i: { group: { id: string } | null }) => i.group?.id === w.groupA.id)).toBe(true);
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await guo.get('/api/requests?pageSize=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await guo.get(`/api/requests/${id}`)).statusCode).toBe(403);
    const seenByLeader = await leader.get(`/api/requests/${id}`);
    expect(seenByLeader.statusCode).toBe(200);
    // what each may do is on the concern: leaders read, the group's members escalate
    expect(seenByLeader.json().can).toMatchObject({ claim: false, answer: false, escalate: false });
    expect((await zhang.get(`/api/requests/${id}`)).json().can).toMatchObject({ claim: true, answer: true, escalate: true });
    expect((await leader.post(`/api/requests/${id}/claim`)).statusCode).toBe(403);
  });

  it('a member claims; another member of the group is told who has it', async () => {
    const res = await yang.post(`/api/requests/${id}/claim`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'claimed', member: { id: w.yang.member.id, name: '杨德明' } });
    const again = await zhang.post(`/api/requests/${id}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('这条诉求已由杨德明委员认领');
    expect((await yang.get('/api/requests?scope=mine')).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('a member of another group cannot answer (403) and nothing changes', async () => {
    const res = await guo.post(`/api/requests/${id}/answer`, { answer: '我来答复一下这个问题，已经联系了水厂。', outcome: 'solved' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不属于您所在的小组');
    expect((await rowOf(code)).status).toBe('claimed');
  });

  it('only staff and the responsible member get the whole number, and each look is audited', async () => {
    expect((await zhang.get(`/api/requests/${id}/contact`)).statusCode).toBe(403);
    const mine = await yang.get(`/api/requests/${id}/contact`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().phone).toMatch(/^1[3-9]\d{9}$/);
    expect((await staff.get(`/api/requests/${id}/contact`)).json().phone).toBe(mine.json().phone);
    const audits = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'request.view_phone'), eq(auditLog.targetId, id)));
    expect(audits).toHaveLength(2);
    const detail = (await yang.get(`/api/requests/${id}`)).json();
    expect(detail.phoneMasked).toMatch(/^1\d\d\*\*\*\*\d{4}$/);
    expect(JSON.stringify(detail)).not.toContain(mine.json().phone);
  });

  it('the member answers; the resident sees it at once and rates 不满意: it reopens for staff', async () => {
    const bad = await yang.post(`/api/requests/${id}/answer`, { answer: '已转交县水务局，请等待。', outcome: 'referred' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('转交部门办理的，请填写部门名称');
    const res = await yang.post(`/api/requests/${id}/answer`, { answer: '已联系县自来水公司，将在二组加装一台加压泵，预计两周内完工。', outcome: 'referred', department: '远安县自来水公司' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', outcome: 'referred', outcomeLabel: '已转交部门办理', department: '远安县自来水公司' });
    const first = res.json().firstAnsweredAt;
    const mine = await track(code);
    expect(mine).toMatchObject({ status: 'answered', answeredBy: '杨德明委员', department: '远安县自来水公司', canRate: true, group: '第一活动小组' });
    expect(mine.timeline.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'routed', 'claimed', 'answered']);
    expect(mine.timeline.find((e: { kind: string }) => e.kind === 'answered').by).toBe('杨德明委员');
    // the public list does not show it before staff approve it
    expect((await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/requests`)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    const rated = await pub(t, 'POST', `/api/public/requests/${code}/rating`, { rating: 'unsatisfied', comment: '两周过去了水压还是很低' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'reopened', canRate: false, rating: 'unsatisfied' });
    expect((await pub(t, 'POST', `/api/public/requests/${code}/rating`, { rating: 'satisfied' })).statusCode).toBe(409);
    const row = await rowOf(code);
    expect(row.reopenCount).toBe(1);
    expect(row.dueAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const staffMsgs = await messagesOf(w.staffAcc.id, id);
    expect(staffMsgs.map((m) => m.kind)).toContain('request.reopened');
    expect((await messagesOf(w.yang.account.id, id)).map((m) => m.kind)).toContain('request.reopened');
    expect((await staff.get('/api/requests?status=reopened')).json().items.map((i: { id: string }) => i.id)).toContain(id);

    // answered again, rated 基本满意: closed; the first answer time stays
    const again = await yang.post(`/api/requests/${id}/answer`, { answer: '加压泵已安装到位，早晚高峰水压已恢复正常，后续请随时反映。', outcome: 'solved' });
    expect(again.json().firstAnsweredAt).toBe(first);
    expect((await pub(t, 'POST', `/api/public/requests/${code}/rating`, { rating: 'basic' })).json()).toMatchObject({ status: 'closed', ratingLabel: '基本满意' });
  });

  it('staff publish it: it shows in the public list without personal data; hidden with a reason it leaves', async () => {
    const pubList = async () => (await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/requests`)).json();
    // before: staff find it among the answered ones waiting for review
    const waiting = (await staff.get('/api/requests?status=done&publishState=unreviewed&pageSize=200')).json();
    expect(waiting.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(waiting.items.every((i: { status: string; publishState: string }) => ['answered', 'closed'].includes(i.status) && i.publishState === 'unreviewed')).toBe(true);
    expect((await staff.post(`/api/requests/${id}/publish`, { publish: true })).json().publishState).toBe('published');
    const item = (await pubList()).items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ title: '太平村二组自来水水压低', place: '鸣凤镇太平村', category: '环境整治', answeredBy: '杨德明委员', rating: 'basic', ratingLabel: '基本满意' });
    expect(Object.keys(item)).not.toContain('code');
    expect((await staff.get('/api/requests?status=done&publishState=unreviewed&pageSize=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await pub(t, 'POST', `/api/public/requests/${id}/follow`, { device: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' })).json().followCount).toBe(1);

    expect((await staff.post(`/api/requests/${id}/hide`, {})).statusCode).toBe(400);
    const hidden = await staff.post(`/api/requests/${id}/hide`, { reason: '含有对个人的不实指责' });
    expect(hidden.json()).toMatchObject({ publishState: 'hidden', publishReason: '含有对个人的不实指责' });
    expect((await pubList()).items.map((i: { id: string }) => i.id)).not.toContain(id);
    const [a] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'request.hide'), eq(auditLog.targetId, id)));
    expect(a.summary).toContain('含有对个人的不实指责');
    // the resident still sees their own answer
    expect((await track(code)).answer).toContain('加压泵');
    expect((await pub(t, 'POST', `/api/public/requests/${id}/follow`, { device: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' })).statusCode).toBe(404);
  });

  it('an unanswered concern cannot be published', async () => {
    const r = await rowOf(await raise(t, w));
    const res = await staff.post(`/api/requests/${r.id}/publish`, { publish: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('只有已答复的诉求才能公开');
  });
});

describe('assigning, merging, closing', () => {
  it('the convener assigns within the group; another convener cannot; staff may name anyone', async () => {
    const r = await rowOf(await raise(t, w));
    expect((await guo.post(`/api/requests/${r.id}/assign`, { memberId: w.guo.member.id })).statusCode).toBe(403);
    const out = await zhang.post(`/api/requests/${r.id}/assign`, { memberId: w.guo.member.id });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.message).toBe('郭海燕不是本小组成员');
    const ok = await zhang.post(`/api/requests/${r.id}/assign`, { memberId: w.yang.member.id });
    expect(ok.json()).toMatchObject({ status: 'claimed', member: { name: '杨德明' } });
    expect((await messagesOf(w.yang.account.id, r.id)).map((m) => m.kind)).toContain('request.assigned');
    expect((await staff.post(`/api/requests/${r.id}/assign`, { memberId: w.guo.member.id })).json().member.name).toBe('郭海燕');
  });

  it('a duplicate is merged into another concern and closed; the resident sees where', async () => {
    const main = await raise(t, w, { title: '凤阳村垃圾清运不及时', placeId: w.places.fengyang.id });
    const dupCode = await raise(t, w, { title: '凤阳村垃圾桶满了没人收', placeId: w.places.fengyang.id });
    const dup = await rowOf(dupCode);
    const wrong = await zhang.post(`/api/requests/${dup.id}/answer`, { answer: '与另一条诉求反映的是同一件事，合并办理。', outcome: 'merged', mergedIntoCode: 'ZZZZ2222' });
    expect(wrong.json().error.message).toBe('本组织没有编号为 ZZZZ2222 的诉求');
    const res = await zhang.post(`/api/requests/${dup.id}/answer`, { answer: '与另一条诉求反映的是同一件事，合并办理。', outcome: 'merged', mergedIntoCode: main.toLowerCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', outcome: 'merged', mergedInto: { code: main }, member: { name: '张红梅' } });
    expect((await track(dupCode)).mergedIntoCode).toBe(main);
  });

  it('staff answer on a member’s behalf (marked) and close a reopened one handled offline', async () => {
    const code = await raise(t, w);
    const r = await rowOf(code);
    const res = await staff.post(`/api/requests/${r.id}/answer`, { answer: '经与村委会核实，路灯已于本周全部修复。', outcome: 'solved' });
    expect(res.statusCode).toBe(200);
    expect(res.json().events.at(-1).actorName).toBe('李秀兰（代委员答复）');
    expect((await track(code)).answeredBy).toBe('政协机关');
    await pub(t, 'POST', `/api/public/requests/${code}/rating`, { rating: 'unsatisfied' });
    const closed = await staff.post(`/api/requests/${r.id}/close`, { note: '已电话回访，群众表示理解' });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect((await staff.post(`/api/requests/${r.id}/close`, { note: '再次办结' })).statusCode).toBe(409);
  });
});

describe('answer photos', () => {
  it('a member uploads a photo of the result; the resident sees it by code, staff by id, a stranger nothing', async () => {
    const code = await raise(t, w, { title: '凤阳村村口垃圾堆放', placeId: w.places.fengyang.id });
    const r = await rowOf(code);
    const up = await t.app.inject({ method: 'POST', url: '/api/files/photos', payload: await jpegWithExif(), headers: { 'content-type': 'image/jpeg', 'x-csrf-token': zhang.csrf }, cookies: { xs_session: zhang.cookie } });
    expect(up.statusCode).toBe(200);
    const photo = up.json().id;
    const res = await zhang.post(`/api/requests/${r.id}/answer`, { answer: '村口垃圾已全部清运，村里新设了两个分类垃圾箱。', outcome: 'solved', photoIds: [photo] });
    expect(res.json().answerPhotos).toEqual([expect.objectContaining({ id: photo, width: 1600 })]);
    expect((await track(code)).answerPhotos.map((p: { id: string }) => p.id)).toEqual([photo]);
    expect((await pub(t, 'GET', `/api/public/requests/${code}/photos/${photo}`)).statusCode).toBe(200);
    const other = await raise(t, w);
    expect((await pub(t, 'GET', `/api/public/requests/${other}/photos/${photo}`)).statusCode).toBe(404);
    const viaStaff = await staff.get(`/api/files/${photo}`);
    expect(viaStaff.statusCode).toBe(200);
    expect(viaStaff.headers['content-type']).toBe('image/jpeg');
    // used once: the same upload cannot be attached to another answer
    const again = await zhang.post(`/api/requests/${(await rowOf(other)).id}/answer`, { answer: '同样的照片再用一次试试看可以吗。', outcome: 'solved', photoIds: [photo] });
    expect(again.statusCode).toBe(400);
  });
});

describe('escalation', () => {
  it('a member turns two of the group’s concerns into an opinion report draft; both sides show the link', async () => {
    const a = await rowOf(await raise(t, w, { title: '太平村门牌号缺失快递找不到', categoryId: w.cat('门牌地址').id, content: '村里很多户门牌号缺失或字迹不清，快递和外卖经常找不到，急救车也可能找错门。' }));
    const b = await rowOf(await raise(t, w, { title: '凤阳村住户门牌不全', categoryId: w.cat('门牌地址').id, placeId: w.places.fengyang.id, content: '凤阳村新建的安置房没有门牌号，办事填地址很麻烦，希望统一编号。' }));
    const other = await rowOf(await raise(t, w, { placeId: w.places.baiyun.id }));
    expect((await zhang.post('/api/request-escalations', { kind: 'topic', requestIds: [a.id], title: '农村门牌整治' })).statusCode).toBe(403);
    expect((await zhang.post('/api/request-escalations', { kind: 'opinion_report', requestIds: [a.id, other.id], title: '农村门牌整治' })).statusCode).toBe(403);
    const res = await zhang.post('/api/request-escalations', { kind: 'opinion_report', requestIds: [a.id, b.id], title: '关于加快农村门牌号规范设置的建议', note: '两村群众集中反映门牌缺失问题。' });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({ kind: 'opinion_report', kindLabel: '社情民意信息', requests: [{ id: a.id }, { id: b.id }] });
    expect(e.targetId).toBeTruthy();
    const report = await t.b.db.execute(`select r.title, r.status, r.body, a.member_id from opinion_report r join opinion_report_author a on a.report_id = r.id where r.id = '${e.targetId}'` as never);
    const [rep] = (report as unknown as { rows: { title: string; status: string; body: string; member_id: string }[] }).rows;
    expect(rep).toMatchObject({ status: 'draft', member_id: w.zhang.member.id });
    expect(rep.body).toContain('太平村门牌号缺失快递找不到');
    expect(rep.body).toContain('凤阳村新建的安置房没有门牌号');
    for (const id of [a.id, b.id]) {
      const d = (await staff.get(`/api/requests/${id}`)).json();
      expect(d.escalations).toEqual([expect.objectContaining({ id: e.id, kind: 'opinion_report', targetId: e.targetId })]);
      expect(d.events.at(-1).kind).toBe('escalated');
    }
    // the other side of the link: the report's page lists the concerns it came from
    const fromRequests = (await zhang.get(`/api/opinion-reports/${e.targetId}`)).json().fromRequests as { id: string }[];
    expect(fromRequests.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('staff make a consultation topic candidate, listed by kind', async () => {
    const a = await rowOf(await raise(t, w, { title: '鸣凤镇校门口上下学交通拥堵', categoryId: w.cat('道路交通').id }));
    const res = await staff.post('/api/request-escalations', { kind: 'topic', requestIds: [a.id], title: '城区学校周边交通秩序如何改善' });
    expect(res.statusCode).toBe(200);
    const list = (await leader.get('/api/request-escalations?kind=topic')).json();
    expect(list.items[0]).toMatchObject({ title: '城区学校周边交通秩序如何改善', targetId: null, createdBy: '李秀兰', requests: [{ id: a.id, statusLabel: '待认领' }] });
    expect(list.total).toBe(1);
  });
});

describe('categories and rules', () => {
  it('staff add, rename and route a category; a used one is deactivated, not deleted', async () => {
    const add = await staff.post('/api/request-categories', { name: '养老服务', sort: 85 });
    expect(add.statusCode).toBe(200);
    const created = add.json().find((c: { name: string }) => c.name === '养老服务');
    expect((await staff.post('/api/request-categories', { name: '养老服务' })).statusCode).toBe(409);
    const put = await staff.put(`/api/request-categories/${created.id}`, { name: '养老助残', committeeId: w.jiaoke.id, sort: 85, active: true });
    expect(put.json().find((c: { id: string }) => c.id === created.id)).toMatchObject({ name: '养老助残', committee: { name: '教科卫体委员会' } });
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/request-categories/${created.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(gone.json().map((c: { id: string }) => c.id)).not.toContain(created.id);
    const used = w.cat('农业农村');
    await raise(t, w, { categoryId: used.id, title: '白云村柑橘滞销求助', placeId: w.places.baiyun.id });
    const off = await t.app.inject({ method: 'DELETE', url: `/api/request-categories/${used.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(off.json().find((c: { id: string }) => c.id === used.id)).toMatchObject({ active: false, used: 1 });
    const form = (await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/request-form`)).json();
    expect(form.categories.map((c: { name: string }) => c.name)).not.toContain('农业农村');
    const refused = await pub(t, 'POST', `/api/public/orgs/${w.org.regionCode}/requests`, { categoryId: used.id, placeId: w.places.taiping.id, title: '测试停用分类提交', content: '这是一条用于测试停用分类的诉求内容。', phone: '13900001111', consent: true });
    expect(refused.json().error.message).toBe('所选分类不存在或已停用，请重新选择');
    expect((await zhang.post('/api/request-categories', { name: '委员新增' })).statusCode).toBe(403);
  });

  it('rules are per org: a shorter deadline applies to new concerns; bad values are refused in Chinese', async () => {
    expect((await leader.get('/api/request-rules')).json()).toEqual({ firstAnswerDays: 7, remindBeforeHours: 24, phoneRetentionDays: 180, autoCloseDays: 15, perPhonePerDay: 3, perIpPerDay: 20, challengeAfterPerIp: 3, photoMBPerIpPerDay: 50, followsPerIpPerDay: 30 });
    const bad = await staff.patch('/api/request-rules', { phoneRetentionDays: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('手机号保留天数不能少于 30');
    expect((await staff.patch('/api/request-rules', { remindBeforeHours: 200 })).json().error.message).toBe('提前提醒的时间应短于首次答复期限');
    const ok = await staff.patch('/api/request-rules', { firstAnswerDays: 5 });
    expect(ok.json().firstAnswerDays).toBe(5);
    const r = await rowOf(await raise(t, w));
    expect(r.dueAt.getTime() - r.createdAt.getTime()).toBe(5 * 86_400_000);
    expect((await pub(t, 'GET', `/api/public/orgs/${w.org.regionCode}/request-form`)).json().rules.firstAnswerDays).toBe(5);
    await staff.patch('/api/request-rules', { firstAnswerDays: 7 });
    expect((await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'request.rules'))).length).toBe(2);
  });
});

describe('the list', () => {
  it('loads in a fixed number of queries whatever the page size, overdue ones flagged', async () => {
    for (let i = 0; i < 6; i++) await raise(t, w, { placeId: i % 2 ? w.places.fengyang.id : w.places.baiyun.id });
    const count = async (agent: Agent, url: string) => {
      const before = t.deps.database.queryCount();
      const res = await agent.get(url);
      expect(res.statusCode).toBe(200);
      return { n: t.deps.database.queryCount() - before, items: res.json().items.length };
    };
    const small = await count(staff, '/api/requests?pageSize=2');
    const large = await count(staff, '/api/requests?pageSize=200');
    expect(small.items).toBe(2);
    expect(large.items).toBeGreaterThan(20);
    expect(large.n).toBe(small.n);
    const m1 = await count(zhang, '/api/requests?pageSize=2');
    const m2 = await count(zhang, '/api/requests?pageSize=200');
    expect(m2.n).toBe(m1.n);
    expect(m1.n).toBeLessThanOrEqual(small.n + 1);
    // filters: a township covers its villages; q matches titles
    const inHualin = (await staff.get(`/api/requests?placeId=${w.places.hualin.id}&pageSize=200`)).json();
    expect(inHualin.items.every((i: { place: { fullName: string } }) => i.place.fullName.startsWith('花林寺镇'))).toBe(true);
    expect(inHualin.total).toBeGreaterThan(3);
    expect((await staff.get(`/api/requests?q=${encodeURIComponent('门牌')}`)).json().total).toBe(2);
    expect((await staff.get('/api/requests?overdue=true')).json().total).toBe(0);
    expect((await staff.get('/api/requests?status=bogus')).statusCode).toBe(400);
  });
});
