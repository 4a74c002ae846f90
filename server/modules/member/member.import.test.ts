import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, buildTerm, type OrgRow } from '../../demo/builders.js';
import { rosterXlsx } from '../../demo/roster.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { makeIdNumber } from './idcard.js';
import { person } from './member.table.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ID = {
  zhang: makeIdNumber('420525', '1972-05-18', 'female', 3),
  wang: makeIdNumber('420525', '1968-11-02', 'male', 5),
  li: makeIdNumber('420525', '1980-03-12', 'male', 7),
};

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { shortName: '远安县政协' });
  const economy = await buildSector(t.b, { org, name: '经济界', sort: 1 });
  await buildSector(t.b, { org, name: '医药卫生界', sort: 2 });
  await buildSector(t.b, { org, name: '民建', sort: 3 });
  await buildCommittee(t.b, { org, name: '提案委员会', shortName: '提案委', sectors: [economy] });
  await buildCommittee(t.b, { org, name: '经济和农业农村委员会', shortName: '经济委', sectors: [economy] });
  await buildTerm(t.b, { org, number: 10 });
  await buildAccount(t.b, { org, loginName: 'liujing', displayName: '刘静', roles: ['staff'] });
  staff = await signIn(t.app, 'liujing');
});
afterAll(() => t.close());

const upload = (file: Buffer, mode: 'check' | 'apply', agent = staff) =>
  t.app.inject({ method: 'POST', url: `/api/members/import?mode=${mode}`, payload: file, headers: { 'content-type': XLSX, 'x-csrf-token': agent.csrf }, cookies: { xs_session: agent.cookie } });
const total = async () => (await staff.get('/api/members?pageSize=1')).json().total as number;

const roster = [
  ['张红梅', '女', '1972.05', '土家族', '经济界', '民建', '提案委、经济委', '常委', '远安县鸣凤镇红梅农业专业合作社理事长', '13872600011', ID.zhang],
  ['王建国', '', '', '汉族', '医药卫生界', '中共党员', '', '委员', '远安县人民医院副院长', '13872600012', ID.wang],
  ['覃桂英', '女', '1975.10', '土家', '民建', '民建', '提案委', '', '远安县鹿苑黄茶有限公司董事长', '', ''],
];

describe('importing the roster from Excel', () => {
  it('offers a template with the office’s headings, the org’s sectors as a drop-down, and instructions', async () => {
    const res = await staff.get('/api/members/import/template');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('委员名单')!.getRow(1).values).toEqual([undefined, '姓名', '性别', '出生年月', '民族', '界别', '党派', '专委会', '职务', '工作单位及职务', '手机号', '身份证号']);
    expect(book.getWorksheet('选项')!.getColumn(1).values.slice(1)).toEqual(['界别', '经济界', '医药卫生界', '民建']);
    expect(book.getWorksheet('填写说明')!.getCell('A3').value).toContain('经济界、医药卫生界、民建');
  });

  it('names row and column of every bad cell, with a suggestion, and imports nothing', async () => {
    const bad = await rosterXlsx([
      roster[0],
      ['李明', '男', '1980.03', '汉族', '经济届', '民盟', '', '委员', '个体工商户', '13872600099', ''],
      ['赵敏', '女', '1983.13', '汉族', '经济界', '共和党', '文史委', '组长', '', '1387260', ID.li],
      ['孙丽', '', '', '', '经济界', '群众', '', '', '', '', ''],
    ]);
    const res = await upload(bad, 'apply');
    expect(res.statusCode).toBe(400);
    const messages = res.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toEqual([
      '第3行 界别“经济届”不存在（是否为“经济界”？）',
      '第4行 性别与身份证号不符',
      '第4行 出生年月“1983.13”应写成 1972.05 这样的年月',
      '第4行 党派“共和党”不是党派名称（应为 中共、民革、民盟、民建、民进、农工党、致公党、九三学社、台盟、无党派 或 群众）',
      '第4行 职务“组长”应为 主席、副主席、秘书长、常委、委员 之一',
      '第4行 手机号应为 11 位大陆手机号码',
      '第5行 新委员须填写性别（或填写身份证号）',
    ]);
    expect(messages[0]).toBe('第3行 界别“经济届”不存在（是否为“经济界”？）');
    expect(res.json().error.message).toBe('第3行 界别“经济届”不存在（是否为“经济界”？）（共 7 处错误）；未导入任何数据，请修改后重新导入');
    expect(await total()).toBe(0);
  });

  it('checks first, then imports; contacts encrypted, committees and the current term set, audited', async () => {
    const file = await rosterXlsx(roster);
    const check = await upload(file, 'check');
    expect(check.json()).toEqual({ rows: 3, created: 3, updated: 0, alsoElsewhere: 0, applied: false, ignoredColumns: [] });
    expect(await total()).toBe(0);
    const res = await upload(file, 'apply');
    expect(res.json()).toMatchObject({ created: 3, updated: 0, applied: true });
    const zhang = (await staff.get('/api/members?q=张红梅')).json().items[0];
    expect(zhang).toMatchObject({ birthDate: '1972-05-18', ethnicity: '土家族', party: '民建', standing: true, position: 'standing', phoneMasked: '138****0011', terms: [{ name: '第十届' }] });
    expect(zhang.committees.map((c: { name: string }) => c.name)).toEqual(['提案委', '经济委']);
    const wang = (await staff.get('/api/members?q=王建国')).json().items[0];
    expect(wang).toMatchObject({ gender: 'male', birthDate: '1968-11-02', party: '中共' });
    const qin = (await staff.get('/api/members?q=覃桂英')).json().items[0];
    expect(qin).toMatchObject({ birthDate: '1975-10-01', ethnicity: '土家族', position: 'member', phoneMasked: null });
    const raw = JSON.stringify(await t.b.db.select().from(person));
    expect(raw).not.toContain('13872600011');
    expect(raw).not.toContain(ID.zhang);
    const [entry] = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'member.import'));
    expect(entry.summary).toBe('导入委员名单：新增 3 人，更新 0 人（共 3 行）');
  });

  it('updates on re-import instead of duplicating, and never erases contacts left empty', async () => {
    const again = await rosterXlsx([
      ['张红梅', '女', '1972.05', '土家族', '经济界', '民建', '提案委', '副主席', '远安县政协副主席', '', ID.zhang],
      ['王建国', '男', '', '汉族', '医药卫生界', '中共', '', '委员', '远安县卫生健康局局长', '13872600012', ''],
      ['覃桂英', '女', '1975.10', '土家族', '民建', '民建', '提案委', '常委', '远安县鹿苑黄茶有限公司董事长', '', ''],
    ]);
    const res = await upload(again, 'apply');
    expect(res.json()).toMatchObject({ created: 0, updated: 3 });
    expect(await total()).toBe(3);
    expect((await t.b.db.select().from(person)).length).toBe(3);
    const zhang = (await staff.get('/api/members?q=张红梅')).json().items[0];
    expect(zhang).toMatchObject({ position: 'vice_chair', workUnit: '远安县政协副主席', phoneMasked: '138****0011', committees: [{ name: '提案委' }] });
    expect((await staff.get('/api/members?q=覃桂英')).json().items[0]).toMatchObject({ standing: true, birthDate: '1975-10-01' });
  });

  it('takes back its own full export unchanged (the round trip an office makes)', async () => {
    const exported = await staff.get('/api/members/export?contacts=full');
    expect(exported.statusCode).toBe(200);
    const res = await upload(exported.rawPayload, 'check');
    expect(res.json()).toMatchObject({ rows: 3, created: 0, updated: 3, ignoredColumns: ['活动小组'] });
    const masked = await staff.get('/api/members/export');
    const back = await upload(masked.rawPayload, 'apply');
    expect(back.json()).toMatchObject({ created: 0, updated: 3 }); // masked numbers: matched by name, numbers kept
    const zhang = (await staff.get('/api/members?q=张红梅')).json().items[0];
    expect(zhang).toMatchObject({ birthDate: '1972-05-18', phoneMasked: '138****0011' }); // 出生年月 1972.05 leaves the day on file
  });

  it('matches a masked row with a new phone by name, and lets the ID number on file decide birth date and gender', async () => {
    const base = ['张红梅', '女', '1972.05', '土家族', '经济界', '民建', '提案委', '副主席', '远安县政协副主席', '13872600066', '420525********3526'];
    const res = await upload(await rosterXlsx([base]), 'apply');
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    expect((await t.b.db.select().from(person).where(sql`${person.name} = '张红梅'`)).length).toBe(1);
    expect((await staff.get('/api/members?q=张红梅')).json().items[0].phoneMasked).toBe('138****0066');
    const wrong = await upload(await rosterXlsx([['张红梅', '男', '1972.07', ...base.slice(3, 10), '']]), 'check');
    expect(wrong.json().error.details.map((d: { message: string }) => d.message)).toEqual(['第2行 出生年月与已登记的身份证号不符', '第2行 性别与已登记的身份证号不符']);
  });

  it('treats a member of another org as the same person', async () => {
    const city = await buildOrg(t.b, { level: 'city', shortName: '宜昌市政协' });
    await buildSector(t.b, { org: city, name: '经济界' });
    await buildAccount(t.b, { org: city, loginName: 'citystaff', roles: ['staff'] });
    const cityStaff = await signIn(t.app, 'citystaff');
    const res = await upload(await rosterXlsx([['张红梅', '', '', '', '经济界', '民建', '', '', '', '', ID.zhang]]), 'apply', cityStaff);
    expect(res.json()).toMatchObject({ created: 1, alsoElsewhere: 1 });
    expect((await t.b.db.select().from(person).where(sql`${person.name} = '张红梅'`)).length).toBe(1);
    expect((await staff.get('/api/members?q=张红梅')).json().items[0].otherOrgs).toEqual(['宜昌市政协']);
  });

  it('never names a person of another org to someone who types their number', async () => {
    const { org: other } = await buildMember(t.b, { name: '省领导甲', idNumber: makeIdNumber('420100', '1960-01-01', 'male', 1), phone: '13800000042' });
    expect(other.id).not.toBe(org.id);
    const res = await upload(await rosterXlsx([['随便写', '男', '', '', '经济界', '群众', '', '', '', '13800000042', '']]), 'check');
    expect(res.json().error.details[0].message).toBe('第2行 姓名“随便写”与已登记的另一人不符（手机号相同），请核对');
    expect(JSON.stringify(res.json())).not.toContain('省领导甲');
    const direct = await staff.post('/api/members', { name: '随便写', gender: 'male', sectorId: (await staff.get('/api/sectors')).json()[0].id, party: '群众', phone: '13800000042' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error.message).toBe('该号码已登记在另一姓名下，请核对姓名和号码');
    expect((await t.b.db.select().from(person).where(sql`${person.name} = '省领导甲'`)).length).toBe(1);
  });

  it('reads rich-text headings and reports formula errors by row and column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('委员名单');
    sheet.addRow([{ richText: [{ text: '*', font: { color: { argb: 'FFFF0000' } } }, { text: '姓名' }] }, '性别', '界别', '党派']);
    sheet.addRow(['李四海', '男', { formula: 'VLOOKUP(A2,X!A:B,2,0)', result: { error: '#N/A' } }, '群众']);
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'check');
    expect(res.json().error.details[0].message).toBe('第2行 界别是公式错误（#N/A），请改为实际内容');
  });

  it('refuses what cannot be told apart or would be wrong', async () => {
    const cases: [(string | number)[][], string][] = [
      [[['张红霞', '', '', '', '经济界', '民建', '', '', '', '', ID.zhang]], '第2行 姓名“张红霞”与已登记的“张红梅”不符（身份证号相同），请核对'],
      [[roster[1], roster[1]], '第3行 与第2行是同一人（身份证号相同），同一人只能出现一次'],
      [[['李强', '男', '', '', '经济界', '群众', '', '', '', '', 420525198003120000]], '第2行 身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写'],
      [[['李强', '男', '', '', '经济界', '群众', '', '', '', '', ID.wang]], '第2行 姓名“李强”与已登记的“王建国”不符（身份证号相同），请核对'],
    ];
    for (const [rows, message] of cases) {
      const res = await upload(await rosterXlsx(rows), 'apply');
      expect(res.json().error.details[0].message).toBe(message);
    }
    const { member: left } = await buildMember(t.b, { org, name: '杨德明', phone: '13872600077' });
    await staff.post(`/api/members/${left.id}/leave`, { leftAt: '2026-10-31', reason: '工作调动' });
    const res = await upload(await rosterXlsx([['杨德明', '男', '', '', '经济界', '群众', '', '', '', '13872600077', '']]), 'apply');
    expect(res.json().error.details[0].message).toBe('第2行 杨德明 已于 2026-10-31 离任，导入不会恢复已离任的委员');
    expect(await total()).toBe(3);
  });

  it('reads a title row above the headings and headings offices write differently', async () => {
    const file = await rosterXlsx([['郭海燕', '女', '1979-06', '汉族', '医药卫生界', '九三学社', '13872600013']], ['姓名', '性别', '出生日期', '民族', '界别', '政治面貌', '手机号码'], '远安县政协第十届委员名单');
    expect((await upload(file, 'check')).json()).toMatchObject({ rows: 1, created: 1 });
  });

  it('accepts only a real .xlsx, and only from staff', async () => {
    const fake = await upload(Buffer.from('姓名,界别\n张三,经济界'), 'check');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toBe('请上传 Excel（.xlsx）文件，可先下载导入模板填写');
    const xls = await upload(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), 'check');
    expect(xls.json().error.message).toBe('这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入');
    await buildAccount(t.b, { org, loginName: 'memberx', roles: ['member'] });
    const member = await signIn(t.app, 'memberx');
    expect((await upload(await rosterXlsx(roster), 'check', member)).statusCode).toBe(403);
    expect((await member.get('/api/members/export?contacts=full')).statusCode).toBe(403);
  });

  it('exports text that Excel would run as a formula with an apostrophe, and takes it back unchanged', async () => {
    const sector = await buildSector(t.b, { org, name: '+86侨界' });
    const workUnit = '=HYPERLINK("http://evil.example/","点击查看详情")';
    const { member } = await buildMember(t.b, { org, sector, name: '@SUM(A1)', workUnit, phone: '13872600088', idNumber: makeIdNumber('420525', '1990-01-02', 'male', 9) });
    const exported = await staff.get(`/api/members/export?contacts=full&sectorId=${sector.id}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const row = book.getWorksheet('委员名单')!.getRow(2);
    expect([row.getCell(1).value, row.getCell(5).value, row.getCell(9).value]).toEqual(["'@SUM(A1)", "'+86侨界", `'${workUnit}`]);
    const back = await upload(exported.rawPayload, 'apply');
    expect(back.json()).toMatchObject({ rows: 1, created: 0, updated: 1 });
    expect((await staff.get(`/api/members/${member.id}`)).json()).toMatchObject({ name: '@SUM(A1)', workUnit, sector: { name: '+86侨界' } });
  });
});
