import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { FIXTURE_NOW, insertProposal, proposalFixture, type ProposalFixture } from './proposal.fixture.js';
import { handling, SIGN_OFF_TEXT } from './proposal.handling.fixture.js';
import { proposalAssignment } from './proposal.table.js';

let t: TestApp;
let fx: ProposalFixture;
let h: ReturnType<typeof handling>;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'ph');
  h = handling(fx);
});
afterAll(() => t.close());

const countOf = async (table: string, proposalId: string) =>
  (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from ${sql.raw(table)} where proposal_id = ${proposalId}`))[0].n;

describe('交办', () => {
  it('assigns a lead and a co-handling unit with deadlines from the rules, and tells the units and the proposer', async () => {
    h.moveTo(FIXTURE_NOW); // Monday 2026-03-02
    const row = await insertProposal(fx, { status: 'filed' });
    const li = await h.as('li');
    const v = h.ok(await li.post(`/api/proposals/${row.id}/assign`, { mode: 'lead', unitIds: [fx.units.housing.unit.id, fx.units.transport.unit.id], note: '请住建局牵头' }));
    expect(v).toMatchObject({ status: 'assigned', handlingMode: 'lead' });
    const lead = h.assignmentOf(v, 'housing');
    const co = h.assignmentOf(v, 'transport');
    // 3 months (reply), 1 month (co input), 6 months at most, 5 working days to object
    expect(lead).toMatchObject({ role: 'lead', roleLabel: '主办', status: 'handling', dueOn: '2026-06-02', maxDueOn: '2026-09-02', objectionDueOn: '2026-03-09', round: 1 });
    expect(co).toMatchObject({ role: 'co', roleLabel: '会办', dueOn: '2026-04-02', maxDueOn: '2026-09-02' });
    expect((await h.messages(row.id, 'proposal.assigned')).map((m) => m.accountId).sort()).toEqual([fx.units.housing.account.id, fx.units.transport.account.id, fx.zhang.account.id].sort());
    const [toLead] = (await h.messages(row.id, 'proposal.assigned')).filter((m) => m.accountId === fx.units.housing.account.id);
    expect(toLead.body).toContain('请于 2026-06-02 前答复提案者');
    expect(await h.events(row.id)).toContain('assigned');
    expect(await h.audits(row.id)).toContain('proposal.assign');
    // the units see it, with what they may do
    const wang = h.ok(await (await h.unitAs('housing')).get(`/api/proposals/${row.id}`));
    expect(wang.can).toMatchObject({ myAssignmentId: lead.id, object: true, requestExtension: true, signOff: false });
    // a second assignment is refused
    const again = await li.post(`/api/proposals/${row.id}/assign`, { mode: 'single', unitIds: [fx.units.finance.unit.id] });
    expect(h.refused(again)).toEqual({ status: 409, message: '提案当前为“办理中”，不能交办' });
  });

  it('refuses a proposal not yet filed, units of nowhere and the wrong number of units, changing nothing', async () => {
    const li = await h.as('li');
    const sub = await insertProposal(fx, { status: 'submitted' });
    expect(h.refused(await li.post(`/api/proposals/${sub.id}/assign`, { mode: 'single', unitIds: [fx.units.housing.unit.id] }))).toEqual({ status: 409, message: '提案尚未立案，不能交办' });
    const filed = await insertProposal(fx, { status: 'filed' });
    const stranger = await li.post(`/api/proposals/${filed.id}/assign`, { mode: 'single', unitIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(h.refused(stranger)).toEqual({ status: 400, message: '承办单位应为本组织在用的承办单位' });
    const two = await li.post(`/api/proposals/${filed.id}/assign`, { mode: 'single', unitIds: [fx.units.housing.unit.id, fx.units.finance.unit.id] });
    expect(h.refused(two)).toMatchObject({ status: 400 });
    expect(two.json().error.details[0].message).toBe('单独办理只能选择一个承办单位');
    const one = await li.post(`/api/proposals/${filed.id}/assign`, { mode: 'separate', unitIds: [fx.units.housing.unit.id] });
    expect(one.json().error.details[0].message).toBe('分别办理至少选择两个承办单位');
    // members and units do not assign
    expect((await (await h.as('zhang')).post(`/api/proposals/${filed.id}/assign`, { mode: 'single', unitIds: [fx.units.housing.unit.id] })).statusCode).toBe(403);
    expect((await (await h.unitAs('housing')).post(`/api/proposals/${filed.id}/assign`, { mode: 'single', unitIds: [fx.units.housing.unit.id] })).statusCode).toBe(403);
    expect((await h.view(filed.id)).status).toBe('filed');
    expect(await countOf('proposal_assignment', filed.id)).toBe(0);
  });
});

describe('who may act on an assignment', () => {
  it('a unit cannot reply before the proposal is assigned', async () => {
    // an assignment row on a proposal still 'filed' (as if half-way): the state machine refuses
    const row = await insertProposal(fx, { status: 'filed' });
    const now = t.clock.now();
    const [a] = await t.b.db
      .insert(proposalAssignment)
      .values({ orgId: fx.org.id, proposalId: row.id, unitId: fx.units.housing.unit.id, role: 'sole', assignedAt: now, objectionDueOn: '2026-12-31', dueOn: '2026-12-31', maxDueOn: '2026-12-31', createdAt: now })
      .returning();
    expect(h.refused(await h.reply('housing', a.id))).toEqual({ status: 409, message: '提案尚未交办，不能办理' });
    expect(h.refused(await h.contact('housing', a.id))).toEqual({ status: 409, message: '提案尚未交办，不能办理' });
    expect(await countOf('proposal_reply', row.id)).toBe(0);
  });

  it('another unit, staff and members cannot act for the unit; an unknown assignment is 404', async () => {
    const x = await h.assigned('single', ['housing']);
    const aid = x.a('housing');
    expect(h.refused(await h.contact('finance', aid))).toEqual({ status: 403, message: '这件提案没有交给贵单位办理' });
    expect(h.refused(await h.reply('finance', aid))).toEqual({ status: 403, message: '这件提案没有交给贵单位办理' });
    expect((await (await h.unitAs('finance')).get(`/api/proposals/${x.id}`)).statusCode).toBe(404);
    expect((await (await h.as('li')).post(`/api/proposal-assignments/${aid}/objection`, { reason: '本单位不负责农村污水治理工作。' })).statusCode).toBe(403);
    expect((await (await h.as('zhang')).post(`/api/proposal-assignments/${aid}/sign-off`, { text: SIGN_OFF_TEXT })).statusCode).toBe(403);
    expect(h.refused(await h.reply('housing', '00000000-0000-4000-8000-000000000009'))).toEqual({ status: 404, message: '交办记录不存在' });
    expect(await countOf('proposal_contact', x.id)).toBe(0);
  });
});

describe('异议', () => {
  it('a unit objects within the window; staff keep it; a second objection is refused', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    const sun = await h.unitAs('transport');
    const short = await sun.post(`/api/proposal-assignments/${x.a('transport')}/objection`, { reason: '不归我局' });
    expect(h.refused(short)).toMatchObject({ status: 400 });
    const v = h.ok(await sun.post(`/api/proposal-assignments/${x.a('transport')}/objection`, { reason: '农村污水治理不属于交通运输部门职责。', suggestedUnit: '县生态环境分局' }));
    expect(h.assignmentOf(v, 'transport')).toMatchObject({ status: 'objected', objection: { reason: '农村污水治理不属于交通运输部门职责。', suggestedUnit: '县生态环境分局', resolution: null } });
    expect((await h.messages(x.id, 'proposal.objection')).map((m) => m.accountId)).toEqual([fx.staff.id]);
    expect(h.refused(await sun.post(`/api/proposal-assignments/${x.a('transport')}/objection`, { reason: '农村污水治理不属于交通运输部门职责。' }))).toEqual({ status: 409, message: '贵单位已提出异议，请等待提案委处理' });
    const li = await h.as('li');
    expect(h.refused(await li.post(`/api/proposal-assignments/${x.a('housing')}/objection/decision`, { action: 'keep', note: '维持' }))).toEqual({ status: 409, message: '该承办单位没有待处理的异议' });
    const kept = h.ok(await li.post(`/api/proposal-assignments/${x.a('transport')}/objection/decision`, { action: 'keep', note: '污水管网沿公路铺设，需交通部门配合。' }));
    expect(h.assignmentOf(kept, 'transport')).toMatchObject({ status: 'handling', objection: { resolution: 'kept', note: '污水管网沿公路铺设，需交通部门配合。' } });
    expect(h.refused(await sun.post(`/api/proposal-assignments/${x.a('transport')}/objection`, { reason: '农村污水治理不属于交通运输部门职责。' }))).toEqual({ status: 409, message: '提案委已维持交办，不能再次提出异议' });
    expect(await h.events(x.id)).toEqual(expect.arrayContaining(['objected', 'objection_kept']));
  });

  it('is refused after the objection window', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('single', ['housing']);
    h.moveTo('2026-03-10T02:00:00Z'); // the window ran to 2026-03-09
    const res = await (await h.unitAs('housing')).post(`/api/proposal-assignments/${x.a('housing')}/objection`, { reason: '本单位不负责农村污水治理工作。' });
    expect(h.refused(res)).toEqual({ status: 409, message: '异议期已过（2026-03-09 前可提出）' });
    expect((await h.view(x.id)).assignments[0].status).toBe('handling');
  });

  it('staff move the part to another unit, with fresh deadlines; the old unit is out of it', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    const old = x.a('transport');
    h.ok(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${old}/objection`, { reason: '农村污水治理不属于交通运输部门职责。' }));
    h.moveTo('2026-03-04T02:00:00Z');
    const li = await h.as('li');
    const taken = await li.post(`/api/proposal-assignments/${old}/objection/decision`, { action: 'reassign', unitId: fx.units.housing.unit.id });
    expect(h.refused(taken)).toEqual({ status: 400, message: '县住房和城乡建设局已在办理本提案' });
    const v = h.ok(await li.post(`/api/proposal-assignments/${old}/objection/decision`, { action: 'reassign', unitId: fx.units.finance.unit.id, note: '改由财政局会办' }));
    expect(v.assignments.find((a) => a.id === old)).toMatchObject({ status: 'withdrawn', objection: { resolution: 'reassigned' } });
    expect(h.assignmentOf(v, 'finance')).toMatchObject({ role: 'co', status: 'handling', dueOn: '2026-04-07', objectionDueOn: '2026-03-11' }); // 04-04…04-06 清明
    expect((await h.messages(x.id, 'proposal.assigned')).map((m) => m.accountId)).toContain(fx.units.finance.account.id);
    expect(h.refused(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${old}/sign-off`, { text: SIGN_OFF_TEXT }))).toEqual({ status: 409, message: '本提案已改由其他单位办理，贵单位无需再办理' });
    expect((await (await h.unitAs('transport')).get(`/api/proposals/${x.id}`)).statusCode).toBe(404);
    expect(await h.events(x.id)).toContain('reassigned');
  });
});

describe('延期', () => {
  it('only the replying unit asks, one at a time, never past 6 months; staff approve or refuse', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    const wang = await h.unitAs('housing');
    const ask = (dueOn: string, who = wang, id = x.a('housing')) => who.post(`/api/proposal-assignments/${id}/extensions`, { dueOn, reason: '涉及跨部门资金统筹，需待县政府常务会议研究。' });
    expect(h.refused(await ask('2026-07-01', await h.unitAs('transport'), x.a('transport')))).toEqual({ status: 403, message: '会办单位不能申请延期，请按期将会办意见送主办单位' });
    expect(h.refused(await ask('2026-09-03'))).toEqual({ status: 400, message: '延期不能超过交办之日起 6 个月（2026-09-02）' });
    expect(h.refused(await ask('2026-05-29'))).toEqual({ status: 400, message: '延期后的期限应晚于现在的期限（2026-06-02）' });
    expect(await countOf('proposal_extension', x.id)).toBe(0);
    const v = h.ok(await ask('2026-09-02'));
    const [e] = h.assignmentOf(v, 'housing').extensions;
    expect(e).toMatchObject({ fromDueOn: '2026-06-02', requestedDueOn: '2026-09-02', status: 'pending' });
    expect(v.can.requestExtension).toBe(false);
    expect(h.refused(await ask('2026-08-03'))).toEqual({ status: 409, message: '已有一份延期申请正在等待提案委审批' });
    const li = await h.as('li');
    expect(h.refused(await li.post(`/api/proposal-extensions/${e.id}/decision`, { approve: false }))).toEqual({ status: 400, message: '不同意延期请写明理由' });
    const refusedV = h.ok(await li.post(`/api/proposal-extensions/${e.id}/decision`, { approve: false, note: '请先按期答复，明确年内可完成的部分。' }));
    expect(h.assignmentOf(refusedV, 'housing')).toMatchObject({ dueOn: '2026-06-02' });
    expect(h.refused(await li.post(`/api/proposal-extensions/${e.id}/decision`, { approve: true }))).toEqual({ status: 409, message: '该延期申请已经处理过了' });
    // a new request, approved
    const again = h.ok(await ask('2026-07-15'));
    const pending = h.assignmentOf(again, 'housing').extensions.find((y) => y.status === 'pending')!;
    const approved = h.ok(await li.post(`/api/proposal-extensions/${pending.id}/decision`, { approve: true }));
    expect(h.assignmentOf(approved, 'housing')).toMatchObject({ dueOn: '2026-07-15' });
    expect((await h.messages(x.id, 'proposal.extension')).filter((m) => m.accountId === fx.units.housing.account.id)).toHaveLength(2);
    expect(await h.events(x.id)).toEqual(expect.arrayContaining(['extension_requested', 'extension_refused', 'extension_approved']));
  });
});

describe('沟通, 会签 and the reply', () => {
  it('the lead replies only after contact and the co unit’s sign-off; the co unit never replies', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    const lead = x.a('housing');
    const co = x.a('transport');
    expect(h.refused(await h.reply('housing', lead))).toEqual({ status: 409, message: '答复前请先登记与提案者的沟通情况' });
    expect(h.refused(await h.contact('housing', lead, [fx.guo.member.id]))).toEqual({ status: 400, message: '沟通的对象应为本提案的提案者' });
    const future = await (await h.unitAs('housing')).post(`/api/proposal-assignments/${lead}/contacts`, { method: 'visit', on: '2026-03-05', memberIds: [fx.zhang.member.id], note: '登门走访提案者，听取意见建议。' });
    expect(h.refused(future)).toEqual({ status: 400, message: '沟通日期不能晚于今天' });
    const before = await (await h.unitAs('housing')).post(`/api/proposal-assignments/${lead}/contacts`, { method: 'phone', on: '2026-03-01', memberIds: [fx.zhang.member.id], note: '电话联系提案者，听取意见建议。' });
    expect(h.refused(before)).toEqual({ status: 400, message: '沟通日期不能早于交办日期（2026-03-02）' });
    const contacted = h.ok(await h.contact('housing', lead));
    expect(h.assignmentOf(contacted, 'housing').contacts).toHaveLength(1);
    const early = await h.reply('housing', lead);
    expect(h.refused(early)).toEqual({ status: 409, message: '会办单位尚未会签：县交通运输局（会办期限 2026-04-02），请待会签后再答复' });
    expect(h.refused(await h.reply('transport', co))).toEqual({ status: 403, message: '会办单位不直接答复提案者，请通过会签将意见送主办单位' });
    expect(await countOf('proposal_reply', x.id)).toBe(0);
    expect(h.refused(await (await h.unitAs('housing')).post(`/api/proposal-assignments/${lead}/sign-off`, { text: SIGN_OFF_TEXT }))).toEqual({ status: 409, message: '只有会办单位需要会签，主办或承办单位请直接答复' });
    const signed = h.ok(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${co}/sign-off`, { text: SIGN_OFF_TEXT }));
    expect(h.assignmentOf(signed, 'transport')).toMatchObject({ status: 'signed_off', signOff: { text: SIGN_OFF_TEXT } });
    expect((await h.messages(x.id, 'proposal.signoff')).map((m) => m.accountId)).toEqual([fx.units.housing.account.id]);
    expect(h.refused(await (await h.unitAs('transport')).post(`/api/proposal-assignments/${co}/sign-off`, { text: SIGN_OFF_TEXT }))).toEqual({ status: 409, message: '贵单位已经会签' });
    // the category must be one of the org's; B needs a follow-up date after today
    expect(h.refused(await h.reply('housing', lead, { category: 'E' }))).toEqual({ status: 400, message: '答复类别应为A、B、C、D之一' });
    expect(h.refused(await h.reply('housing', lead, { category: 'B' }))).toEqual({ status: 400, message: '“所提问题正在解决或列入计划拟解决”类答复请填写再次报告落实情况的日期' });
    expect(h.refused(await h.reply('housing', lead, { category: 'B', followUpOn: '2026-03-02' }))).toEqual({ status: 400, message: '再次报告落实情况的日期应晚于今天' });
    expect(await countOf('proposal_reply', x.id)).toBe(0);
    const v = h.ok(await h.reply('housing', lead, { category: 'B', followUpOn: '2026-12-31' }));
    expect(v).toMatchObject({ status: 'replied', statusLabel: '已答复' });
    expect(v.repliedAt).not.toBeNull();
    expect(v.publication.dueOn).toBe('2026-03-30'); // 20 working days after 2026-03-02
    expect(h.assignmentOf(v, 'housing')).toMatchObject({ status: 'replied', followUpDueOn: '2026-12-31' });
    const [r] = v.replies;
    expect(r).toMatchObject({ category: 'B', followUpOn: '2026-12-31', status: 'sent', round: 1 });
    expect(r.signOffs).toEqual([expect.objectContaining({ text: SIGN_OFF_TEXT, late: false })]);
    expect(h.refused(await h.reply('housing', lead))).toEqual({ status: 409, message: '本提案已经答复' });
    expect((await h.messages(x.id, 'proposal.replied')).map((m) => m.accountId)).toEqual([fx.zhang.account.id]);
    expect(await h.audits(x.id)).toEqual(expect.arrayContaining(['proposal.assign', 'proposal.handle', 'proposal.reply']));
  });

  it('the lead need not wait for a co unit whose input date has passed', async () => {
    h.moveTo(FIXTURE_NOW);
    const x = await h.assigned('lead', ['housing', 'transport']);
    h.moveTo('2026-04-03T02:00:00Z'); // the co input date was 2026-04-02
    h.ok(await h.contact('housing', x.a('housing')));
    const v = h.ok(await h.reply('housing', x.a('housing')));
    expect(v.status).toBe('replied');
    expect(v.replies[0].signOffs).toEqual([expect.objectContaining({ text: null, late: true })]);
  });

  it('without the contact rule, a unit may reply straight away', async () => {
    h.moveTo(FIXTURE_NOW);
    await t.b.db.execute(sql`update org set settings = jsonb_set(settings, '{proposals}', '{"contactRequired": false}') where id = ${fx.org.id}`);
    try {
      const x = await h.assigned('single', ['finance']);
      expect(h.ok(await h.reply('finance', x.a('finance'))).status).toBe('replied');
      expect(await countOf('proposal_contact', x.id)).toBe(0);
    } finally {
      await t.b.db.execute(sql`update org set settings = settings - 'proposals' where id = ${fx.org.id}`);
    }
  });
});
