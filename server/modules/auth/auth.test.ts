import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildAccount, buildOrg } from '../../demo/builders.js';
import { signIn, testApp, type TestApp } from '../../test/harness.js';
import { account } from '../account/account.table.js';
import { auditLog } from '../audit/audit.table.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const login = (identifier: string, password: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password }, remoteAddress });

describe('sign-in', () => {
  it('signs in by login name or phone number and reports who and where', async () => {
    const { account: a, org } = await buildAccount(t.b, { roles: ['staff'], loginName: 'lixiulan', displayName: '李秀兰', phone: '13971700002' });
    expect((await login('lixiulan', 'wrong-Pass1')).statusCode).toBe(401);
    for (const id of ['lixiulan', 'LiXiuLan', '139 7170 0002', '+8613971700002']) {
      const agent = await signIn(t.app, id);
      const me = (await agent.get('/api/auth/me')).json();
      expect(me.account.displayName).toBe('李秀兰');
      expect(me.currentOrg.id).toBe(org.id);
      expect(me.currentOrg.roles).toEqual(['staff']);
    }
    const [row] = await t.b.db.select().from(account).where(eq(account.id, a.id));
    expect(row.lastLoginAt).not.toBeNull();
  });

  it('gives one message for an unknown name and a wrong password, and audits both', async () => {
    const { org } = await buildAccount(t.b, { loginName: 'yangdeming' });
    const unknown = await login('nobody-here', 'Whatever#1');
    const wrong = await login('yangdeming', 'Whatever#1');
    expect(unknown.json().error.message).toBe('账号或密码错误');
    expect(wrong.json().error.message).toMatch(/^账号或密码错误/);
    const failures = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login_failed'));
    expect(failures.some((f) => f.orgId === null && f.summary.includes('nobody-here'))).toBe(true);
    expect(failures.some((f) => f.orgId === org.id && f.summary.includes('密码错误'))).toBe(true);
  });

  it('locks the account for 15 minutes after 5 wrong passwords', async () => {
    await buildAccount(t.b, { loginName: 'guohaiyan' });
    for (let i = 1; i <= 4; i++) expect((await login('guohaiyan', 'Wrong#pass1')).json().error.message).toContain(`再错 ${5 - i} 次`);
    const fifth = await login('guohaiyan', 'Wrong#pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain('已锁定 15 分钟');
    const right = await login('guohaiyan', 'Xieshang@2026');
    expect(right.statusCode).toBe(423);
    t.clock.advanceMinutes(14);
    expect((await login('guohaiyan', 'Xieshang@2026')).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await login('guohaiyan', 'Xieshang@2026')).statusCode).toBe(200);
  });

  it('checks at most 5 of 20 wrong passwords sent at once, and stays locked for the right one until the lock runs out', async () => {
    const { account: a } = await buildAccount(t.b, { loginName: 'zhaolei' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('zhaolei', 'Wrong#pass1')));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 423)).toHaveLength(16);
    expect(answers.filter((r) => r.statusCode === 401).map((r) => r.json().error.message).sort()).toEqual([1, 2, 3, 4].map((n) => `账号或密码错误，再错 ${n} 次将锁定 15 分钟`));
    expect(answers.filter((r) => r.json().error.message === '密码连续错误 5 次，账号已锁定 15 分钟')).toHaveLength(1);
    const checked = (await t.b.db.select().from(auditLog).where(eq(auditLog.targetId, a.id))).filter((e) => e.summary.includes('密码错误'));
    expect(checked).toHaveLength(5);
    const until = new Date(t.clock.now().getTime() + 15 * 60_000).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
    const right = await Promise.all(Array.from({ length: 3 }, () => login('zhaolei', 'Xieshang@2026')));
    expect(right.map((r) => r.statusCode)).toEqual([423, 423, 423]);
    expect(right[0].json().error.message).toBe(`密码错误次数过多，账号已锁定，请于 ${until} 后再试或联系管理员解锁`);
    t.clock.advanceMinutes(15);
    // the lock has run out: the count starts again, and the right password signs in and clears it
    expect((await login('zhaolei', 'Wrong#pass1')).json().error.message).toBe('账号或密码错误，再错 4 次将锁定 15 分钟');
    expect((await login('zhaolei', 'Xieshang@2026')).statusCode).toBe(200);
    const [row] = await t.b.db.select().from(account).where(eq(account.id, a.id));
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('limits sign-in attempts per IP', async () => {
    const limited = await testApp({ loginRateLimit: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'x', password: 'y' }, remoteAddress: '10.9.9.9' });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const other = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'x', password: 'y' }, remoteAddress: '10.9.9.8' });
      expect(other.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('refuses a disabled account', async () => {
    await buildAccount(t.b, { loginName: 'disabled1' });
    await t.b.db.update(account).set({ disabled: true }).where(eq(account.loginName, 'disabled1'));
    const r = await login('disabled1', 'Xieshang@2026');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toContain('已停用');
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite cookie and ends the session on logout', async () => {
    await buildAccount(t.b, { loginName: 'cookie1' });
    const res = await login('cookie1', 'Xieshang@2026');
    const c = res.cookies.find((x) => x.name === 'xs_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const agent = await signIn(t.app, 'cookie1');
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await agent.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('times out after the idle period of the org (30 minutes by default, per org)', async () => {
    await buildAccount(t.b, { loginName: 'idle1' });
    const agent = await signIn(t.app, 'idle1');
    t.clock.advanceMinutes(29);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29); // active 29 minutes ago: still fine
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await agent.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
    expect(expired.json().error.message).toContain('长时间未操作');

    const patient = await buildOrg(t.b, { settings: { idleTimeoutMinutes: 120 } });
    await buildAccount(t.b, { loginName: 'idle2', org: patient });
    const a2 = await signIn(t.app, 'idle2');
    t.clock.advanceMinutes(90);
    expect((await a2.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const { org } = await buildAccount(t.b, { loginName: 'csrfadmin', roles: ['admin'] });
    const agent = await signIn(t.app, 'csrfadmin');
    const body = { loginName: 'victim1', displayName: '被伪造', roles: ['admin'] };
    for (const headers of [{ 'x-csrf-token': '' }, { 'x-csrf-token': 'forged' }]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/accounts', payload: body, cookies: { xs_session: agent.cookie }, headers });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('CSRF_FAILED');
    }
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/accounts', payload: body, cookies: { xs_session: agent.cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(await t.b.db.select().from(account).where(eq(account.loginName, 'victim1'))).toHaveLength(0);
    expect((await agent.post('/api/accounts', body)).statusCode).toBe(200);
    expect(org.id).toBeTruthy();
  });
});

describe('passwords', () => {
  it('forces a change of the initial password before anything else', async () => {
    await buildAccount(t.b, { loginName: 'newbie', roles: ['admin'], mustChangePassword: true, password: 'Init#2026x' });
    const agent = await signIn(t.app, 'newbie', 'Init#2026x');
    const me = (await agent.get('/api/auth/me')).json();
    expect(me.account.mustChangePassword).toBe(true);
    expect(me.permissions).toEqual([]);
    const blocked = await agent.get('/api/accounts');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const tries: [string, string][] = [
      ['short1A', '密码至少 8 位'],
      ['alllowercase', '至少三类'],
      ['Newbie#2026', '不能包含登录名'],
      ['Init#2026x', '不能与当前密码相同'],
    ];
    for (const [pw, msg] of tries) {
      const r = await agent.post('/api/auth/password', { currentPassword: 'Init#2026x', newPassword: pw });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain(msg);
      expect(r.json().error.details[0].path).toBe('newPassword');
    }
    const badCurrent = await agent.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Fresh#2026' });
    expect(badCurrent.json().error.details[0]).toEqual({ path: 'currentPassword', message: '当前密码不正确' });
    expect((await agent.post('/api/auth/password', { currentPassword: 'Init#2026x', newPassword: 'Fresh#2026' })).statusCode).toBe(200);
    expect((await agent.get('/api/accounts')).statusCode).toBe(200);
    expect((await login('newbie', 'Init#2026x')).statusCode).toBe(401);
    expect((await login('newbie', 'Fresh#2026')).statusCode).toBe(200);
  });
});

describe('orgs', () => {
  it('lets a person with roles in two orgs switch, and nobody into an org where they have no role', async () => {
    const city = await buildOrg(t.b, { level: 'city', name: '宜昌市政协测试' });
    const county = await buildOrg(t.b, { level: 'county', parentId: city.id });
    const stranger = await buildOrg(t.b);
    await buildAccount(t.b, { loginName: 'twoorgs', org: county, roles: ['staff'], alsoIn: [{ org: city, roles: ['admin'] }] });
    const agent = await signIn(t.app, 'twoorgs');
    let me = (await agent.get('/api/auth/me')).json();
    expect(me.orgs.map((o: { id: string }) => o.id).sort()).toEqual([city.id, county.id].sort());
    expect(me.currentOrg.id).toBe(county.id);
    expect(me.permissions).not.toContain('account.manage');
    expect((await agent.get('/api/accounts')).statusCode).toBe(403);

    const switched = await agent.post('/api/auth/org', { orgId: city.id });
    expect(switched.statusCode).toBe(200);
    me = switched.json();
    expect(me.currentOrg.id).toBe(city.id);
    expect(me.permissions).toContain('account.manage');
    expect((await agent.get('/api/accounts')).statusCode).toBe(200);

    const refused = await agent.post('/api/auth/org', { orgId: stranger.id });
    expect(refused.statusCode).toBe(403);
    expect((await agent.get('/api/auth/me')).json().currentOrg.id).toBe(city.id);
  });
});
