import { eq } from 'drizzle-orm';
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
    const before = (await t.b.db.select().from(account)).length;
    const dupName = await admin.post('/api/accounts', { loginName: 'LIXIULAN', displayName: '李秀兰二', roles: ['staff'] });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.details).toEqual([{ path: 'loginName', message: '登录名已被使用' }]);
    const dupPhone = await admin.post('/api/accounts', { loginName: 'another', displayName: '李秀兰二', phone: '13971700002', roles: ['staff'] });
    expect(dupPhone.statusCode).toBe(409);
    expect(dupPhone.json().error.message).toBe('该手机号已被其他账号使用');
    const noRole = await admin.post('/api/accounts', { loginName: 'norole', displayName: '无角色', roles: [] });
    expect(noRole.json().error.details[0]).toEqual({ path: 'roles', message: '至少选择一个角色' });
    expect((await t.b.db.select().from(account)).length).toBe(before);
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
    const [row] = await t.b.db.select().from(account).where(eq(account.id, outsider.id));
    expect(row.displayName).toBe('当阳委员');
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
    expect(reset.json().error.message).toContain('您不管理的组织');
    const unknown = await admin.post('/api/accounts/attach', { identifier: 'no-such-person', roles: ['member'] });
    expect(unknown.statusCode).toBe(404);
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
  });

  it('sets roles, refuses to drop one’s own admin role, and can take a person out of the org', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'rolechange', displayName: '郭海燕', roles: ['member'] });
    const r = await admin.put(`/api/accounts/${a.id}/roles`, { roles: ['member', 'staff'] });
    expect(r.json().roles).toEqual(['member', 'staff']);
    const self = (await admin.get('/api/auth/me')).json().account.id;
    const own = await admin.put(`/api/accounts/${self}/roles`, { roles: ['staff'] });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('不能取消自己的管理员角色');
    const out = await admin.put(`/api/accounts/${a.id}/roles`, { roles: [] });
    expect(out.statusCode).toBe(200);
    expect((await admin.get(`/api/accounts/${a.id}`)).statusCode).toBe(404);
  });

  it('resets a password: the old one stops working and open sessions end', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'forgetful', displayName: '孙莉' });
    const session = await signIn(t.app, 'forgetful');
    const res = await admin.post(`/api/accounts/${a.id}/reset-password`);
    const { temporaryPassword } = res.json();
    expect(res.json().account.mustChangePassword).toBe(true);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('forgetful', 'Xieshang@2026')).statusCode).toBe(401);
    expect((await login('forgetful', temporaryPassword)).statusCode).toBe(200);
  });

  it('disables and enables; unlocks a locked account', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'leaving', displayName: '马晓东' });
    const session = await signIn(t.app, 'leaving');
    expect((await admin.post(`/api/accounts/${a.id}/disable`)).json().status).toBe('disabled');
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('leaving', 'Xieshang@2026')).json().error.message).toContain('已停用');
    expect((await admin.post(`/api/accounts/${a.id}/enable`)).json().status).toBe('active');
    for (let i = 0; i < 5; i++) await login('leaving', 'Wrong#pass1');
    expect((await admin.get(`/api/accounts/${a.id}`)).json().status).toBe('locked');
    expect((await admin.get('/api/accounts?status=locked')).json().items.map((x: { id: string }) => x.id)).toContain(a.id);
    expect((await admin.post(`/api/accounts/${a.id}/unlock`)).json().status).toBe('active');
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
    const p3 = (await a.get('/api/accounts?pageSize=20&page=3')).json();
    expect(p1.total).toBe(47);
    expect(p1.items).toHaveLength(20);
    expect(p3.items).toHaveLength(7);
    expect((await a.get('/api/accounts?page=9')).json()).toMatchObject({ items: [], total: 47 });
    expect((await a.get('/api/accounts?role=leader')).json().items.map((x: { displayName: string }) => x.displayName)).toEqual(['黄文华']);
    expect((await a.get('/api/accounts?q=13971700005')).json().total).toBe(1);
    expect((await a.get('/api/accounts?q=HUANGWEN')).json().total).toBe(1);
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
    const items: { loginName: string; roles: string[] }[] = (await a.get('/api/accounts?pageSize=100')).json().items;
    expect(items.filter((x) => x.loginName !== 'bigadmin').every((x) => x.roles.join() === 'member')).toBe(true);
  });
});
