import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg, type OrgRow } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { org as orgTable } from './org.table.js';

let t: TestApp;
let admin: Agent;
let province: OrgRow;
beforeAll(async () => {
  t = await testApp();
  province = await buildOrg(t.b, { level: 'province', name: '中国人民政治协商会议湖北省委员会', shortName: '湖北省政协' });
  await buildAccount(t.b, { org: province, loginName: 'hbadmin', displayName: '罗春燕', roles: ['admin'] });
  admin = await signIn(t.app, 'hbadmin');
});
afterAll(() => t.close());

const orgCount = async () => (await t.b.db.select({ id: orgTable.id }).from(orgTable)).length;
const auditCount = async (action: string) => (await t.b.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action))).length;

describe('org settings', () => {
  it('starts from the national defaults and lets the admin change them, audited', async () => {
    const current = (await admin.get('/api/orgs/current')).json();
    expect(current).toMatchObject({ level: 'province', settings: { idleTimeoutMinutes: 30, auditRetentionDays: 180 }, parentName: null });
    const res = await admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 60 });
    expect(res.json().settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
    const [entry] = (await admin.get('/api/audit?action=org.settings')).json().items;
    expect(entry).toMatchObject({ actorName: '罗春燕', targetId: province.id, summary: '修改 中国人民政治协商会议湖北省委员会 的设置' });
    expect(entry.before).toEqual({ idleTimeoutMinutes: 30, auditRetentionDays: 180 });
    expect(entry.after).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
    const [row] = await t.b.db.select().from(orgTable).where(eq(orgTable.id, province.id));
    expect(row.settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
  });

  it('applies the new idle timeout to the org’s sessions', async () => {
    await buildAccount(t.b, { org: province, loginName: 'hbstaff', roles: ['staff'] });
    const staff = await signIn(t.app, 'hbstaff');
    expect((await staff.get('/api/auth/me')).json().idleTimeoutMinutes).toBe(60);
    t.clock.advanceMinutes(45);
    expect((await staff.get('/api/orgs/current')).statusCode).toBe(200); // past the default 30, within 60
    t.clock.advanceMinutes(61);
    expect((await staff.get('/api/orgs/current')).json().error.code).toBe('SESSION_EXPIRED');
    admin = await signIn(t.app, 'hbadmin'); // the admin's own session timed out too
  });

  it('refuses settings below the security floors and changes nothing', async () => {
    const low = await admin.patch('/api/orgs/current/settings', { auditRetentionDays: 90, idleTimeoutMinutes: 1 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.map((d: { message: string }) => d.message).sort()).toEqual(['审计日志保留期不能少于 180 天', '空闲超时不能少于 5 分钟']);
    expect((await admin.get('/api/orgs/current')).json().settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
  });

  it.each([
    [{ auditRetentionDays: 179 }, 'auditRetentionDays', '审计日志保留期不能少于 180 天'],
    [{ idleTimeoutMinutes: 4 }, 'idleTimeoutMinutes', '空闲超时不能少于 5 分钟'],
    [{ idleTimeoutMinutes: 481 }, 'idleTimeoutMinutes', '空闲超时不能超过 480 分钟'],
    [{ idleTimeoutMinutes: 30.5 }, 'idleTimeoutMinutes', '必须是整数'],
  ])('refuses %o with a Chinese message and changes nothing', async (body, path, message) => {
    const audited = await auditCount('org.settings');
    const res = await admin.patch('/api/orgs/current/settings', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'VALIDATION_FAILED', message, details: [{ path, message }] });
    expect((await admin.get('/api/orgs/current')).json().settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
    expect(await auditCount('org.settings')).toBe(audited);
  });

  it('accepts the floors themselves and longer retention', async () => {
    const res = await admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 5, auditRetentionDays: 365 });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toEqual({ idleTimeoutMinutes: 5, auditRetentionDays: 365 });
    expect((await admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 60, auditRetentionDays: 180 })).statusCode).toBe(200);
  });

  it('is the admin’s alone', async () => {
    const org = await buildOrg(t.b, { level: 'city' });
    const orgs = await orgCount();
    for (const role of ['staff', 'leader', 'member', 'unit'] as const) {
      await buildAccount(t.b, { org, loginName: `org${role}`, roles: [role] });
      const agent = await signIn(t.app, `org${role}`);
      expect((await agent.get('/api/orgs/current')).json()).toMatchObject({ id: org.id, settings: { idleTimeoutMinutes: 30, auditRetentionDays: 180 } });
      const res = await agent.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 120 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('没有权限执行此操作');
      expect((await agent.post('/api/orgs/children', { name: '中国人民政治协商会议某县委员会', shortName: '某县政协', regionCode: '420599' })).statusCode).toBe(403);
    }
    const [row] = await t.b.db.select().from(orgTable).where(eq(orgTable.id, org.id));
    expect(row.settings).toEqual({});
    expect(await orgCount()).toBe(orgs);
  });
});

describe('the org tree', () => {
  it('creates lower orgs level by level; the creator administers them', async () => {
    const before = await orgCount();
    const city = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议宜昌市委员会', shortName: '宜昌市政协', regionCode: '420500' });
    expect(city.statusCode).toBe(200);
    expect(city.json().level).toBe('city');
    const dup = await admin.post('/api/orgs/children', { name: '重复', shortName: '重复市', regionCode: '420500' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({ code: 'CONFLICT', message: '该行政区划代码已有组织', details: [{ path: 'regionCode', message: '该行政区划代码已有组织' }] });
    const badCode = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议某市委员会', shortName: '某市政协', regionCode: '42A' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details[0].message).toBe('行政区划代码应为 6 位数字');
    expect((await admin.get('/api/orgs/children')).json()).toMatchObject({ total: 1, items: [{ shortName: '宜昌市政协', level: 'city' }] });
    expect(await orgCount()).toBe(before + 1);
    const [created] = (await admin.get('/api/audit?action=org.create')).json().items;
    expect(created).toMatchObject({ actorName: '罗春燕', targetId: city.json().id, summary: '新建下级组织 中国人民政治协商会议宜昌市委员会' });
    expect(created.after).toMatchObject({ level: 'city', regionCode: '420500', parentId: province.id });
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.orgs.find((o: { id: string }) => o.id === city.json().id).roles).toEqual(['admin']);
    expect(me.currentOrg.id).toBe(province.id); // creating does not move the admin

    expect((await admin.post('/api/auth/org', { orgId: city.json().id })).statusCode).toBe(200);
    expect((await admin.get('/api/orgs/current')).json()).toMatchObject({ shortName: '宜昌市政协', parentName: '中国人民政治协商会议湖北省委员会' });
    const county = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协', regionCode: '420525' });
    expect(county.json().level).toBe('county');
    await admin.post('/api/auth/org', { orgId: county.json().id });
    const none = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议某乡委员会', shortName: '某乡政协', regionCode: '420526' });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toBe('县级政协下不能再建下级组织');
    expect(await orgCount()).toBe(before + 2);
    // the county admin (the creator) manages its accounts; the county is the last level
    expect((await admin.get('/api/orgs/current')).json()).toMatchObject({ level: 'county', parentName: '中国人民政治协商会议宜昌市委员会' });
    expect((await admin.get('/api/accounts')).json().items.map((a: { loginName: string }) => a.loginName)).toEqual(['hbadmin']);
  });

  it('lets nobody else into a new org', async () => {
    await buildAccount(t.b, { org: province, loginName: 'hbmember', roles: ['member'] });
    const member = await signIn(t.app, 'hbmember');
    const [city] = await t.b.db.select().from(orgTable).where(eq(orgTable.regionCode, '420500'));
    const res = await member.post('/api/auth/org', { orgId: city.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('您在该组织没有任何角色');
    expect((await member.get('/api/auth/me')).json().currentOrg.id).toBe(province.id);
  });

  it('answers a double submission with one org and a 409, never a server error', async () => {
    await admin.post('/api/auth/org', { orgId: province.id });
    const before = await orgCount();
    for (let i = 0; i < 4; i++) {
      const body = { name: `中国人民政治协商会议测试${i}市委员会`, shortName: `测试${i}市政协`, regionCode: `42090${i}` };
      const codes = (await Promise.all([admin.post('/api/orgs/children', body), admin.post('/api/orgs/children', body)])).map((r) => r.statusCode);
      expect(codes.sort()).toEqual([200, 409]);
    }
    expect(await orgCount()).toBe(before + 4);
  });
});
