import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, buildTerm, type OrgRow } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { idNumberProblem, makeIdNumber } from './idcard.js';
import { person } from './member.table.js';
import { pinyinOf } from './member.service.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
let economy: { id: string };
let medicine: { id: string };
let tiwei: { id: string };
let term10: { id: string };
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协' });
  economy = await buildSector(t.b, { org, name: '经济界', sort: 10 });
  medicine = await buildSector(t.b, { org, name: '医药卫生界', sort: 11 });
  tiwei = await buildCommittee(t.b, { org, name: '提案委员会', shortName: '提案委', sectors: [economy] });
  term10 = await buildTerm(t.b, { org, number: 10 });
  await buildAccount(t.b, { org, loginName: 'liujing', displayName: '刘静', roles: ['staff'] });
  staff = await signIn(t.app, 'liujing');
});
afterAll(() => t.close());

const ZHANG_ID = makeIdNumber('420525', '1972-05-18', 'female', 3);
const body = (over: Record<string, unknown> = {}) => ({
  name: '张红梅',
  gender: 'female',
  ethnicity: '土家族',
  sectorId: economy.id,
  party: '民建',
  committeeIds: [tiwei.id],
  termIds: [term10.id],
  standing: true,
  position: 'standing',
  workUnit: '远安县鸣凤镇红梅农业合作社理事长',
  phone: '13872600011',
  idNumber: ZHANG_ID,
  ...over,
});

describe('ID numbers and names', () => {
  it('checks the GB 11643 check digit and the birth date', () => {
    expect(idNumberProblem(ZHANG_ID)).toBeNull();
    expect(idNumberProblem(ZHANG_ID.slice(0, 17) + (ZHANG_ID[17] === '1' ? '2' : '1'))).toBe('身份证号校验位不正确');
    expect(idNumberProblem('420525197202300012')).toBe('身份证号中的出生日期无效');
    expect(idNumberProblem('4205251972')).toContain('18 位');
  });
  it('spells names in pinyin with surname readings', () => {
    expect(pinyinOf('张红梅')).toEqual({ namePinyin: 'zhanghongmei', nameInitials: 'zhm' });
    expect(pinyinOf('单雄信').namePinyin).toBe('shanxiongxin');
    expect(pinyinOf('曾国平').nameInitials).toBe('zgp');
  });
});

describe('adding and changing members', () => {
  it('adds a member; birth date and gender come from the ID number; phone masked, the ID number only "on file", both encrypted', async () => {
    const res = await staff.post('/api/members', body());
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({
      name: '张红梅',
      gender: 'female',
      birthYear: 1972,
      birthMonth: '1972-05',
      sector: { name: '经济界' },
      committees: [{ name: '提案委' }],
      terms: [{ name: '第十届' }],
      standing: true,
      phoneMasked: '138****0011',
      idNumberOnFile: true,
    });
    // the day of birth and every digit of the ID number are the reveal's
    expect(m).not.toHaveProperty('birthDate');
    expect(m).not.toHaveProperty('idNumberMasked');
    const [row] = await t.b.db.select().from(person).where(eq(person.id, m.personId));
    expect(row.birthDate).toBe('1972-05-18');
    const raw = JSON.stringify(row);
    expect(raw).not.toContain('13872600011');
    expect(raw).not.toContain(ZHANG_ID);
    const [entry] = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'member.create'));
    expect(entry.after).toMatchObject({ phone: '138****0011', idNumber: '已登记' });
  });

  it('refuses bad input with Chinese messages and adds nothing', async () => {
    const before = (await staff.get('/api/members')).json().total;
    const bad = await staff.post('/api/members', body({ name: '李', idNumber: '420525197205180000', party: '共和党', phone: '12345' }));
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toEqual(expect.arrayContaining(['姓名至少 2 个字', '身份证号校验位不正确', '手机号应为 11 位大陆手机号码']));
    const otherOrgSector = await buildSector(t.b);
    const foreign = await staff.post('/api/members', body({ name: '王海燕', phone: null, idNumber: null, sectorId: otherOrgSector.id }));
    expect(foreign.json().error.details).toEqual([{ path: 'sectorId', message: '所选界别不存在' }]);
    const mismatch = await staff.post('/api/members', body({ name: '王海燕', phone: null, gender: 'male', idNumber: makeIdNumber('420525', '1980-01-02', 'female', 4) }));
    expect(mismatch.json().error.details).toEqual([{ path: 'gender', message: '性别与身份证号不符' }]);
    expect((await staff.get('/api/members')).json().total).toBe(before);
  });

  it('keeps a person in two orgs as one person', async () => {
    const city = await buildOrg(t.b, { level: 'city', shortName: '宜昌市政协' });
    const citySector = await buildSector(t.b, { org: city, name: '经济界' });
    await buildAccount(t.b, { org: city, loginName: 'citystaff', roles: ['staff'] });
    const cityStaff = await signIn(t.app, 'citystaff');
    const res = await cityStaff.post('/api/members', body({ sectorId: citySector.id, committeeIds: [], termIds: [], phone: null }));
    expect(res.statusCode).toBe(200);
    const county = (await staff.get('/api/members?q=张红梅')).json().items[0];
    expect(res.json().personId).toBe(county.personId);
    expect(county.otherOrgs).toEqual(['宜昌市政协']);
    expect(county.phoneMasked).toBe('138****0011'); // the city's entry without a phone erased nothing
    expect((await t.b.db.select().from(person).where(sql`${person.name} = '张红梅'`)).length).toBe(1);
    const again = await staff.post('/api/members', body({ phone: null }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('张红梅 已是本组织委员');
  });

  it('marks a member as left, keeping them, and leaves active lists', async () => {
    const { member: m } = await buildMember(t.b, { org, sector: medicine, name: '杨德明' });
    const res = await staff.post(`/api/members/${m.id}/leave`, { leftAt: '2026-10-31', reason: '工作调动，调离本县' });
    expect(res.json()).toMatchObject({ status: 'left', leftAt: '2026-10-31', leftReason: '工作调动，调离本县' });
    expect((await staff.get('/api/members?q=杨德明')).json().total).toBe(0);
    expect((await staff.get('/api/members?q=杨德明&status=left')).json().total).toBe(1);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/sectors/${medicine.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe('界别“医药卫生界”下有 1 名委员（含已离任），不能删除');
  });
});

describe('who sees what', () => {
  it('shows a member their own membership, and nobody else’s', async () => {
    const { account: acc } = await buildAccount(t.b, { org, loginName: 'selfmember', roles: ['member'] });
    await buildMember(t.b, { org, sector: economy, name: '鲁长江', committees: [tiwei], accountId: acc.id });
    const mine = (await (await signIn(t.app, 'selfmember')).get('/api/members/me')).json();
    expect(mine).toMatchObject({ name: '鲁长江', sector: { name: '经济界' }, committees: [{ name: '提案委' }] });
    expect((await staff.get('/api/members/me')).json()).toBeNull();
  });

  it('members see a colleague’s year of birth, and neither phone nor ID number; units cannot list members', async () => {
    const guoId = makeIdNumber('420525', '1962-07-19', 'female', 62);
    const { member: m } = await buildMember(t.b, { org, sector: economy, name: '郭海燕', gender: 'female', birthDate: '1962-07-19', phone: '13872600013', idNumber: guoId });
    await staff.post(`/api/members/${m.id}/leave`, { leftAt: '2026-10-31', reason: '因病辞去委员职务' });
    await buildAccount(t.b, { org, loginName: 'yangwei', roles: ['member'] });
    const member = await signIn(t.app, 'yangwei');
    const list = (await member.get('/api/members?q=郭海燕&status=left')).json();
    const one = (await member.get(`/api/members/${m.id}`)).json();
    for (const colleague of [list.items[0], one]) {
      expect(colleague).toMatchObject({ name: '郭海燕', gender: 'female', birthYear: 1962, status: 'left', leftAt: '2026-10-31' });
      for (const hidden of ['birthDate', 'birthMonth', 'phoneMasked', 'idNumberOnFile', 'idNumberMasked', 'leftReason']) expect(colleague).not.toHaveProperty(hidden);
    }
    for (const body of [JSON.stringify(list), JSON.stringify(one)]) expect(body).not.toContain('1962-07');
    // staff see the month of birth, the phone masked and that an ID number is on file — never its digits
    const asStaff = (await staff.get(`/api/members/${m.id}`)).json();
    expect(asStaff).toMatchObject({ birthMonth: '1962-07', phoneMasked: '138****0013', idNumberOnFile: true, leftReason: '因病辞去委员职务' });
    expect(asStaff).not.toHaveProperty('birthDate');
    expect((await member.get(`/api/members/${m.id}/contact`)).statusCode).toBe(403);
    await buildAccount(t.b, { org, loginName: 'zhujianju', roles: ['unit'] });
    expect((await (await signIn(t.app, 'zhujianju')).get('/api/members')).statusCode).toBe(403);
    const full = await staff.get(`/api/members/${m.id}/contact`);
    expect(full.json()).toEqual({ phone: '13872600013', idNumber: guoId });
    const [entry] = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'member.view_contact'));
    expect(entry).toMatchObject({ targetId: m.id, actorName: '刘静', orgId: org.id });
  });

  it('never shows another org’s member', async () => {
    const { member: outsider } = await buildMember(t.b, { name: '外县委员' });
    expect((await staff.get(`/api/members/${outsider.id}`)).statusCode).toBe(404);
    expect((await staff.patch(`/api/members/${outsider.id}`, { workUnit: '改' })).statusCode).toBe(404);
    expect((await staff.get(`/api/members/${outsider.id}/contact`)).statusCode).toBe(404);
  });
});

describe('the members list', () => {
  it('finds by name, full pinyin or initials, and filters', async () => {
    const standing = (await staff.get('/api/members?standing=true')).json();
    expect(standing.items.map((m: { name: string }) => m.name)).toContain('张红梅');
    for (const q of ['zhm', 'zhanghong', 'ZHM', '红梅']) {
      expect((await staff.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items.map((m: { name: string }) => m.name)).toContain('张红梅');
    }
    expect((await staff.get(`/api/members?sectorId=${medicine.id}&q=zhm`)).json().total).toBe(0);
    expect((await staff.get(`/api/members?committeeId=${tiwei.id}`)).json().items.map((m: { name: string }) => m.name).sort()).toEqual(['张红梅', '鲁长江'].sort());
    expect((await staff.get(`/api/members?termId=${term10.id}&party=民建`)).json().total).toBe(1);
    const bad = await staff.get('/api/members?sectorId=abc&standing=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('exports the filtered list to .xlsx with the office’s headings, contacts masked, audited', async () => {
    const res = await staff.get(`/api/members/export?committeeId=${tiwei.id}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('委员名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '性别', '出生年月', '民族', '界别', '党派', '专委会', '职务', '工作单位及职务', '手机号', '身份证号', '活动小组']);
    const names = sheet.getColumn(1).values.slice(2);
    expect([...names].sort()).toEqual(['张红梅', '鲁长江'].sort());
    const zhang = sheet.getRow(names.indexOf('张红梅') + 2);
    expect(zhang.getCell(3).value).toBe('1972.05');
    expect(zhang.getCell(10).value).toBe('138****0011');
    expect(zhang.getCell(11).value).toBe('已登记');
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain(ZHANG_ID.slice(6, 14));
    const [entry] = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'member.export'));
    expect(entry.summary).toBe('导出委员名单 2 人');
    // a member's export has the columns a colleague sees: the year of birth, no phone, no ID number
    await buildAccount(t.b, { org, loginName: 'exportingmember', roles: ['member'] });
    const asMember = await (await signIn(t.app, 'exportingmember')).get(`/api/members/export?committeeId=${tiwei.id}`);
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(asMember.rawPayload as unknown as ArrayBuffer);
    const rows = theirs.getWorksheet('委员名单')!;
    expect(rows.getRow(1).values).toEqual([undefined, '姓名', '性别', '出生年月', '民族', '界别', '党派', '专委会', '职务', '工作单位及职务', '活动小组']);
    expect(rows.getRow([...rows.getColumn(1).values.slice(2)].indexOf('张红梅') + 2).getCell(3).value).toBe('1972');
  });

  it('loads in the same number of queries whatever the page size', async () => {
    for (let i = 0; i < 60; i++) await buildMember(t.b, { org, sector: i % 2 ? economy : medicine, committees: i % 3 ? [tiwei] : [], terms: [term10] });
    const count = async (url: string) => {
      const before = t.deps.database.queryCount();
      const res = await staff.get(url);
      expect(res.statusCode).toBe(200);
      return { n: t.deps.database.queryCount() - before, items: res.json().items.length };
    };
    const small = await count('/api/members?pageSize=5');
    const large = await count('/api/members?pageSize=100');
    expect(small.items).toBe(5);
    expect(large.items).toBeGreaterThan(60);
    expect(large.n).toBe(small.n);
    expect(small.n).toBeLessThanOrEqual(3);
  });
});
