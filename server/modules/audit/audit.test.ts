import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg, type OrgRow } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from './audit.table.js';
import { purgeExpiredAudit } from './audit.service.js';

let t: TestApp;
let org: OrgRow;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { name: '中国人民政治协商会议远安县委员会' });
  await buildAccount(t.b, { org, loginName: 'auditadmin', displayName: '周立军', roles: ['admin'] });
  admin = await signIn(t.app, 'auditadmin');
});
afterAll(() => t.close());

const DAY = 86_400_000;
const entriesOf = async (action: string) => (await admin.get(`/api/audit?action=${action}&pageSize=200`)).json().items;
interface Entry {
  action: string;
  actorName: string | null;
  targetId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}
const rowCount = async () => (await t.b.db.select({ id: auditLog.id }).from(auditLog)).length;

describe('what is recorded', () => {
  it('records writes with who, where, before and after', async () => {
    const created = (await admin.post('/api/accounts', { loginName: 'chenzhiyuan', displayName: '陈志远', roles: ['leader'] })).json();
    const id = created.account.id;
    await admin.patch(`/api/accounts/${id}`, { displayName: '陈志源' });
    await admin.put(`/api/accounts/${id}/roles`, { roles: ['leader', 'member'] });
    const [create] = await entriesOf('account.create');
    expect(create).toMatchObject({ actorName: '周立军', actionLabel: '新建账号', targetId: id, summary: '新建账号 陈志远（chenzhiyuan），角色：主席/副主席/秘书长' });
    expect(create.after).toMatchObject({ loginName: 'chenzhiyuan', roles: ['leader'] });
    const [update] = await entriesOf('account.update');
    expect(update.before.displayName).toBe('陈志远');
    expect(update.after.displayName).toBe('陈志源');
    const [roles] = await entriesOf('account.roles');
    expect(roles.before).toEqual({ roles: ['leader'] });
    expect(roles.after).toEqual({ roles: ['leader', 'member'] });
    const rows = await t.b.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(rows.every((r) => r.orgId === org.id && r.ip === '127.0.0.1')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('argon2');
  });

  it('records every other account change, naming the admin, the org and the account', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'wujianguo', displayName: '吴建国', phone: '13900001111' });
    const city = await buildOrg(t.b, { level: 'city' });
    const { account: b } = await buildAccount(t.b, { org: city, loginName: 'xuwenhua', displayName: '徐文华' });
    await admin.patch(`/api/accounts/${a.id}`, { phone: '13900002222' });
    await admin.post(`/api/accounts/${a.id}/reset-password`);
    await admin.post(`/api/accounts/${a.id}/disable`);
    await admin.post(`/api/accounts/${a.id}/enable`);
    await admin.post(`/api/accounts/${a.id}/unlock`);
    await admin.get(`/api/accounts/${a.id}/phone`);
    await admin.put(`/api/accounts/${a.id}/roles`, { roles: [] });
    await admin.post('/api/accounts/attach', { identifier: 'xuwenhua', roles: ['member'] });

    const trail: Entry[] = (await admin.get(`/api/audit?q=${a.id}&pageSize=200`)).json().items;
    expect(trail.map((e) => e.action).reverse()).toEqual([
      'account.update',
      'account.reset_password',
      'account.disable',
      'account.enable',
      'account.unlock',
      'account.view_phone',
      'account.roles',
    ]);
    expect(trail.every((e) => e.actorName === '周立军' && e.targetId === a.id)).toBe(true);
    const by = Object.fromEntries(trail.map((e) => [e.action, e]));
    expect(by['account.update'].before).toMatchObject({ phone: '139****1111' });
    expect(by['account.update'].after).toMatchObject({ phone: '139****2222' });
    expect(by['account.disable']).toMatchObject({ before: { disabled: false }, after: { disabled: true }, summary: '停用账号 吴建国（wujianguo）' });
    expect(by['account.enable']).toMatchObject({ before: { disabled: true }, after: { disabled: false } });
    expect(by['account.roles']).toMatchObject({ before: { roles: ['member'] }, after: { roles: [] }, summary: '将 吴建国（wujianguo）移出本组织' });
    const [attach] = (await admin.get(`/api/audit?q=${b.id}`)).json().items;
    expect(attach).toMatchObject({ action: 'account.attach', actorName: '周立军', after: { roles: ['member'] } });

    const rows = await t.b.db.select().from(auditLog).where(eq(auditLog.targetId, a.id));
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.orgId === org.id && r.actorId !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/1390000(1111|2222)/);
  });

  it('shows older entries without ID number digits or whole phones, as every page now shows them', async () => {
    // what entries written before issue 11 kept: a member's ID number masked first 6 + last 4, a unit's contact phone whole
    await t.b.db.insert(auditLog).values([
      { orgId: org.id, action: 'member.update', summary: '修改委员 郭海燕 的信息', after: { name: '郭海燕', phone: '138****0013', idNumber: '420525********0623' }, createdAt: t.clock.now() },
      { orgId: org.id, action: 'unit.manage', summary: '修改承办单位“县林业局”', before: { contactName: '杜金凤', contactPhone: '0717-3813201' }, createdAt: t.clock.now() },
    ]);
    const [member] = await entriesOf('member.update');
    expect(member.after).toEqual({ name: '郭海燕', phone: '138****0013', idNumber: '已登记' });
    const [unit] = await entriesOf('unit.manage');
    expect(unit.before).toEqual({ contactName: '杜金凤', contactPhone: '071****3201' });
  });

  it('records nothing for a change that was refused', async () => {
    const before = await rowCount();
    await admin.post('/api/accounts', { loginName: 'chenzhiyuan', displayName: '重名', roles: ['member'] }); // 409
    await admin.post('/api/accounts', { loginName: '坏名字', displayName: '坏', roles: [] }); // 400
    await buildAccount(t.b, { org, loginName: 'auditnosy', roles: ['member'] });
    const nosy = await signIn(t.app, 'auditnosy'); // a sign-in is recorded: one row
    await nosy.post('/api/accounts', { loginName: 'sneaky', displayName: '越权', roles: ['admin'] }); // 403
    await nosy.patch('/api/orgs/current/settings', { idleTimeoutMinutes: 480 }); // 403
    expect(await rowCount()).toBe(before + 1);
  });

  it('records sign-ins, successful and failed', async () => {
    await buildAccount(t.b, { org, loginName: 'signer', displayName: '刘静' });
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'signer', password: 'Bad#pass123' } });
    await signIn(t.app, 'signer');
    expect((await entriesOf('auth.login_failed')).some((e: { summary: string }) => e.summary === '登录失败（signer）：密码错误（第 1 次）')).toBe(true);
    expect((await entriesOf('auth.login')).some((e: { actorName: string }) => e.actorName === '刘静')).toBe(true);
  });
});

describe('viewing', () => {
  it('filters by action, actor, keyword and date, and pages', async () => {
    const all = (await admin.get('/api/audit?pageSize=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(4);
    const byActor = (await admin.get('/api/audit?actor=刘静&pageSize=200')).json().items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: { actorName: string }) => e.actorName === '刘静')).toBe(true);
    expect((await admin.get('/api/audit?q=chenzhiyuan')).json().total).toBeGreaterThanOrEqual(1);
    const beijingDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const today = beijingDate(t.clock.now().getTime());
    expect((await admin.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBe(all.total);
    expect((await admin.get(`/api/audit?from=${beijingDate(t.clock.now().getTime() + DAY)}`)).json().total).toBe(0);
    const bad = await admin.get('/api/audit?from=2026/11/23&action=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { message: string }) => d.message).sort()).toEqual(['开始日期格式应为 YYYY-MM-DD', '未知的操作类型']);
  });

  it('pages newest first, each page continuing the last', async () => {
    const { account: a } = await buildAccount(t.b, { org, loginName: 'pagedperson', displayName: '何玉芳', phone: '13900003333' });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await admin.get(`/api/accounts/${a.id}/phone`);
    }
    const page = async (n: number) => (await admin.get(`/api/audit?q=${a.id}&pageSize=2&page=${n}`)).json();
    const [p1, p2, p3, p4] = [await page(1), await page(2), await page(3), await page(4)];
    expect([p1.total, p2.total, p3.total]).toEqual([5, 5, 5]);
    expect([p1.items.length, p2.items.length, p3.items.length, p4.items.length]).toEqual([2, 2, 1, 0]);
    const times = [...p1.items, ...p2.items, ...p3.items].map((e: { createdAt: string }) => e.createdAt);
    expect(new Set(times).size).toBe(5);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows an admin only their own org, and nobody else at all', async () => {
    const other = await buildOrg(t.b);
    await buildAccount(t.b, { org: other, loginName: 'otheradmin', displayName: '高德明', roles: ['admin'] });
    const a2 = await signIn(t.app, 'otheradmin');
    expect((await a2.post('/api/accounts', { loginName: 'otherperson', displayName: '当阳新人', roles: ['member'] })).statusCode).toBe(200);
    const theirs: Entry[] = (await a2.get('/api/audit?pageSize=200')).json().items;
    expect(theirs.some((e) => e.summary.includes('chenzhiyuan'))).toBe(false);
    expect(theirs.some((e) => e.summary.includes('otherperson'))).toBe(true);
    const mine: Entry[] = (await admin.get('/api/audit?pageSize=200')).json().items;
    expect(mine.some((e) => e.summary.includes('otherperson') || e.actorName === '高德明')).toBe(false);
    expect((await admin.get('/api/audit?q=otherperson')).json().total).toBe(0);
    expect((await admin.get(`/api/audit?actor=${encodeURIComponent('高德明')}`)).json().total).toBe(0);
    // failed sign-ins with an unknown name belong to no org: no admin sees them
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'ghost-user', password: 'Whatever#1' } });
    expect((await admin.get('/api/audit?q=ghost-user')).json().total).toBe(0);
    expect((await a2.get('/api/audit?q=ghost-user')).json().total).toBe(0);
    await buildAccount(t.b, { org, loginName: 'auditstaff', roles: ['staff', 'leader'] });
    const staff = await signIn(t.app, 'auditstaff');
    expect((await staff.get('/api/audit')).statusCode).toBe(403);
    const exports = (await entriesOf('audit.export')).length;
    expect((await staff.get('/api/audit/export')).statusCode).toBe(403);
    expect((await entriesOf('audit.export')).length).toBe(exports);
    for (const role of ['member', 'unit'] as const) {
      await buildAccount(t.b, { org, loginName: `audit${role}`, roles: [role] });
      expect((await (await signIn(t.app, `audit${role}`)).get('/api/audit')).statusCode).toBe(403);
    }
  });

  it('matches what was typed, not SQL wildcards', async () => {
    expect((await admin.get(`/api/audit?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await admin.get(`/api/audit?actor=${encodeURIComponent('周_军')}`)).json().total).toBe(0);
    expect((await admin.get(`/api/audit?actor=${encodeURIComponent('周立军')}`)).json().total).toBeGreaterThan(0);
  });

  it('exports the filtered log to .xlsx and records the export', async () => {
    const res = await admin.get('/api/audit/export?action=account.create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '操作', '内容', '对象类型', '对象编号', '变更前', '变更后', 'IP']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('新建账号 陈志远（chenzhiyuan），角色：主席/副主席/秘书长');
    const [exported] = await entriesOf('audit.export');
    expect(exported).toMatchObject({ summary: '导出审计日志（筛选：action=account.create）', actorName: '周立军' });
  });

  it('exports exactly the rows the list shows, never another org’s', async () => {
    const listed = (await admin.get('/api/audit?action=auth.login&pageSize=200')).json();
    const res = await admin.get('/api/audit/export?action=auth.login');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.rowCount - 1).toBe(listed.total);
    const actors = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && actors.add(String(row.getCell(2).value)));
    expect([...actors].sort()).toEqual([...new Set(listed.items.map((e: Entry) => e.actorName))].sort());
    expect(actors.has('高德明')).toBe(false);
    expect(actors.has('周立军')).toBe(true);
  });
});

describe('append-only, with retention', () => {
  it('refuses to change or delete a recent entry', async () => {
    const [entry] = await t.b.db.select().from(auditLog).limit(1);
    await expect(t.b.db.execute(sql`update audit_log set summary = 'tampered' where id = ${entry.id}`)).rejects.toThrow();
    await expect(t.b.db.execute(sql`delete from audit_log where id = ${entry.id}`)).rejects.toThrow();
    await expect(t.b.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [after] = await t.b.db.select().from(auditLog).where(eq(auditLog.id, entry.id));
    expect(after.summary).toBe(entry.summary);
  });

  it('the retention job removes only entries past each org’s retention (never under 180 days)', async () => {
    const keepLonger = await buildOrg(t.b, { settings: { auditRetentionDays: 365 } });
    const now = t.clock.now().getTime();
    const at = (days: number) => new Date(now - days * DAY);
    const old = (orgId: string, days: number) => ({ orgId, action: 'auth.login', summary: `旧记录 ${days} 天`, createdAt: at(days) });
    const orphan = (days: number) => ({ orgId: null, action: 'auth.login_failed', summary: `无组织旧记录 ${days} 天`, createdAt: at(days) });
    await t.b.db
      .insert(auditLog)
      .values([old(org.id, 400), old(org.id, 181), old(org.id, 100), old(keepLonger.id, 300), old(keepLonger.id, 400), orphan(400), orphan(100)]);
    const recent = (await t.b.db.select().from(auditLog)).filter((e) => !e.summary.includes('旧记录')).length;
    const removed = await purgeExpiredAudit(t.ctx());
    expect(removed).toBe(4);
    const rows = await t.b.db.select().from(auditLog);
    const left = rows.map((e) => e.summary).filter((s) => s.includes('旧记录'));
    expect(left.sort()).toEqual(['无组织旧记录 100 天', '旧记录 100 天', '旧记录 300 天'].sort());
    expect(rows.filter((e) => !e.summary.includes('旧记录') && e.action !== 'audit.purge')).toHaveLength(recent);
    expect(await purgeExpiredAudit(t.ctx())).toBe(0); // nothing more to do the next day
    const purge = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'audit.purge'));
    expect(purge.map((p) => p.summary).sort()).toEqual(['按保留期 180 天清理过期审计日志 2 条', '按保留期 365 天清理过期审计日志 1 条']);
    expect(purge.every((p) => p.actorName === '系统')).toBe(true);
  });
});
