import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_NOW, insertProposal, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { handling } from './proposal.handling.fixture.js';
import { proposalRating } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let h: ReturnType<typeof handling>;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'pg');
  h = handling(fx);
  h.moveTo(FIXTURE_NOW);
});
afterAll(() => t.close());

const ratingsOf = (replyId: string) => t.b.db.select().from(proposalRating).where(eq(proposalRating.replyId, replyId));
const ONLY = { status: 403, message: '只有提案者本人可以测评' };

describe('who may rate', () => {
  it('only the proposer’s own account: other members, staff, leaders, units and a co-signer who declined are refused', async () => {
    const x = await h.replied({ signers: [fx.zhang.member, { member: fx.yang.member, status: 'declined' }] });
    for (const who of ['guo', 'li', 'chen', 'wang', 'yang'] as const) expect(h.refused(await h.rate(who, x.replyId)), who).toEqual(ONLY);
    expect(await ratingsOf(x.replyId)).toHaveLength(0);
    const bad = await (await h.as('zhang')).post(`/api/proposal-replies/${x.replyId}/rating`, { handling: 'great', result: 'satisfied' });
    expect(h.refused(bad)).toEqual({ status: 400, message: '请评价办理工作：满意、基本满意或不满意' });
    expect(h.refused(await h.rate('zhang', '00000000-0000-4000-8000-000000000009'))).toEqual({ status: 404, message: '答复不存在' });
    expect((await h.view(x.id)).status).toBe('replied');
    // the proposer, once; a satisfied rating tells nobody
    const v = h.ok(await h.rate('zhang', x.replyId, 'satisfied', 'satisfied', '办理及时，答复具体。'));
    expect(v.status).toBe('closed');
    expect(h.refused(await h.rate('zhang', x.replyId))).toEqual({ status: 409, message: '您已经测评过这份答复' });
    expect(await ratingsOf(x.replyId)).toHaveLength(1);
    expect(await h.messages(x.id, 'proposal.unsatisfied')).toHaveLength(0);
  });
});

describe('joint proposals', () => {
  it('every confirmed co-signer rates; the proposal closes after the last', async () => {
    const x = await h.replied({ signers: [fx.zhang.member, fx.yang.member] });
    expect(h.ok(await h.rate('zhang', x.replyId, 'satisfied')).status).toBe('replied');
    expect((await h.view(x.id, 'yang')).can.rateReplyIds).toEqual([x.replyId]);
    const v = h.ok(await h.rate('yang', x.replyId, 'unsatisfied', 'basic', '希望进一步明确完成时间。'));
    expect(v.status).toBe('closed');
    expect(v.timeline.map((e) => e.kind).filter((k) => k === 'rated' || k === 'closed')).toEqual(['rated', 'rated', 'closed']);
    expect((await h.messages(x.id, 'proposal.unsatisfied')).map((m) => m.accountId)).toEqual([fx.staff.id]);
  });

  it('staff record the rating of a member without the app, marked 代录', async () => {
    const x = await h.replied({ signers: [fx.zhang.member, fx.liu] });
    h.ok(await h.rate('zhang', x.replyId));
    const li = await h.as('li');
    const behalf = (memberId: string, comment = '电话征询，刘建国委员口述满意。') => li.post(`/api/proposal-replies/${x.replyId}/rating-on-behalf`, { memberId, handling: 'satisfied', result: 'basic', comment });
    expect(h.refused(await behalf(fx.guo.member.id))).toEqual({ status: 400, message: '该委员不是本提案的提案者' });
    expect(h.refused(await behalf(fx.liu.id, ''))).toMatchObject({ status: 400 });
    expect(h.refused(await (await h.as('zhang')).post(`/api/proposal-replies/${x.replyId}/rating-on-behalf`, { memberId: fx.liu.id, handling: 'satisfied', result: 'basic', comment: '代刘建国委员测评。' }))).toMatchObject({ status: 403 });
    const v = h.ok(await behalf(fx.liu.id));
    expect(v.status).toBe('closed');
    expect(v.replies[0].ratings.find((g) => g.member.id === fx.liu.id)).toMatchObject({ onBehalf: true, resultLabel: '基本满意' });
    expect(v.timeline.map((e) => e.kind)).toContain('rated_on_behalf');
    expect(h.refused(await behalf(fx.liu.id))).toEqual({ status: 409, message: '该委员已经测评过这份答复' });
    const [row] = (await ratingsOf(x.replyId)).filter((g) => g.memberId === fx.liu.id);
    expect(row).toMatchObject({ onBehalf: true, recordedBy: fx.staff.id });
  });
});

describe('merged proposals', () => {
  it('the merged proposal’s proposer rates the main proposal’s reply from their own proposal', async () => {
    const x = await h.assigned('single', ['housing']);
    const merged = await insertProposal(fx, { status: 'merged', mergedIntoId: x.id, signers: [fx.guo.member], title: '关于改善农村人居环境的建议' });
    h.ok(await h.contact('housing', x.a('housing'), [fx.guo.member.id]));
    const main = h.ok(await h.reply('housing', x.a('housing')));
    const replyId = main.replies[0].id;
    expect((await h.messages(merged.id, 'proposal.replied')).map((m) => m.accountId)).toEqual([fx.guo.account.id]);
    expect(h.ok(await h.rate('zhang', replyId)).status).toBe('replied');
    const own = h.ok(await h.rate('guo', replyId, 'basic'));
    expect(own.id).toBe(merged.id);
    expect(own.replies.map((r) => r.id)).toEqual([replyId]);
    const [g] = (await ratingsOf(replyId)).filter((r) => r.memberId === fx.guo.member.id);
    expect(g.proposalId).toBe(merged.id);
    expect((await h.view(x.id)).status).toBe('closed');
    expect(h.refused(await h.rate('yang', replyId))).toEqual(ONLY);
  });
});
