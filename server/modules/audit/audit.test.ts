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

  it('shows an admin only their own org, and nobody else at all', async () => {
    const other = await buildOrg(t.b);
    await buildAccount(t.b, { org: other, loginName: 'otheradmin', roles: ['admin'] });
    const a2 = await signIn(t.app, 'otheradmin');
    const theirs = (await a2.get('/api/audit?pageSize=200')).json().items;
    expect(theirs.some((e: { summary: string }) => e.summary.includes('chenzhiyuan'))).toBe(false);
    await buildAccount(t.b, { org, loginName: 'auditstaff', roles: ['staff', 'leader'] });
    expect((await (await signIn(t.app, 'auditstaff')).get('/api/audit')).statusCode).toBe(403);
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
    expect((await entriesOf('audit.export'))[0].summary).toBe('导出审计日志（筛选：action=account.create）');
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
    await t.b.db.insert(auditLog).values([old(org.id, 400), old(org.id, 100), old(keepLonger.id, 300), old(keepLonger.id, 400)]);
    const removed = await purgeExpiredAudit(t.ctx());
    expect(removed).toBe(2);
    const left = (await t.b.db.select().from(auditLog)).map((e) => e.summary).filter((s) => s.startsWith('旧记录'));
    expect(left.sort()).toEqual(['旧记录 100 天', '旧记录 300 天']);
    const purge = await t.b.db.select().from(auditLog).where(eq(auditLog.action, 'audit.purge'));
    expect(purge.map((p) => p.summary).sort()).toEqual(['按保留期 180 天清理过期审计日志 1 条', '按保留期 365 天清理过期审计日志 1 条']);
  });
});
