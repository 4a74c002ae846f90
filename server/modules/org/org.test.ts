import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  const province = await buildOrg(t.b, { level: 'province', name: '中国人民政治协商会议湖北省委员会', shortName: '湖北省政协' });
  await buildAccount(t.b, { org: province, loginName: 'hbadmin', displayName: '罗春燕', roles: ['admin'] });
  admin = await signIn(t.app, 'hbadmin');
});
afterAll(() => t.close());

describe('org settings', () => {
  it('starts from the national defaults and lets the admin change them, audited', async () => {
    const current = (await admin.get('/api/orgs/current')).json();
    expect(current).toMatchObject({ level: 'province', settings: { idleTimeoutMinutes: 30, auditRetentionDays: 180 }, parentName: null });
    const res = await admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 60 });
    expect(res.json().settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
    const [entry] = (await admin.get('/api/audit?action=org.settings')).json().items;
    expect(entry.before).toEqual({ idleTimeoutMinutes: 30, auditRetentionDays: 180 });
    expect(entry.after).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
  });

  it('refuses settings below the security floors and changes nothing', async () => {
    const low = await admin.patch('/api/orgs/current/settings', { auditRetentionDays: 90, idleTimeoutMinutes: 1 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.map((d: { message: string }) => d.message).sort()).toEqual(['审计日志保留期不能少于 180 天', '空闲超时不能少于 5 分钟']);
    expect((await admin.get('/api/orgs/current')).json().settings).toEqual({ idleTimeoutMinutes: 60, auditRetentionDays: 180 });
  });

  it('is the admin’s alone', async () => {
    const org = await buildOrg(t.b);
    await buildAccount(t.b, { org, loginName: 'orgstaff', roles: ['staff'] });
    const staff = await signIn(t.app, 'orgstaff');
    expect((await staff.get('/api/orgs/current')).statusCode).toBe(200);
    expect((await staff.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 60 })).statusCode).toBe(403);
  });
});

describe('the org tree', () => {
  it('creates lower orgs level by level; the creator administers them', async () => {
    const city = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议宜昌市委员会', shortName: '宜昌市政协', regionCode: '420500' });
    expect(city.statusCode).toBe(200);
    expect(city.json().level).toBe('city');
    const dup = await admin.post('/api/orgs/children', { name: '重复', shortName: '重复市', regionCode: '420500' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([{ path: 'regionCode', message: '该行政区划代码已有组织' }]);
    const badCode = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议某市委员会', shortName: '某市政协', regionCode: '42A' });
    expect(badCode.json().error.details[0].message).toBe('行政区划代码应为 6 位数字');
    expect((await admin.get('/api/orgs/children')).json()).toMatchObject({ total: 1, items: [{ shortName: '宜昌市政协', level: 'city' }] });

    expect((await admin.post('/api/auth/org', { orgId: city.json().id })).statusCode).toBe(200);
    expect((await admin.get('/api/orgs/current')).json()).toMatchObject({ shortName: '宜昌市政协', parentName: '中国人民政治协商会议湖北省委员会' });
    const county = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协', regionCode: '420525' });
    expect(county.json().level).toBe('county');
    await admin.post('/api/auth/org', { orgId: county.json().id });
    const none = await admin.post('/api/orgs/children', { name: '中国人民政治协商会议某乡委员会', shortName: '某乡政协', regionCode: '420526' });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toBe('县级政协下不能再建下级组织');
  });
});
