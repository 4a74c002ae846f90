import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_NOW, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { handling, SIGN_OFF_TEXT } from './proposal.handling.fixture.js';

let t: TestApp;
let fx: ProposalFixture;
let h: ReturnType<typeof handling>;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'pr');
  h = handling(fx);
});
afterAll(() => t.close());

describe('the whole cycle', () => {
  it('lead + co → sign-off → contact → B with follow-up → 不满意 → sent back → second reply → 满意 → closed', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    const lead = x.a('housing');
    h.ok(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${x.a('transport')}/sign-off`, { text: SIGN_OFF_TEXT }));
    h.moveTo('2026-05-06T02:00:00Z');
    h.ok(await h.contact('housing', lead));
    const first = h.ok(await h.reply('housing', lead, { category: 'B', followUpOn: '2026-11-30' }));
    expect(first.status).toBe('replied');
    const replyId = first.replies[0].id;
    // the proposer sees the reply (no contact phone) and may rate it
    const mine = await h.view(x.id, 'zhang');
    expect(mine.can.rateReplyIds).toEqual([replyId]);
    expect(mine.replies[0].contactPhone).toBe('');
    const rated = h.ok(await h.rate('zhang', replyId, 'basic', 'unsatisfied', '管网建设时间过长，希望加快进度。'));
    // every proposer has rated: closed, whatever the rating (staff may still send it back)
    expect(rated.status).toBe('closed');
    expect(rated.replies[0].ratings).toEqual([expect.objectContaining({ handling: 'basic', result: 'unsatisfied', resultLabel: '不满意', onBehalf: false })]);
    const [warn] = await h.messages(x.id, 'proposal.unsatisfied');
    expect(warn).toMatchObject({ accountId: fx.staff.id });
    expect(warn.body).toContain('办理结果不满意');

    // staff send it back: a new deadline after today and within 6 months
    const li = await h.as('li');
    const back = (dueOn: string) => li.post(`/api/proposal-assignments/${lead}/rehandle`, { reason: '提案者对办理结果不满意，请进一步研究', dueOn });
    expect(h.refused(await back('2026-05-06'))).toEqual({ status: 400, message: '新的办理期限应晚于今天' });
    expect(h.refused(await back('2026-11-07'))).toEqual({ status: 400, message: '新的办理期限不能超过 6 个月（2026-11-06）' });
    expect(h.refused(await li.post(`/api/proposal-assignments/${x.a('transport')}/rehandle`, { reason: '请重新办理', dueOn: '2026-06-30' }))).toEqual({ status: 409, message: '会办单位没有单独答复，请退回主办单位重办' });
    expect((await h.view(x.id)).status).toBe('closed');
    const again = h.ok(await back('2026-06-30'));
    expect(again).toMatchObject({ status: 'assigned', repliedAt: null });
    expect(again.publication.dueOn).toBeNull();
    expect(h.assignmentOf(again, 'housing')).toMatchObject({ status: 'handling', round: 2, dueOn: '2026-06-30', followUpDueOn: null });
    // the old reply stays, marked returned with the reason (staff and the unit see it; the proposer only the current one)
    expect(again.replies[0]).toMatchObject({ id: replyId, status: 'returned', returnedReason: '提案者对办理结果不满意，请进一步研究' });
    expect((await h.view(x.id, 'wang')).replies.map((r) => r.status)).toEqual(['returned']);
    expect((await h.view(x.id, 'zhang')).can.rateReplyIds).toEqual([]);
    expect((await h.messages(x.id, 'proposal.rehandle')).map((m) => m.accountId).sort()).toEqual([fx.units.housing.account.id, fx.zhang.account.id].sort());
    expect(await h.events(x.id)).toContain('rehandled');
    // a returned reply is not rated again
    expect(h.refused(await h.rate('zhang', replyId))).toEqual({ status: 409, message: '承办单位尚未答复，还不能测评' });

    // round 2: contact again (the round-1 contact does not count), then reply
    expect(h.refused(await h.reply('housing', lead))).toEqual({ status: 409, message: '答复前请先登记与提案者的沟通情况' });
    h.moveTo('2026-06-10T02:00:00Z');
    h.ok(await h.contact('housing', lead));
    // the form holds the unit's registered phone masked: a masked number is refused; left empty, the registered one goes on the letter
    expect(h.refused(await h.reply('housing', lead, { category: 'A', contactPhone: '071****1001' }))).toEqual({ status: 400, message: '联系电话只能包含数字、空格和“-”（留空则使用本单位登记的电话）' });
    const second = h.ok(await h.reply('housing', lead, { category: 'A', contactPhone: '' }));
    expect(second.status).toBe('replied');
    expect(second.publication.dueOn).toBe('2026-07-09'); // 20 working days after 06-10 (端午 06-19 off)
    const current = second.replies.find((r) => r.status === 'sent')!;
    expect(current).toMatchObject({ round: 2, category: 'A', contactName: '王磊', contactPhone: '071****1001' });
    // both letters' phones are stored encrypted: the one typed in, and the unit's registered one it took
    const stored = await rowsOf<{ id: string; contact_phone_enc: string }>(t.b.db, sql`select id, contact_phone_enc from proposal_reply where proposal_id = ${x.id}`);
    const phoneOf = (id: string) => stored.find((r) => r.id === id)!.contact_phone_enc;
    expect(stored.map((r) => r.contact_phone_enc.replace(/\D/g, '')).filter((d) => d.includes('3811001') || d.includes('7171234'))).toEqual([]);
    expect([t.b.crypto.decrypt(phoneOf(replyId)), t.b.crypto.decrypt(phoneOf(current.id))]).toEqual(['13807171234', '0717-3811001']);
    const revealed = (await (await h.as('li')).get(`/api/proposals/${x.id}/contacts`)).json();
    expect(revealed.replies.map((r: { contactPhone: string }) => r.contactPhone)).toEqual(['13807171234', '0717-3811001']);
    const closed = h.ok(await h.rate('zhang', current.id, 'satisfied'));
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['assigned', 'signed_off', 'contacted', 'replied', 'rated', 'rehandled', 'closed']));
    expect(h.refused(await h.rate('zhang', current.id))).toEqual({ status: 409, message: '您已经测评过这份答复' });
    expect(await h.audits(x.id)).toEqual(expect.arrayContaining(['proposal.check', 'proposal.rate']));
  });
});

describe('staff checks of a reply', () => {
  it('correct its category, keeping the unit’s own', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.replied({}, 'housing', { category: 'B', followUpOn: '2026-09-30' });
    const li = await h.as('li');
    const fix = (category: string) => li.post(`/api/proposal-replies/${x.replyId}/category`, { category, note: '所提问题实际已经解决' });
    expect(h.refused(await fix('E'))).toEqual({ status: 400, message: '答复类别应为A、B、C、D之一' });
    expect(h.refused(await fix('B'))).toEqual({ status: 400, message: '答复类别已经是 B 类' });
    expect(h.refused(await (await h.unitAs('housing')).post(`/api/proposal-replies/${x.replyId}/category`, { category: 'A', note: '改为已解决' })).status).toBe(403);
    const v = h.ok(await fix('A'));
    expect(v.replies[0]).toMatchObject({ category: 'A', categoryCorrectedFrom: 'B', categoryLabel: '所提问题已经解决或采纳' });
    expect(h.assignmentOf(v, 'housing').followUpDueOn).toBeNull();
    const twice = h.ok(await fix('C'));
    expect(twice.replies[0]).toMatchObject({ category: 'C', categoryCorrectedFrom: 'B' });
    expect((await h.messages(x.id, 'proposal.category')).map((m) => m.accountId)).toEqual([fx.units.housing.account.id, fx.units.housing.account.id]);
    // back to a "being solved" category: the date of the unit's next report is needed again
    expect(h.refused(await fix('B'))).toEqual({ status: 400, message: '改为“所提问题正在解决或列入计划拟解决”类，请填写承办单位再次报告落实情况的日期' });
    const back = h.ok(await li.post(`/api/proposal-replies/${x.replyId}/category`, { category: 'B', note: '所提问题尚在解决中', followUpOn: '2026-10-30' }));
    expect(back.replies[0]).toMatchObject({ category: 'B', followUpOn: '2026-10-30' });
    expect(h.assignmentOf(back, 'housing').followUpDueOn).toBe('2026-10-30');
  });

  it('a "being solved" reply is followed by a report once done; other replies have none', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.replied({}, 'housing', { category: 'B', followUpOn: '2026-09-30' });
    const wang = await h.unitAs('housing');
    const report = (id: string) => wang.post(`/api/proposal-assignments/${id}/follow-up`, { body: '12 个村的污水收集管网已全部建成并投入使用。', signer: '王磊' });
    const v = h.ok(await report(x.a('housing')));
    expect(h.assignmentOf(v, 'housing').followUpDoneAt).not.toBeNull();
    expect(v.replies.map((r) => r.kind).sort()).toEqual(['follow_up', 'reply']);
    expect(h.refused(await report(x.a('housing')))).toEqual({ status: 409, message: '贵单位已经报告过落实情况' });
    expect((await h.messages(x.id, 'proposal.followup')).map((m) => m.accountId)).toEqual([fx.zhang.account.id]);
    // still one reply to rate
    expect((await h.view(x.id, 'zhang')).can.rateReplyIds).toEqual([x.replyId]);
    const plain = await h.replied({}, 'finance');
    expect(h.refused(await (await h.unitAs('finance')).post(`/api/proposal-assignments/${plain.a('finance')}/follow-up`, { body: '所提事项已经全部办结，资金已拨付到位，群众反映良好。', signer: '赵刚' }))).toEqual({
      status: 409,
      message: '本提案的答复不需要再次报告落实情况',
    });
  });
});

describe('分办', () => {
  it('each unit replies on its own; the proposal is replied once both have, and closed once both replies are rated', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('separate', ['housing', 'finance']);
    expect(x.v.assignments.map((a) => a.role)).toEqual(['separate', 'separate']);
    h.ok(await h.contact('housing', x.a('housing')));
    // an extension still asked for when the unit replies is withdrawn by the reply
    h.ok(await (await h.unitAs('housing')).post(`/api/proposal-assignments/${x.a('housing')}/extensions`, { dueOn: '2026-07-15', reason: '需待年度预算批复后确定改造资金，申请延期答复。' }));
    const one = h.ok(await h.reply('housing', x.a('housing')));
    expect(h.assignmentOf(one, 'housing').extensions).toEqual([expect.objectContaining({ status: 'refused', decisionNote: '承办单位已答复，延期申请自动撤销' })]);
    expect(one.status).toBe('assigned');
    const [msg] = await h.messages(x.id, 'proposal.replied');
    expect(msg.body).toContain('其他承办单位答复后请一并测评');
    expect(h.refused(await h.rate('zhang', one.replies[0].id))).toEqual({ status: 409, message: '承办单位尚未答复，还不能测评' });
    // staff may send one unit's reply back while the other unit is still handling
    const li = await h.as('li');
    const finance = x.a('finance');
    expect(h.refused(await li.post(`/api/proposal-assignments/${finance}/rehandle`, { reason: '请重新办理', dueOn: '2026-06-30' }))).toEqual({ status: 409, message: '该承办单位尚未答复，不能退回重办' });
    const back = h.ok(await li.post(`/api/proposal-assignments/${x.a('housing')}/rehandle`, { reason: '答复未回应建议中的资金问题，请补充', dueOn: '2026-06-30' }));
    expect(back).toMatchObject({ status: 'assigned' });
    expect(h.assignmentOf(back, 'housing')).toMatchObject({ status: 'handling', round: 2, dueOn: '2026-06-30' });
    h.ok(await h.contact('housing', x.a('housing')));
    h.ok(await h.reply('housing', x.a('housing'), { category: 'B', followUpOn: '2026-05-29' }));
    // it reports its follow-up while the other unit is still handling
    const reported = h.ok(await (await h.unitAs('housing')).post(`/api/proposal-assignments/${x.a('housing')}/follow-up`, { body: '首批改造资金已到位，12 条巷道的坡道已开工建设。', signer: '王磊' }));
    expect(reported.status).toBe('assigned');
    expect(h.assignmentOf(reported, 'housing').followUpDoneAt).not.toBeNull();
    h.ok(await h.contact('finance', x.a('finance')));
    const both = h.ok(await h.reply('finance', x.a('finance'), { category: 'C', signer: '赵刚' }));
    expect(both.status).toBe('replied');
    // the returned first reply stays visible; the current ones are rated
    expect(both.replies.filter((r) => r.status === 'sent' && r.kind === 'reply')).toHaveLength(2);
    expect((await h.view(x.id, 'zhang')).can.rateReplyIds).toHaveLength(2);
    const [r1, r2] = both.replies.filter((r) => r.status === 'sent' && r.kind === 'reply').map((r) => r.id);
    expect(h.ok(await h.rate('zhang', r1, 'satisfied')).status).toBe('replied');
    expect(h.ok(await h.rate('zhang', r2, 'basic')).status).toBe('closed');
  });
});
