import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildAccounts, buildOrg, type OrgRow } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { account } from './account.table.js';
import { passwordProblem } from './password.js';

let t: TestApp;
let org: OrgRow;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协' });
  await buildAccount(t.b, { org, loginName: 'yaadmin', displayName: '周立军', roles: ['admin'] });
  admin = await signIn(t.app, 'yaadmin');
});
afterAll(() => t.close());

const login = (identifier: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
const countAccounts = async () => (await t.b.db.select({ id: account.id }).from(account)).length;
const auditCount = async (action: string) => (await t.b.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action))).length;
const detailsOf = (res: LightMyRequestResponse) =>
  Object.fromEntries((res.json().error.details as { path: string; message: string }[]).map((d) => [d.path, d.message]));
const idsOf = (res: LightMyRequestResponse) => (res.json().items as { id: string }[]).map((x) => x.id);

describe('password policy', () => {
  it.each([
    ['Abc#123', '密码至少 8 位'],
    ['abcdefgh1', '至少三类'],
    ['ABCDEFGH1', '至少三类'],
    ['Zhangsan#2026', '不能包含登录名'],
  ])('refuses %s', (pw, msg) => expect(passwordProblem(pw, 'zhangsan')).toContain(msg));
  it.each(['Xieshang@2026', 'abcdefg1!', 'ABCdefgh1'])('accepts %s', (pw) => expect(passwordProblem(pw, 'zhangsan')).toBeNull());
});

describe('creating accounts', () => {
  it('creates an account with a one-time password that must be changed at first sign-in', async () => {
    const res = await admin.post('/api/accounts', { loginName: 'lixiulan', displayName: '李秀兰', phone: '139-7170-0002', roles: ['staff'] });
    expect(res.statusCode).toBe(200);
    const { account: a, temporaryPassword } = res.json();
    expect(a).toMatchObject({ loginName: 'lixiulan', roles: ['staff'], phoneMasked: '139****0002', mustChangePassword: true, status: 'active' });
    expect(passwordProblem(temporaryPassword, 'lixiulan')).toBeNull();
    const staff = await signIn(t.app, 'lixiulan', temporaryPassword);
    expect((await staff.get('/api/auth/me')).json().account.mustChangePassword).toBe(true);
    expect((await staff.get('/api/orgs/current')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses a duplicate login name or phone and creates nothing', async () => {
    const before = await countAccounts();
    const created = await auditCount('account.create');
    const dupName = await admin.post('/api/accounts', { loginName: 'LIXIULAN', displayName: '李秀兰二', roles: ['staff'] });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error).toEqual({ code: 'CONFLICT', message: '登录名已被使用', details: [{ path: 'loginName', message: '登录名已被使用' }] });
    const dupPhone = await admin.post('/api/accounts', { loginName: 'another', displayName: '李秀兰二', phone: '13971700002', roles: ['staff'] });
    expect(dupPhone.statusCode).toBe(409);
    expect(dupPhone.json().error.message).toBe('该手机号已被其他账号使用');
    expect(await countAccounts()).toBe(before);
    expect(await auditCount('account.create')).toBe(created);
  });

  it('refuses bad input field by field, in Chinese, and creates nothing', async () => {
    const before = await countAccounts();
    const all = await admin.post('/api/accounts', { loginName: '张三丰', displayName: '张', phone: '1387260001', roles: [] });
    expect(all.statusCode).toBe(400);
    expect(all.json().error.code).toBe('VALIDATION_FAILED');
    expect(all.json().error.message).toMatch(/^提交的内容有 4 处错误/);
    expect(detailsOf(all)).toEqual({
      loginName: '登录名须以字母开头，只能包含字母、数字、下划线、点和短横线',
      displayName: '姓名至少 2 个字',
      phone: '手机号应为 11 位大陆手机号码',
      roles: '至少选择一个角色',
    });
    const cases: [object, string, string][] = [
      [{ loginName: 'badphone', displayName: '王建国', phone: '23812345678', roles: ['member'] }, 'phone', '手机号应为 11 位大陆手机号码'],
      [{ loginName: 'noroles', displayName: '王建国', roles: [] }, 'roles', '至少选择一个角色'],
      [{ loginName: '王建国', displayName: '王建国', roles: ['member'] }, 'loginName', '登录名须以字母开头，只能包含字母、数字、下划线、点和短横线'],
      [{ loginName: 'twice', displayName: '王建国', roles: ['member', 'member'] }, 'roles', '角色不能重复'],
      [{ displayName: '王建国', roles: ['member'] }, 'loginName', '请填写登录名'],
    ];
    for (const [body, path, message] of cases) {
      const res = await admin.post('/api/accounts', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'VALIDATION_FAILED', message, details: [{ path, message }] });
    }
    expect(await countAccounts()).toBe(before);
  });

  it('answers a double submission with one account and a 409, never a server error', async () => {
    const before = await countAccounts();
    for (let i = 0; i < 6; i++) {
      const body = { loginName: `double${i}`, displayName: '重复提交', roles: ['member'] };
      const codes = (await Promise.all([admin.post('/api/accounts', body), admin.post('/api/accounts', body)])).map((r) => r.statusCode);
      expect(codes.sort()).toEqual([200, 409]);
    }
    expect(await countAccounts()).toBe(before + 6);
  });

  it('is for admins only: other roles get 403 and create nothing', async () => {
    const before = await countAccounts();
    for (const role of ['staff', 'member', 'leader', 'unit'] as const) {
      await buildAccount(t.b, { org, loginName: `only${role}`, roles: [role] });
      const agent = await signIn(t.app, `only${role}`);
      const list = await agent.get('/api/accounts');
      expect(list.statusCode).toBe(403);
      expect(list.json().error).toEqual({ code: 'FORBIDDEN', message: '没有权限执行此操作', details: [] });
      expect((await agent.post('/api/accounts', { loginName: `by${role}`, displayName: '越权新建', roles: ['admin'] })).statusCode).toBe(403);
    }
    expect(await countAccounts()).toBe(before + 4);
  });
});

describe('org isolation', () => {
  it('an admin never sees or changes accounts of another org', async () => {
    const other = await buildOrg(t.b, { name: '中国人民政治协商会议当阳市委员会' });
    const { account: outsider } = await buildAccount(t.b, { org: other, loginName: 'dymember', displayName: '当阳委员' });
    const list = (await admin.get('/api/accounts?pageSize=200')).json();
    expect(list.items.map((a: { loginName: string }) => a.loginName)).not.toContain('dymember');
    expect((await admin.get(`/api/accounts/${outsider.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/accounts/${outsider.id}`, { displayName: '改名' })).statusCode).toBe(404);
    expect((await admin.post(`/api/accounts/${outsider.id}/reset-password`)).statusCode).toBe(404);
    expect((await admin.get(`/api/accounts/${outsider.id}/phone`)).statusCode).toBe(404);
    expect((await admin.put(`/api/accounts/${outsider.id}/roles`, { roles: ['admin'] })).statusCode).toBe(404);
    expect((await admin.post(`/api/accounts/${outsider.id}/disable`)).statusCode).toBe(404);
    expect((await admin.post(`/api/accounts/${outsider.id}/unlock`)).statusCode).toBe(404);
    expect((await admin.get(`/api/accounts?q=dymember`)).json().total).toBe(0);
    const [row] = await t.b.db.select().from(account).where(eq(account.id, outsider.id));
    expect(row).toMatchObject({ displayName: '当阳委员', disabled: false, passwordHash: outsider.passwordHash });
    const me = (await (await signIn(t.app, 'dymember')).get('/api/auth/me')).json();
    expect(me.orgs.map((o: { id: string }) => o.id)).toEqual([other.id]);
    expect(me.currentOrg.roles).toEqual(['member']);
  });

  it('a person in two orgs is one account with roles in both', async () => {
    const city = await buildOrg(t.b, { level: 'city', name: '中国人民政治协商会议宜昌市委员会' });
    await buildAccount(t.b, { org: city, loginName: 'zhanghongmei', displayName: '张红梅', phone: '13872600011' });
    const res = await admin.post('/api/accounts/attach', { identifier: '13872600011', roles: ['member'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ loginName: 'zhanghongmei', roles: ['member'] });
    expect((await t.b.db.select().from(account).where(eq(account.loginName, 'zhanghongmei'))).length).toBe(1);
    const again = await admin.post('/api/accounts/attach', { identifier: 'zhanghongmei', roles: ['member'] });
    expect(again.statusCode).toBe(409);
    const member = await signIn(t.app, 'zhanghongmei');
    const me = (await member.get('/api/auth/me')).json();
    expect(me.orgs.map((o: { name: string }) => o.name).sort()).toEqual([org.name, city.name].sort());
    // the county admin may not reset a password that also opens the city committee
    const id = res.json().id;
    const reset = await admin.post(`/api/accounts/${id}/reset-password`);
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.message).toBe('该账号还在您不管理的组织任职，请由该组织的管理员办理');
    for (const action of ['disable', 'unlock']) expect((await admin.post(`/api/accounts/${id}/${action}`)).statusCode).toBe(403);
    expect((await member.get('/api/auth/me')).statusCode).toBe(200); // still signed in
    expect((await login('zhanghongmei', 'Xieshang@2026')).statusCode).toBe(200); // password unchanged
    expect(await auditCount('account.reset_password')).toBe(0);
    const unknown = await admin.post('/api/accounts/attach', { identifier: 'no-such-person', roles: ['member'] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('没有找到该登录名或手机号对应的账号');
  });

  it('attaches by login name too, and the city admin sees the same person', async () => {
    const city = await buildOrg(t.b, { level: 'city' });
    const { account: p } = await buildAccount(t.b, { org: city, loginName: 'WangJianguo', displayName: '王建国', roles: ['leader'] });
    await buildAccount(t.b, { org: city, loginName: 'cityadmin2', roles: ['admin'] });
    const res = await admin.post('/api/accounts/attach', { identifier: 'wangjianguo', roles: ['staff', 'member'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: p.id, roles: ['member', 'staff'] });
    expect(idsOf(await admin.get('/api/accounts?q=王建国'))).toEqual([p.id]);
    const cityAdmin = await signIn(t.app, 'cityadmin2');
    expect((await cityAdmin.get(`/api/accounts/${p.id}`)).json().roles).toEqual(['leader']);
    const me = (await (await signIn(t.app, 'WangJianguo')).get('/api/auth/me')).json();
    const roles = Object.fromEntries(me.orgs.map((o: { id: string; roles: string[] }) => [o.id, o.roles]));
    expect(roles).toEqual({ [org.id]: ['member', 'staff'], [city.id]: ['leader'] });
  });
});

describe('managing accounts', () => {
  it('shows phones masked; the whole number is audited', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'yangdeming', displayName: '杨德明', phone: '13872600012' });
    const list = (await admin.get('/api/accounts?q=杨德明')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].phoneMasked).toBe('138****0012');
    expect(JSON.stringify(list)).not.toContain('13872600012');
    const full = await admin.get(`/api/accounts/${a.id}/phone`);
    expect(full.json()).toEqual({ phone: '13872600012' });
    const entries = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'account.view_phone'));
    expect(entries.some((e) => e.targetId === a.id && e.actorName === '周立军' && e.orgId === org.id)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('13872600012');
  });

  it('never stores the plain phone number', async () => {
    const res = await admin.post('/api/accounts', { loginName: 'wuchunyan', displayName: '吴春燕', phone: '138 0000 1234', roles: ['member'] });
    expect(res.json().account.phoneMasked).toBe('138****1234');
    const [row] = await t.b.db.select().from(account).where(eq(account.loginName, 'wuchunyan'));
    expect(row.phoneEnc).toBeTruthy();
    expect(row.phoneHash).toBeTruthy();
    for (const stored of [row.phoneEnc!, row.phoneHash!]) {
      expect(stored).not.toContain('13800001234');
      expect(stored).not.toContain('1234');
    }
    const raw = (await t.b.db.execute(sql`select phone_enc, phone_hash from account where login_name = 'wuchunyan'`)) as unknown as { rows: unknown[] };
    expect(raw.rows).toHaveLength(1);
    expect(JSON.stringify(raw.rows)).not.toContain('13800001234');
    // yet the person signs in with it, and the admin finds them by it
    expect((await login('13800001234', res.json().temporaryPassword)).statusCode).toBe(200);
    expect(idsOf(await admin.get('/api/accounts?q=138-0000-1234'))).toEqual([row.id]);
  });

  it('changes name and phone; a phone already in use is refused and nothing changes', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'linguoping', displayName: '林国平', phone: '13900000001' });
    await buildAccount(t.b, { org, loginName: 'luoyufang', displayName: '罗玉芳', phone: '13900000002' });
    const res = await admin.patch(`/api/accounts/${a.id}`, { displayName: '林国平（退休）', phone: '13900000003' });
    expect(res.json()).toMatchObject({ displayName: '林国平（退休）', phoneMasked: '139****0003' });
    const clash = await admin.patch(`/api/accounts/${a.id}`, { displayName: '改不了', phone: '13900000002' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details).toEqual([{ path: 'phone', message: '该手机号已被其他账号使用' }]);
    expect((await admin.get(`/api/accounts/${a.id}`)).json()).toMatchObject({ displayName: '林国平（退休）', phoneMasked: '139****0003' });
    expect((await admin.patch(`/api/accounts/${a.id}`, { phone: null })).json().phoneMasked).toBeNull();
    expect((await admin.get(`/api/accounts/${a.id}/phone`)).json()).toEqual({ phone: null });
  });

  it('sets roles, refuses to drop one’s own admin role, and can take a person out of the org', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'rolechange', displayName: '郭海燕', roles: ['member'] });
    const r = await admin.put(`/api/accounts/${a.id}/roles`, { roles: ['member', 'staff'] });
    expect(r.json().roles).toEqual(['member', 'staff']);
    const self = (await admin.get('/api/auth/me')).json().account.id;
    const own = await admin.put(`/api/accounts/${self}/roles`, { roles: ['staff'] });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('不能取消自己的管理员角色');
    expect((await admin.get('/api/auth/me')).json().currentOrg.roles).toEqual(['admin']);
    const person = await signIn(t.app, 'rolechange');
    expect((await person.get('/api/orgs/current')).statusCode).toBe(200);
    const out = await admin.put(`/api/accounts/${a.id}/roles`, { roles: [] });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toBeNull();
    expect((await admin.get(`/api/accounts/${a.id}`)).statusCode).toBe(404);
    expect(idsOf(await admin.get('/api/accounts?q=rolechange'))).toEqual([]);
    // the person's open session no longer reaches the org
    expect((await person.get('/api/orgs/current')).statusCode).toBe(403);
    expect((await person.get('/api/auth/me')).json().orgs).toEqual([]);
  });

  it('resets a password: the old one stops working and open sessions end', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'forgetful', displayName: '孙莉' });
    const session = await signIn(t.app, 'forgetful');
    const res = await admin.post(`/api/accounts/${a.id}/reset-password`);
    const { temporaryPassword } = res.json();
    expect(res.statusCode).toBe(200);
    expect(passwordProblem(temporaryPassword, 'forgetful')).toBeNull();
    expect(res.json().account.mustChangePassword).toBe(true);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('forgetful', 'Xieshang@2026')).statusCode).toBe(401);
    const fresh = await signIn(t.app, 'forgetful', temporaryPassword);
    expect((await fresh.get('/api/orgs/current')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('disables and enables; unlocks a locked account', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'leaving', displayName: '马晓东' });
    const session = await signIn(t.app, 'leaving');
    expect((await admin.post(`/api/accounts/${a.id}/disable`)).json().status).toBe('disabled');
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect(idsOf(await admin.get('/api/accounts?status=disabled'))).toEqual([a.id]);
    expect(idsOf(await admin.get('/api/accounts?status=active&pageSize=200'))).not.toContain(a.id);
    expect((await login('leaving', 'Xieshang@2026')).json().error.message).toContain('已停用');
    expect((await admin.post(`/api/accounts/${a.id}/enable`)).json().status).toBe('active');
    for (let i = 0; i < 5; i++) await login('leaving', 'Wrong#pass1');
    expect((await admin.get(`/api/accounts/${a.id}`)).json().status).toBe('locked');
    expect((await admin.get('/api/accounts?status=locked')).json().items.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(idsOf(await admin.get('/api/accounts?status=active&pageSize=200'))).not.toContain(a.id);
    expect((await admin.post(`/api/accounts/${a.id}/unlock`)).json().status).toBe('active');
    expect(idsOf(await admin.get('/api/accounts?status=locked'))).not.toContain(a.id);
    expect((await login('leaving', 'Xieshang@2026')).statusCode).toBe(200);
    const self = (await admin.get('/api/auth/me')).json().account.id;
    expect((await admin.post(`/api/accounts/${self}/disable`)).json().error.message).toBe('不能停用自己的账号');
  });
});

describe('the account list', () => {
  it('filters by name, login name, phone and role, and pages', async () => {
    const county = await buildOrg(t.b);
    await buildAccount(t.b, { org: county, loginName: 'countyadmin', roles: ['admin'] });
    await buildAccounts(t.b, county, 45);
    await buildAccount(t.b, { org: county, loginName: 'huangwenhua', displayName: '黄文华', phone: '13971700005', roles: ['leader'] });
    const a = await signIn(t.app, 'countyadmin');
    const p1 = (await a.get('/api/accounts?pageSize=20')).json();
    const p3res = await a.get('/api/accounts?pageSize=20&page=3');
    const p3 = p3res.json();
    expect(p1.total).toBe(47);
    expect(p1.items).toHaveLength(20);
    expect(p3.items).toHaveLength(7);
    expect((await a.get('/api/accounts?page=9')).json()).toMatchObject({ items: [], total: 47 });
    expect((await a.get('/api/accounts?role=leader')).json().items.map((x: { displayName: string }) => x.displayName)).toEqual(['黄文华']);
    expect((await a.get('/api/accounts?q=13971700005')).json().total).toBe(1);
    expect((await a.get('/api/accounts?q=HUANGWEN')).json().total).toBe(1);
    expect((await a.get('/api/accounts?q=13971700005&role=member')).json().total).toBe(0);
    // pages do not overlap and together hold every account once
    const all = [...idsOf(await a.get('/api/accounts?pageSize=20')), ...idsOf(await a.get('/api/accounts?pageSize=20&page=2')), ...idsOf(p3res)];
    expect(new Set(all).size).toBe(47);
  });

  it('searches for what was typed, not for SQL wildcards', async () => {
    const county = await buildOrg(t.b);
    await buildAccount(t.b, { org: county, loginName: 'likeadmin', roles: ['admin'] });
    await buildAccount(t.b, { org: county, loginName: 'wang_li', displayName: '王丽' });
    await buildAccount(t.b, { org: county, loginName: 'wangxli', displayName: '王晓丽' });
    const a = await signIn(t.app, 'likeadmin');
    const names = async (q: string) =>
      ((await a.get(`/api/accounts?q=${encodeURIComponent(q)}`)).json().items as { loginName: string }[]).map((x) => x.loginName);
    expect(await names('wang_l')).toEqual(['wang_li']);
    expect(await names('%')).toEqual([]);
    expect((await names('王%丽'))).toEqual([]);
  });

  it('loads in the same number of queries whatever the page size', async () => {
    const big = await buildOrg(t.b);
    await buildAccount(t.b, { org: big, loginName: 'bigadmin', roles: ['admin'] });
    await buildAccounts(t.b, big, 120);
    const a = await signIn(t.app, 'bigadmin');
    const queries = async (url: string) => {
      const before = t.deps.database.queryCount();
      expect((await a.get(url)).statusCode).toBe(200);
      return t.deps.database.queryCount() - before;
    };
    const small = await queries('/api/accounts?pageSize=5');
    const large = await queries('/api/accounts?pageSize=100');
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(3); // the session, the page (roles included) and the total
    expect(await queries('/api/accounts?pageSize=5&q=王')).toBe(await queries('/api/accounts?pageSize=100&q=王'));
    expect(await queries('/api/accounts?pageSize=5&role=member&status=active')).toBe(await queries('/api/accounts?pageSize=100&role=member&status=active'));
    expect(await queries('/api/accounts?pageSize=100&role=member')).toBeLessThanOrEqual(3);
    const items: { loginName: string; roles: string[] }[] = (await a.get('/api/accounts?pageSize=100')).json().items;
    expect(items.filter((x) => x.loginName !== 'bigadmin').every((x) => x.roles.join() === 'member')).toBe(true);
  });
});
