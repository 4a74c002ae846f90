import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { notification } from '../notification/notification.table.js';
import { insertProposal, MEMBER_PROPOSAL, PROPOSAL_TEXT, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { DECLINE_GROUND_LABELS, DECLINE_GROUNDS } from './proposal.schema.js';

let t: TestApp;
let fx: ProposalFixture;
let zhang: Agent, yang: Agent, li: Agent, chen: Agent;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'rv');
  [zhang, yang, li, chen] = await Promise.all((['zhang', 'yang', 'li', 'chen'] as const).map((w) => fx.as(w)));
});
afterAll(() => t.close());

const review = (id: string, b: Record<string, unknown>, who = () => li) => who().post(`/api/proposals/${id}/review`, b);
const submitted = (title = '关于加快推进农村生活污水治理的建议', signers: ProposalFixtureSigner[] = [fx.zhang.member, fx.yang.member]) => insertProposal(fx, { status: 'submitted', title, signers });
type ProposalFixtureSigner = { id: string };
const messages = async (accountId: string, proposalId: string) =>
  (await t.b.db.select().from(notification).where(and(eq(notification.accountId, accountId), eq(notification.targetId, proposalId)))).map((n) => `${n.kind}:${n.title}`);

describe('filing', () => {
  it('numbers the session’s proposals in order and tells every proposer', async () => {
    const a = await submitted('关于加强城区停车管理的建议');
    const b = await submitted('关于完善乡村公交线路的建议');
    const unconfirmed = await review(a.id, { action: 'file' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.message).toBe('立案前请确认符合“一事一案”');
    const first = (await review(a.id, { action: 'file', oneMatterConfirmed: true, category: '社会建设' })).json();
    expect(first).toMatchObject({ status: 'filed', statusLabel: '已立案待交办', number: 1, numberLabel: '第0001号', category: '社会建设', oneMatterConfirmed: true });
    expect(first.filedAt).not.toBeNull();
    expect(first.timeline.at(-1)).toMatchObject({ label: '立案', actorName: '李秀兰', note: '第0001号' });
    expect(first.can).toMatchObject({ review: false, assign: true });
    const second = (await review(b.id, { action: 'file', oneMatterConfirmed: true })).json();
    expect(second.numberLabel).toBe('第0002号');
    expect(await messages(fx.yang.account.id, a.id)).toEqual(['proposal.file:您的提案《关于加强城区停车管理的建议》已立案，编号第0001号']);
    expect(await messages(fx.zhang.account.id, b.id)).toEqual(['proposal.file:您的提案《关于完善乡村公交线路的建议》已立案，编号第0002号']);
    const again = await review(a.id, { action: 'file', oneMatterConfirmed: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('提案当前为“已立案待交办”，不能立案');
    const [doc] = await rowsOf<{ status: string }>(t.b.db, sql`select status from search_doc where kind = 'proposal' and ref_id = ${a.id}`);
    expect(doc.status).toBe('filed');
    const [audit] = await rowsOf<{ summary: string }>(t.b.db, sql`select summary from audit_log where action = 'proposal.review' and target_id = ${a.id}`);
    expect(audit.summary).toBe('立案：《关于加强城区停车管理的建议》第0001号');
  });
});

describe('declining', () => {
  it('records each of the grounds; "other" needs a reason', async () => {
    for (const ground of DECLINE_GROUNDS.filter((g) => g !== 'other')) {
      const p = await submitted(`关于${ground}的一件建议`);
      const res = (await review(p.id, { action: 'decline', ground })).json();
      expect(res).toMatchObject({ status: 'declined', decision: { ground, groundLabel: DECLINE_GROUND_LABELS[ground] } });
      expect((await messages(fx.zhang.account.id, p.id))[0]).toBe(`proposal.decline:您的提案《关于${ground}的一件建议》不予立案：${DECLINE_GROUND_LABELS[ground]}`);
    }
    const p = await submitted('关于其他情形的一件建议');
    const bare = await review(p.id, { action: 'decline', ground: 'other' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toBe('选择“其他”时，请写明不予立案的理由');
    expect((await zhang.get(`/api/proposals/${p.id}`)).json().status).toBe('submitted');
    const withReason = (await review(p.id, { action: 'decline', ground: 'other', reason: '所提事项已由县人大代表建议办理' })).json();
    expect(withReason.decision).toMatchObject({ ground: 'other', reason: '所提事项已由县人大代表建议办理' });
    expect((await review(p.id, { action: 'decline', ground: 'secret' })).json().error.message).toBe('提案当前为“不予立案”，不能不予立案');
  });
});

describe('converting, returning and merging', () => {
  it('turns a proposal into a submitted opinion report by the same authors, with their consent', async () => {
    const p = await submitted('关于山区留守老人就医难的建议');
    expect((await review(p.id, { action: 'convert', to: 'opinion', reason: '反映情况为主' })).json().error.message).toBe('转办须征得提案者同意，请先确认已征得同意');
    const res = (await review(p.id, { action: 'convert', to: 'opinion', proposerConsent: true, reason: '反映情况为主，转为社情民意信息报送更及时' })).json();
    expect(res).toMatchObject({ status: 'converted', decision: { convertedTo: 'opinion' } });
    const [report] = await rowsOf<{ status: string; title: string; body: string; authors: string[] }>(
      t.b.db,
      sql`select r.status, r.title, r.body, array(select p.name from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id
        where a.report_id = r.id order by a.position) as authors from opinion_report r where r.id = ${res.decision.convertedRefId}`,
    );
    expect(report).toMatchObject({ status: 'submitted', title: '关于山区留守老人就医难的建议', authors: ['张红梅', '杨德明'] });
    expect(report.body).toContain(PROPOSAL_TEXT.suggestion);
    const letter = (await review((await submitted('关于一件小事的建议')).id, { action: 'convert', to: 'letter', proposerConsent: true, reason: '事项单一，以建议函转有关部门' })).json();
    expect(letter.decision).toMatchObject({ convertedTo: 'letter', convertedRefId: null });
  });

  it('returns for revision; the writer edits and submits again', async () => {
    const p = await submitted('关于规范农贸市场管理的建议');
    const back = (await review(p.id, { action: 'return', reason: '建议部分不够具体，请补充可操作的措施' })).json();
    expect(back).toMatchObject({ status: 'returned', statusLabel: '退回修改', decision: { reason: '建议部分不够具体，请补充可操作的措施' } });
    expect(await messages(fx.zhang.account.id, p.id)).toEqual(['proposal.return:您的提案《关于规范农贸市场管理的建议》被退回修改：建议部分不够具体，请补充可操作的措施']);
    const view = (await zhang.get(`/api/proposals/${p.id}`)).json();
    expect(view.can).toMatchObject({ edit: true, submit: true });
    await zhang.put(`/api/proposals/${p.id}`, { ...MEMBER_PROPOSAL, title: '关于规范农贸市场管理的建议', category: '社会建设', ...PROPOSAL_TEXT, suggestion: `${PROPOSAL_TEXT.suggestion}具体由县市场监管局牵头，每季度开展一次联合检查。`, coSignerIds: [fx.yang.member.id] });
    const again = (await zhang.post(`/api/proposals/${p.id}/submit`)).json();
    expect(again.status).toBe('submitted');
    expect(again.signers[1]).toMatchObject({ name: '杨德明', status: 'confirmed' });
    expect(again.timeline.at(-1)).toMatchObject({ label: '提交提案', note: '修改后重新提交' });
  });

  it('merges a proposal into a filed one: its own number, the main one’s title; the main lists it', async () => {
    const main = await insertProposal(fx, { status: 'filed', title: '关于推进城乡供水一体化的建议' });
    const p = await submitted('关于解决山区村组饮水困难的建议', [fx.yang.member]);
    const notFiled = await submitted('关于提高农村自来水普及率的建议');
    expect((await review(p.id, { action: 'merge', intoId: notFiled.id, reason: '同一事项' })).json().error.message).toBe('只能并入已立案（待交办或办理中）的提案');
    expect((await review(p.id, { action: 'merge', intoId: p.id, reason: '同一事项' })).json().error.message).toBe('不能并入提案本身');
    const merged = (await review(p.id, { action: 'merge', intoId: main.id, reason: '与主提案同一事项，并案办理' })).json();
    expect(merged).toMatchObject({ status: 'merged', statusLabel: '已并案', mergedInto: { id: main.id, numberLabel: `第${String(main.number).padStart(4, '0')}号`, title: '关于推进城乡供水一体化的建议' } });
    expect(merged.number).toBe(main.number! + 1);
    const mainView = (await li.get(`/api/proposals/${main.id}`)).json();
    expect(mainView.mergedFrom).toEqual([{ id: p.id, numberLabel: merged.numberLabel, title: '关于解决山区村组饮水困难的建议', proposerName: '杨德明' }]);
    expect(mainView.timeline.at(-1).label).toBe('并入提案');
    expect((await messages(fx.yang.account.id, p.id))[0]).toContain('已与');
    // the merged one's proposer reads it (and the main one, filed) from their account
    expect((await yang.get(`/api/proposals/${p.id}`)).json().mergedInto.id).toBe(main.id);
  });
});

describe('refusals', () => {
  it('only the office reviews; a draft cannot be reviewed; others’ drafts stay unseen', async () => {
    const p = await submitted('关于加强乡村学校寄宿管理的建议');
    const byMember = await review(p.id, { action: 'file', oneMatterConfirmed: true }, () => zhang);
    expect(byMember.statusCode).toBe(403);
    expect((await review(p.id, { action: 'file', oneMatterConfirmed: true }, () => chen)).statusCode).toBe(403);
    const draft = await insertProposal(fx, { status: 'draft', title: '关于还在草拟中的建议' });
    const early = await review(draft.id, { action: 'file', oneMatterConfirmed: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'INVALID_TRANSITION', message: '提案当前为“草稿”，不能立案' });
    expect((await yang.get(`/api/proposals/${draft.id}`)).statusCode).toBe(404);
    expect((await review(p.id, { action: 'shelve' })).json().error.message).toBe('审查方式只能是立案、不予立案、转办、退回修改或并案');
    expect((await zhang.get(`/api/proposals/${p.id}`)).json().status).toBe('submitted');
  });
});
