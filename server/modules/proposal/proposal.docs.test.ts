import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { buildAccount, buildMember } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { insertProposal, PROPOSAL_TEXT, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { proposal, proposalAssignment, proposalRating, proposalReply, proposalSigner } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let li: Agent, chen: Agent, zhang: Agent, yang: Agent, guo: Agent, zhou: Agent, wang: Agent, sun: Agent, zhao: Agent;
const p: Record<string, { id: string }> = {};
let replyId: string;

const TITLES = {
  joint: '关于加快推进农村生活污水治理的建议',
  party: '关于支持鹿苑黄茶品牌建设的建议',
  declined: '关于解决本人子女就业问题的建议',
  pending: '关于完善农村客运班线的建议',
  merged: '关于改善乡镇污水处理设施运维的建议',
};
const REPLY_BODY =
  '您提出的《关于加快推进农村生活污水治理的建议》收悉。经认真研究，现答复如下：\n一是统筹整合涉农资金，今年计划完成 20 个村的污水收集管网建设。\n二是明确乡镇和村组管护责任，建立运维经费保障机制，2026 年底前完成。';

/** A unit's part in a proposal, straight into the table. */
async function assign(proposalId: string, unitId: string, role: 'sole' | 'lead' | 'co' | 'separate', o: { status?: 'handling' | 'replied' | 'signed_off' | 'withdrawn'; dueOn?: string } = {}) {
  const now = t.clock.now();
  const [a] = await t.b.db
    .insert(proposalAssignment)
    .values({ orgId: fx.org.id, proposalId, unitId, role, status: o.status ?? 'handling', assignedAt: now, objectionDueOn: '2026-03-09', dueOn: o.dueOn ?? '2026-06-02', maxDueOn: '2026-09-02', createdAt: now })
    .returning();
  return a;
}

/** Reads the text runs of a .docx, joined by '|'. */
async function docText(res: { rawPayload: Buffer }) {
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
}
async function sheetRows(res: { rawPayload: Buffer }) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: (string | number)[][] = [];
  sheet.eachRow((r) => rows.push((r.values as (string | number)[]).slice(1)));
  return { name: sheet.name, rows };
}

beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'pd');
  const { account } = await buildAccount(t.b, { org: fx.org, roles: ['member'], loginName: 'pdzhou', displayName: '周敏' });
  await buildMember(t.b, { org: fx.org, sector: fx.sectors.economy, name: '周敏', accountId: account.id });
  const { housing, finance } = fx.units;
  p.joint = await insertProposal(fx, {
    status: 'replied',
    number: 12,
    title: TITLES.joint,
    signers: [fx.zhang.member, { member: fx.yang.member, status: 'confirmed' }, { member: fx.guo.member, status: 'declined' }],
  });
  await t.b.db.update(proposal).set({ suggestedUnitIds: [housing.unit.id], handlingMode: 'lead' }).where(eq(proposal.id, p.joint.id));
  const lead = await assign(p.joint.id, housing.unit.id, 'lead', { status: 'replied' });
  await assign(p.joint.id, finance.unit.id, 'co', { status: 'signed_off' });
  const [r] = await t.b.db
    .insert(proposalReply)
    .values({
      orgId: fx.org.id,
      proposalId: p.joint.id,
      assignmentId: lead.id,
      unitId: housing.unit.id,
      round: 1,
      letterNo: '远住建函〔2026〕12号',
      body: REPLY_BODY,
      category: 'B',
      followUpOn: '2026-12-31',
      signer: '王磊',
      contactName: '李明',
      contactPhoneEnc: t.b.crypto.encrypt('0717-3812345'),
      sentAt: t.clock.now(),
    })
    .returning();
  replyId = r.id;
  p.merged = await insertProposal(fx, { status: 'merged', number: 15, title: TITLES.merged, signers: [fx.guo.member], mergedIntoId: p.joint.id });
  await t.b.db.insert(proposalRating).values([
    { orgId: fx.org.id, proposalId: p.joint.id, replyId, memberId: fx.zhang.member.id, handling: 'satisfied', result: 'satisfied', at: t.clock.now() },
    { orgId: fx.org.id, proposalId: p.joint.id, replyId, memberId: fx.yang.member.id, handling: 'basic', result: 'unsatisfied', at: t.clock.now() },
  ]);
  p.party = await insertProposal(fx, { status: 'assigned', number: 3, title: TITLES.party, category: '经济建设', proposerKind: 'party', bodyName: '民盟远安县基层委员会', mayPublish: false });
  await t.b.db.update(proposal).set({ sealNoted: true, keyStatus: 'approved' }).where(eq(proposal.id, p.party.id));
  await assign(p.party.id, fx.units.transport.unit.id, 'sole', { dueOn: '2026-02-27' });
  p.declined = await insertProposal(fx, { status: 'declined', title: TITLES.declined });
  await t.b.db.update(proposal).set({ declineGround: 'personal' }).where(eq(proposal.id, p.declined.id));
  t.clock.advance(60_000);
  p.pending = await insertProposal(fx, { status: 'submitted', title: TITLES.pending });
  [li, chen, zhang, yang, guo, wang, sun, zhao] = await Promise.all((['li', 'chen', 'zhang', 'yang', 'guo', 'wang', 'sun', 'zhao'] as const).map((w) => fx.as(w)));
  zhou = await signIn(t.app, 'pdzhou');
});
afterAll(() => t.close());

describe('the printed proposal (提案)', () => {
  it('prints the header, number, form, sections, review and assignment', async () => {
    const res = await zhang.get(`/api/proposals/${p.joint.id}/document.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('十届五次会议第0012号提案.docx'));
    const text = await docText(res);
    for (const s of [
      '政协远安县第十届委员会第五次会议',
      '第0012号',
      TITLES.joint,
      '张红梅、杨德明',
      '经济界、农业界',
      '张红梅：远安县鸣凤镇卫生院；杨德明：远安县花林寺镇农业服务中心',
      '生态文明建设',
      '县住房和城乡建设局',
      '同意公开',
      '一、情况',
      PROPOSAL_TEXT.situation,
      '二、分析',
      '三、建议',
      PROPOSAL_TEXT.suggestion,
      '2026年3月2日',
      '立案（2026年3月2日）',
      '主办：县住房和城乡建设局；会办：县财政局',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('郭海燕'); // declined to co-sign: not a proposer
  });

  it('prints a collective proposal with the seal, and a declined one with its ground', async () => {
    const party = await docText(await li.get(`/api/proposals/${p.party.id}/document.docx`));
    expect(party).toContain('民盟远安县基层委员会（盖章）');
    expect(party).toContain('召集人：张红梅');
    expect(party).toContain('不同意公开');
    expect(party).toContain('承办：县交通运输局');
    const declined = await docText(await li.get(`/api/proposals/${p.declined.id}/document.docx`));
    expect(declined).toContain('不予立案：为个人或少数人解决个人问题的');
  });

  it('is 404 for whoever cannot see the proposal', async () => {
    expect((await guo.get(`/api/proposals/${p.pending.id}/document.docx`)).statusCode).toBe(404);
    expect((await zhang.get(`/api/proposals/${p.pending.id}/document.docx`)).statusCode).toBe(200);
    const unit = await sun.get(`/api/proposals/${p.joint.id}/document.docx`);
    expect(unit.statusCode).toBe(404);
    expect(unit.json().error.message).toBe('提案不存在或无权查看');
    expect((await zhao.get(`/api/proposals/${p.joint.id}/document.docx`)).statusCode).toBe(200);
    expect((await li.get('/api/proposals/00000000-0000-4000-8000-000000000000/document.docx')).statusCode).toBe(404);
  });
});

describe('the reply letter (复文)', () => {
  it('prints the unit heading, number, title, category mark, salutation, body and sign-off', async () => {
    const res = await zhang.get(`/api/proposal-replies/${replyId}/letter.docx`);
    expect(res.statusCode).toBe(200);
    const text = await docText(res);
    for (const s of [
      '（B类）',
      '县住房和城乡建设局',
      '远住建函〔2026〕12号',
      '关于县政协十届五次会议第0012号、第0015号提案的答复',
      '张红梅、杨德明、郭海燕委员：',
      '一是统筹整合涉农资金，今年计划完成 20 个村的污水收集管网建设。',
      '会办单位：县财政局',
      '2026年3月2日',
      '签发人：王磊',
      '联系人：李明',
      '联系电话：0717-3812345',
      '抄送：县政协提案委员会、县人民政府督查室。',
    ])
      expect(text).toContain(s);
  });

  it('is for the proposers (also of a merged proposal), the unit that wrote it, staff and leaders only; each download audited', async () => {
    const audited = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from audit_log where action = 'proposal.letter' and target_id = ${replyId}`))[0].n;
    const before = await audited();
    for (const a of [zhang, guo, wang, li, chen]) expect((await a.get(`/api/proposal-replies/${replyId}/letter.docx`)).statusCode).toBe(200);
    // the letter prints its contact person's whole phone for the proposers
    expect(await audited()).toBe(before + 5);
    for (const a of [zhou, sun, zhao]) {
      const res = await a.get(`/api/proposal-replies/${replyId}/letter.docx`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('答复不存在或无权查看');
    }
  });

  it('prints a follow-up report under its own title, without a category mark', async () => {
    const [lead] = await t.b.db.select().from(proposalAssignment).where(and(eq(proposalAssignment.proposalId, p.joint.id), eq(proposalAssignment.role, 'lead')));
    const [f] = await t.b.db
      .insert(proposalReply)
      .values({ orgId: fx.org.id, proposalId: p.joint.id, assignmentId: lead.id, unitId: lead.unitId, round: 1, kind: 'follow_up', body: '年底前已完成 20 个村的管网建设，运维经费纳入县级预算。', signer: '王磊', sentAt: t.clock.now() })
      .returning();
    const text = await docText(await yang.get(`/api/proposal-replies/${f.id}/letter.docx`));
    expect(text).toContain('关于县政协十届五次会议第0012号、第0015号提案办理落实情况的报告');
    expect(text).not.toContain('（B类）');
    expect(text).not.toContain('联系人');
  });

  it('is hidden from the proposers once staff send it back', async () => {
    await t.b.db.update(proposalReply).set({ status: 'returned' }).where(eq(proposalReply.id, replyId));
    expect((await zhang.get(`/api/proposal-replies/${replyId}/letter.docx`)).statusCode).toBe(404);
    expect((await wang.get(`/api/proposal-replies/${replyId}/letter.docx`)).statusCode).toBe(200);
    await t.b.db.update(proposalReply).set({ status: 'sent' }).where(eq(proposalReply.id, replyId));
  });
});

describe('the session compilation (提案汇编)', () => {
  it('has a cover, contents and the filed proposals in number order', async () => {
    const res = await li.get(`/api/proposal-sessions/${fx.session.id}/compilation.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('十届五次会议提案汇编.docx'));
    const text = await docText(res);
    for (const s of ['政协远安县第十届委员会第五次会议', '提 案 汇 编', '远安县政协pd提案委员会', '提案号', '民盟远安县基层委员会', '（本案并入第0012号提案办理）', PROPOSAL_TEXT.analysis]) expect(text).toContain(s);
    expect(text).not.toContain(TITLES.declined);
    expect(text).not.toContain(TITLES.pending);
    const contents = text.slice(text.lastIndexOf('提案人|'));
    expect(contents.indexOf(TITLES.party)).toBeLessThan(contents.indexOf(TITLES.joint));
    expect(contents.indexOf(TITLES.joint)).toBeLessThan(contents.indexOf(TITLES.merged));
    expect(text.lastIndexOf(TITLES.party)).toBeLessThan(text.lastIndexOf(TITLES.joint));
  });

  it('holds only what the reader may see, and 404 for another org’s session', async () => {
    const text = await docText(await wang.get(`/api/proposal-sessions/${fx.session.id}/compilation.docx`));
    expect(text).toContain(TITLES.joint);
    expect(text).not.toContain(TITLES.party);
    const res = await li.get('/api/proposal-sessions/00000000-0000-4000-8000-000000000000/compilation.docx');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('会议不存在');
  });
});

describe('the Excel list', () => {
  it('lists the filtered proposals with state, units, reply and ratings; audited', async () => {
    const res = await li.get(`/api/proposals/export.xlsx?sessionId=${fx.session.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('提案列表_2026-03-02.xlsx'));
    const { rows } = await sheetRows(res);
    expect(rows[0]).toEqual(['提案号', '会议', '案由', '类型', '提案人', '界别', '分类', '状态', '承办单位', '办理期限', '是否超期', '答复日期', '答复类别', '满意', '基本满意', '不满意', '重点提案', '公开']);
    expect(rows.slice(1).map((r) => r[2])).toEqual([TITLES.party, TITLES.joint, TITLES.merged, TITLES.declined, TITLES.pending]);
    const joint = rows.find((r) => r[2] === TITLES.joint)!;
    expect(joint).toEqual(['第0012号', '十届五次会议', TITLES.joint, '大会', '张红梅、杨德明', expect.stringMatching(/^(经济界、农业界|农业界、经济界)$/), '生态文明建设', '已答复',
      '主办：县住房和城乡建设局；会办：县财政局', '2026-06-02', '否', '2026-03-02', 'B', 1, 0, 1, '', '待定']);
    const party = rows.find((r) => r[2] === TITLES.party)!;
    expect(party).toEqual(['第0003号', '十届五次会议', TITLES.party, '大会', '民盟远安县基层委员会', '', '经济建设', '办理中', '承办：县交通运输局', '2026-02-27', '是', '', '', 0, 0, 0, '重点提案', '提案者不同意公开']);
    const audit = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'proposal.export'), eq(auditLog.orgId, fx.org.id)));
    expect(audit.map((a) => a.summary)).toContain('导出提案列表 5 件');
  });

  it('follows the list filters and scopes', async () => {
    const overdue = await sheetRows(await chen.get('/api/proposals/export.xlsx?scope=overdue'));
    expect(overdue.rows.slice(1).map((r) => r[2])).toEqual([TITLES.party]);
    const byNumber = await sheetRows(await li.get(`/api/proposals/export.xlsx?q=${encodeURIComponent('第0012号')}`));
    expect(byNumber.rows.slice(1).map((r) => r[2])).toEqual([TITLES.joint]);
    const byUnit = await sheetRows(await li.get(`/api/proposals/export.xlsx?unitId=${fx.units.housing.unit.id}`));
    expect(byUnit.rows.slice(1).map((r) => r[2])).toEqual([TITLES.joint, TITLES.merged]);
    const review = await sheetRows(await li.get('/api/proposals/export.xlsx?scope=review&status=submitted'));
    expect(review.rows.slice(1).map((r) => r[2])).toEqual([TITLES.pending]);
  });

  it('refuses members, units and scopes that are not the viewer’s, with a clear message', async () => {
    expect((await zhang.get('/api/proposals/export.xlsx')).statusCode).toBe(403);
    expect((await wang.get('/api/proposals/export.xlsx')).statusCode).toBe(403);
    const mine = await li.get('/api/proposals/export.xlsx?scope=mine');
    expect(mine.statusCode).toBe(403);
    expect(mine.json().error.message).toBe('只有本组织的在任委员可以查看自己的提案');
    const bad = await li.get('/api/proposals/export.xlsx?status=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('未知的状态');
  });

  it('writes the yearly unit report with categories, rates and a total; audited', async () => {
    const res = await chen.get('/api/proposal-unit-report.xlsx?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年承办单位提案办理情况.xlsx'));
    const { name, rows } = await sheetRows(res);
    expect(name).toBe('2026年承办单位办理情况');
    expect(rows[0]).toEqual(['承办单位', '交办件数', '主办（单独办理、分办）', '会办', '已答复', '按期答复', '按期答复率', '超期未答复', '异议', '获批延期', 'A类', 'B类', 'C类', 'D类', '满意', '基本满意', '不满意', '满意率', '退回重办']);
    const row = (unit: string) => rows.find((r) => r[0] === unit);
    expect(row('县住房和城乡建设局')).toEqual(['县住房和城乡建设局', 1, 1, 0, 1, 1, '100%', 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, '50%', 0]);
    expect(row('县交通运输局')).toEqual(['县交通运输局', 1, 1, 0, 0, 0, '0%', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', 0]);
    expect(row('合计')).toEqual(['合计', 3, 2, 1, 1, 1, '50%', 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, '50%', 0]);
    expect(rows.at(-1)![0]).toBe('合计');
    const audit = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'proposal.export'), eq(auditLog.orgId, fx.org.id)));
    expect(audit.map((a) => a.summary).some((s) => s.startsWith('导出2026年承办单位提案办理情况'))).toBe(true);
    expect((await zhang.get('/api/proposal-unit-report.xlsx?year=2026')).statusCode).toBe(403);
    const bad = await li.get('/api/proposal-unit-report.xlsx?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('年份应为数字');
  });

  it('writes 2,000 rows of one session', async () => {
    const now = t.clock.now();
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      orgId: fx.org.id,
      termId: fx.term.id,
      sessionId: fx.session4.id,
      kind: i % 3 ? 'plenary' : 'interim',
      number: i + 1,
      title: `关于第${i + 1}项民生实事的建议`,
      situation: PROPOSAL_TEXT.situation,
      analysis: PROPOSAL_TEXT.analysis,
      suggestion: PROPOSAL_TEXT.suggestion,
      category: '社会建设',
      status: 'filed',
      submittedAt: now,
      reviewedAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    const ids: { id: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) ids.push(...(await t.b.db.insert(proposal).values(rows.slice(i, i + 500)).returning({ id: proposal.id })));
    await t.b.db.insert(proposalSigner).values(ids.map(({ id }) => ({ orgId: fx.org.id, proposalId: id, memberId: fx.yang.member.id, position: 0, status: 'confirmed', invitedAt: now })));
    const res = await li.get(`/api/proposals/export.xlsx?sessionId=${fx.session4.id}`);
    expect(res.statusCode).toBe(200);
    const { rows: out } = await sheetRows(res);
    expect(out).toHaveLength(2001);
    expect(out[1].slice(0, 5)).toEqual(['第0001号', '十届四次会议', '关于第1项民生实事的建议', '平时', '杨德明']);
    expect(out[2000][0]).toBe('第2000号');
  });
});
