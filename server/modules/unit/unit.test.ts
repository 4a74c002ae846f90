import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { buildAccount } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { insertProposal, proposalFixture, type ProposalFixture } from '../proposal/proposal.fixture.js';
import { proposalAssignment } from '../proposal/proposal.table.js';
import { handlingUnit, handlingUnitAccount } from './unit.table.js';

let t: TestApp;
let fx: ProposalFixture;
let li: Agent, zhang: Agent, wang: Agent, chen: Agent;
beforeAll(async () => {
  t = await testApp();
  fx = await proposalFixture(t, 'un');
  [li, zhang, wang, chen] = await Promise.all([fx.as('li'), fx.as('zhang'), fx.as('wang'), fx.as('chen')]);
});
afterAll(() => t.close());

const del = (a: Agent, url: string) => t.app.inject({ method: 'DELETE', url, cookies: { xs_session: a.cookie }, headers: { 'x-csrf-token': a.csrf } });
const unitCount = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from handling_unit where org_id = ${fx.org.id}`))[0].n;
const patch = (a: Agent, url: string, b: unknown) => t.app.inject({ method: 'PATCH', url, payload: b as object, cookies: { xs_session: a.cookie }, headers: { 'x-csrf-token': a.csrf } });
const body = (over: Record<string, unknown> = {}) => ({ name: '县水利和湖泊局', shortName: '县水利局', kind: 'government', contactName: '周平', contactPhone: '0717-3812345', ...over });

describe('the units list', () => {
  it('shows every unit with its accounts and open and overdue assignments, in one query', async () => {
    const p = await insertProposal(fx, { status: 'assigned' });
    const base = { orgId: fx.org.id, proposalId: p.id, assignedAt: t.clock.now(), objectionDueOn: '2026-03-09', maxDueOn: '2026-09-02', createdAt: t.clock.now() };
    await t.b.db.insert(proposalAssignment).values([
      { ...base, unitId: fx.units.housing.unit.id, role: 'lead', dueOn: '2026-06-02' },
      { ...base, unitId: fx.units.transport.unit.id, role: 'co', dueOn: '2026-02-27' },
      { ...base, unitId: fx.units.finance.unit.id, role: 'co', dueOn: '2026-04-02', status: 'withdrawn' },
    ]);
    const res = await li.get('/api/units');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    const byName = Object.fromEntries(page.items.map((u: { name: string }) => [u.name, u]));
    expect(byName['县住房和城乡建设局']).toMatchObject({ shortName: '县住建局', kindLabel: '政府部门', openAssignments: 1, overdueAssignments: 0, contactPhone: '071****1001' });
    expect(byName['县住房和城乡建设局'].accounts.map((a: { displayName: string }) => a.displayName)).toEqual(['王磊']);
    expect(byName['县交通运输局']).toMatchObject({ openAssignments: 1, overdueAssignments: 1 });
    expect(byName['县财政局']).toMatchObject({ openAssignments: 0, overdueAssignments: 0 });
    // members pick suggested units from the list: no accounts, the phone masked
    const seen = (await zhang.get('/api/units?active=true')).json().items.find((u: { name: string }) => u.name === '县住房和城乡建设局');
    expect(seen.accounts).toEqual([]);
    expect(seen.contactPhone).toBe('071****1001');
    expect((await li.get('/api/units?q=交通')).json().items.map((u: { name: string }) => u.name)).toEqual(['县交通运输局']);
    const before = t.deps.database.queryCount();
    await li.get('/api/units');
    const n = t.deps.database.queryCount() - before;
    await t.b.db.insert(handlingUnit).values(Array.from({ length: 5 }, (_, i) => ({ orgId: fx.org.id, name: `测试乡镇${i}`, shortName: `乡镇${i}`, kind: 'township', sort: 50 + i })));
    const again = t.deps.database.queryCount();
    expect((await li.get('/api/units')).json().total).toBe(8);
    expect(t.deps.database.queryCount() - again).toBe(n);
    await t.b.db.delete(handlingUnit).where(sql`${handlingUnit.name} like '测试乡镇%'`);
  });

  it('gives a unit account its own unit, and a unit-less one a hint', async () => {
    const mine = await wang.get('/api/units/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ name: '县住房和城乡建设局', contactPhone: '071****1001' });
    expect((await zhang.get('/api/units/mine')).statusCode).toBe(403);
    await buildAccount(t.b, { org: fx.org, roles: ['unit'], loginName: 'unlonely', displayName: '钱进' });
    const lonely = await signIn(t.app, 'unlonely');
    const res = await lonely.get('/api/units/mine');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('尚未关联承办单位');
  });

  it('gives the whole contact phone to staff and the unit itself only, each look-up audited', async () => {
    const housing = fx.units.housing.unit.id;
    const audited = async () => (await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from audit_log where action = 'unit.view_contact' and target_id = ${housing}`))[0].n;
    for (const [who, agent] of [['staff', li], ['the unit', wang]] as const) {
      const before = await audited();
      expect({ who, body: (await agent.get(`/api/units/${housing}/contact`)).json() }).toEqual({ who, body: { contactName: '王磊', contactPhone: '0717-3811001' } });
      expect(await audited()).toBe(before + 1);
    }
    const before = await audited();
    for (const agent of [zhang, chen, await fx.as('sun')])
      expect((await agent.get(`/api/units/${housing}/contact`)).json().error.message).toBe('只有提案委和本单位的账号可以查看承办单位的完整联系电话');
    expect(await audited()).toBe(before);
  });
});

describe('keeping the units', () => {
  it('creates and renames a unit, refusing a second one of the same name in Chinese', async () => {
    const res = await li.post('/api/units', body());
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u).toMatchObject({ name: '县水利和湖泊局', shortName: '县水利局', kind: 'government', kindLabel: '政府部门', active: true, accounts: [], openAssignments: 0 });
    const before = await unitCount();
    const dup = await li.post('/api/units', body({ shortName: '' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('已有名为“县水利和湖泊局”的承办单位');
    const renameClash = await patch(li, `/api/units/${u.id}`, { name: '县财政局' });
    expect(renameClash.json().error.message).toBe('已有名为“县财政局”的承办单位');
    expect((await li.post('/api/units', body({ name: '县人民法院', kind: 'court' }))).json().error.message).toContain('单位类别只能是');
    expect((await li.post('/api/units', body({ name: '局' }))).json().error.message).toBe('单位名称至少 2 个字');
    expect(await unitCount()).toBe(before);
    // the contact phone is stored encrypted, never as the number
    const stored = async () => (await t.b.db.select().from(handlingUnit).where(eq(handlingUnit.id, u.id)))[0].contactPhoneEnc;
    const created = await stored();
    expect(created).toMatch(/^a1:/);
    expect(created!.replace(/\D/g, '')).not.toContain('3812345');
    expect(t.b.crypto.decrypt(created!)).toBe('0717-3812345');
    const renamed = await patch(li, `/api/units/${u.id}`, { name: '县水利局', shortName: '', kind: 'township' });
    expect(renamed.json()).toMatchObject({ name: '县水利局', shortName: '县水利局', kindLabel: '乡镇', contactName: '周平', contactPhone: '071****2345' });
    // a change sends what it changes: the masked phone the form holds is never sent back, and the whole one stays
    expect((await patch(li, `/api/units/${u.id}`, { active: false })).json()).toMatchObject({ name: '县水利局', kindLabel: '乡镇', active: false, contactName: '周平' });
    const [row] = await t.b.db.select().from(handlingUnit).where(eq(handlingUnit.id, u.id));
    expect(row).toMatchObject({ contactPhoneEnc: created, shortName: '县水利局', active: false });
    expect((await li.get(`/api/units/${u.id}/contact`)).json()).toEqual({ contactName: '周平', contactPhone: '0717-3812345' });
    expect((await patch(li, `/api/units/${u.id}`, { contactPhone: '071****2345' })).json().error.message).toBe('联系电话只能包含数字、空格和“-”');
    const [entry] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.targetId, u.id), sql`${auditLog.summary} like '修改%'`)).orderBy(sql`${auditLog.createdAt} desc, ${auditLog.id} desc`).limit(1);
    expect(entry).toMatchObject({ action: 'unit.manage', summary: '修改承办单位“县水利局”（原名“县水利和湖泊局”）' });
    expect(JSON.stringify(entry)).not.toContain('3812345');
    // a new number is encrypted anew; an emptied one is none
    expect((await patch(li, `/api/units/${u.id}`, { contactPhone: '13907175566' })).json().contactPhone).toBe('139****5566');
    expect(t.b.crypto.decrypt((await stored())!)).toBe('13907175566');
    expect((await patch(li, `/api/units/${u.id}`, { contactPhone: '' })).json().contactPhone).toBe('');
    expect(await stored()).toBeNull();
    expect((await li.get(`/api/units/${u.id}/contact`)).json()).toEqual({ contactName: '周平', contactPhone: '' });
    const entries = await t.b.db.select().from(auditLog).where(eq(auditLog.targetId, u.id));
    expect(entries.map((e) => JSON.stringify(e)).filter((e) => e.includes('3812345') || e.includes('7175566'))).toEqual([]);
    // members and units may not change the list
    expect((await zhang.post('/api/units', body({ name: '县教育局' }))).statusCode).toBe(403);
    expect((await patch(chen, `/api/units/${u.id}`, { name: '县教育局' })).statusCode).toBe(403);
  });

  it('deletes an unused unit, and only deactivates one that has handled proposals', async () => {
    const fresh = (await li.post('/api/units', body({ name: '县文化和旅游局' }))).json();
    const gone = await del(li, `/api/units/${fresh.id}`);
    expect(gone.json()).toEqual({ outcome: 'deleted', message: '已删除承办单位“县文化和旅游局”' });
    expect(await t.b.db.select().from(handlingUnit).where(eq(handlingUnit.id, fresh.id))).toHaveLength(0);
    const kept = await del(li, `/api/units/${fx.units.finance.unit.id}`);
    expect(kept.json().outcome).toBe('deactivated');
    expect(kept.json().message).toContain('不能删除，已停用');
    const [row] = await t.b.db.select().from(handlingUnit).where(eq(handlingUnit.id, fx.units.finance.unit.id));
    expect(row.active).toBe(false);
    expect((await li.get('/api/units?active=true')).json().items.map((u: { name: string }) => u.name)).not.toContain('县财政局');
    // its account no longer acts for it; re-enabled, it does again
    const zhao = await fx.as('zhao');
    expect((await zhao.get('/api/units/mine')).statusCode).toBe(403);
    await patch(li, `/api/units/${row.id}`, { active: true });
    expect((await zhao.get('/api/units/mine')).json().name).toBe('县财政局');
    expect((await del(li, '/api/units/00000000-0000-4000-8000-000000000009')).statusCode).toBe(404);
  });
});

describe("a unit's accounts", () => {
  it('offers staff every unit account of the org, with its unit, and the leaders to link as supervisors', async () => {
    const loose = (await buildAccount(t.b, { org: fx.org, roles: ['unit'], loginName: 'unloose', displayName: '吴昊' })).account;
    const options = (await li.get('/api/units/account-options')).json() as { id: string; displayName: string; unit: { name: string } | null }[];
    expect(options.find((o) => o.id === loose.id)).toMatchObject({ displayName: '吴昊', unit: null });
    expect(options.find((o) => o.id === fx.units.housing.account.id)?.unit?.name).toBe('县住房和城乡建设局');
    expect(options.some((o) => o.id === fx.zhang.account.id)).toBe(false);
    expect((await zhang.get('/api/units/account-options')).statusCode).toBe(403);
    const leaders = (await li.get('/api/proposal-supervisor-options')).json();
    expect(leaders).toEqual([{ id: fx.leader.id, displayName: '陈志远' }]);
    expect((await wang.get('/api/proposal-supervisor-options')).statusCode).toBe(403);
  });

  it('takes only unit accounts of this org, moves an account from another unit and says so in the log', async () => {
    const housing = fx.units.housing.unit.id;
    const links = async () => t.b.db.select().from(handlingUnitAccount).where(eq(handlingUnitAccount.orgId, fx.org.id));
    const before = await links();
    const member = await li.put(`/api/units/${housing}/accounts`, { accountIds: [fx.units.housing.account.id, fx.zhang.account.id] });
    expect(member.statusCode).toBe(400);
    expect(member.json().error.message).toBe('张红梅不是本组织的承办单位账号，请先在账号管理中授予“承办单位”角色');
    const stranger = await li.put(`/api/units/${housing}/accounts`, { accountIds: ['00000000-0000-4000-8000-000000000001'] });
    expect(stranger.json().error.message).toContain('不存在的账号');
    expect(await links()).toEqual(before);

    const res = await li.put(`/api/units/${housing}/accounts`, { accountIds: [fx.units.housing.account.id, fx.units.transport.account.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().accounts.map((a: { displayName: string }) => a.displayName).sort()).toEqual(['孙丽', '王磊'].sort());
    const sun = await fx.as('sun');
    expect((await sun.get('/api/units/mine')).json().name).toBe('县住房和城乡建设局');
    const transport = (await li.get('/api/units?q=交通')).json().items[0];
    expect(transport.accounts).toEqual([]);
    const [entry] = await t.b.db.select().from(auditLog).where(eq(auditLog.targetId, housing)).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(entry.summary).toBe('设置承办单位“县住房和城乡建设局”的账号：王磊、孙丽（孙丽由“县交通运输局”调整至本单位）');
    // an empty list removes every account
    expect((await li.put(`/api/units/${housing}/accounts`, { accountIds: [] })).json().accounts).toEqual([]);
    expect((await wang.get('/api/units/mine')).statusCode).toBe(403);
    expect((await zhang.put(`/api/units/${housing}/accounts`, { accountIds: [] })).statusCode).toBe(403);
  });
});
