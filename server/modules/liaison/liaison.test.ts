import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildMember, buildOrg, buildSector, type OrgRow } from '../../demo/builders.js';
import { buildLinks, buildPartyOrg } from '../../demo/groups.js';
import { rowsOf } from '../../core/sql.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { levelOf, levelSql } from './liaison.rules.js';
import { DEFAULT_LIAISON_SCHEME, type LiaisonScheme } from './liaison.schema.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
const m: Record<string, { id: string }> = {};

/**
 * 党组: 陈志远 (chair). Standing: 王建国 (中共), 黄文华 (民盟). CPC members: 张海燕, 刘晓东.
 * Non-CPC: 李秀兰, 赵德明, 孙丽, 吴春燕.
 */
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { shortName: '远安县政协' });
  const sector = await buildSector(t.b, { org, name: '经济界' });
  const add = async (name: string, spec: Parameters<typeof buildMember>[1]) => (m[name] = (await buildMember(t.b, { org, sector, name, ...spec })).member);
  await add('陈志远', { party: '中共', position: 'chair', standing: true });
  await add('王建国', { party: '中共', standing: true });
  await add('黄文华', { party: '民盟', standing: true, position: 'vice_chair' });
  await add('张海燕', { party: '中共' });
  await add('刘晓东', { party: '中共' });
  for (const name of ['李秀兰', '赵德明', '孙丽', '吴春燕']) await add(name, { party: name === '孙丽' ? '民进' : '群众' });
  await buildPartyOrg(t.b, { org, kind: 'party_group', name: '中共远安县政协党组', members: [{ member: m['陈志远'], role: 'secretary' }] });
  await buildAccount(t.b, { org, loginName: 'liujing', displayName: '刘静', roles: ['staff'] });
  staff = await signIn(t.app, 'liujing');
});
afterAll(() => t.close());

const coverage = async () => (await staff.get('/api/liaison/coverage')).json();

describe('the liaison chain', () => {
  it('puts every member but the party group in exactly one level and counts coverage per level', async () => {
    const c = await coverage();
    expect(c.levels.map((l: { label: string; targets: number; covered: number }) => [l.label, l.targets, l.covered])).toEqual([
      ['党组成员联系常委', 2, 0],
      ['常委联系中共党员委员', 2, 0],
      ['中共党员委员联系非中共委员', 4, 0],
    ]);
    expect(c.levels[2].summary).toBe('非中共委员 4 人，已落实联系 0 人，覆盖率 0.0%');
    expect(c.total).toEqual({ targets: 8, covered: 0, rate: 0 });
  });

  it('assigns a keeper to several members at once, and the coverage changes', async () => {
    const res = await staff.post('/api/liaison/links', { keeperId: m['张海燕'].id, targetIds: [m['李秀兰'].id, m['赵德明'].id, m['孙丽'].id] });
    expect(res.json()).toEqual({ created: 3, already: 0 });
    const again = await staff.post('/api/liaison/links', { keeperId: m['张海燕'].id, targetIds: [m['李秀兰'].id] });
    expect(again.json()).toEqual({ created: 0, already: 1 });
    const c = await coverage();
    expect(c.levels[2]).toMatchObject({ targets: 4, covered: 3, summary: '非中共委员 4 人，已落实联系 3 人，覆盖率 75.0%' });
    const uncovered = (await staff.get('/api/liaison/uncovered?level=2')).json();
    expect(uncovered.items.map((x: { name: string }) => x.name)).toEqual(['吴春燕']);
    const keepers = (await staff.get('/api/liaison/keepers?level=2')).json();
    expect(keepers.items.map((k: { name: string; load: number }) => `${k.name}:${k.load}`)).toEqual(expect.arrayContaining(['张海燕:3', '刘晓东:0', '王建国:0']));
  });

  it('refuses a keeper who does not fit the level, in Chinese, and links nobody', async () => {
    const wrong = await staff.post('/api/liaison/links', { keeperId: m['黄文华'].id, targetIds: [m['吴春燕'].id] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('吴春燕 属于“中共党员委员联系非中共委员”，应由中共党员委员联系，黄文华 不是中共党员委员');
    const top = await staff.post('/api/liaison/links', { keeperId: m['王建国'].id, targetIds: [m['陈志远'].id] });
    expect(top.json().error.message).toBe('陈志远 不在联系链的被联系范围内');
    const self = await staff.post('/api/liaison/links', { keeperId: m['张海燕'].id, targetIds: [m['张海燕'].id] });
    expect(self.json().error.message).toBe('张海燕 不能联系自己');
    const outsider = (await buildMember(t.b, { name: '外县委员' })).member;
    const foreign = await staff.post('/api/liaison/links', { keeperId: m['张海燕'].id, targetIds: [outsider.id] });
    expect(foreign.json().error.message).toBe('所选委员中有人不是本组织在任委员');
    expect((await coverage()).total.covered).toBe(3);
  });

  it('shows both directions on the member page', async () => {
    await buildLinks(t.b, org, m['陈志远'], [m['王建国']]);
    await buildLinks(t.b, org, m['王建国'], [m['张海燕']]);
    const r = (await staff.get(`/api/members/${m['张海燕'].id}/relations`)).json();
    expect(r.keptBy.map((x: { member: { name: string } }) => x.member.name)).toEqual(['王建国']);
    expect(r.keepsInTouchWith.map((x: { member: { name: string } }) => x.member.name).sort()).toEqual(['李秀兰', '赵德明', '孙丽'].sort());
  });

  it('stops counting a keeper who has left', async () => {
    expect((await coverage()).levels[1].covered).toBe(1);
    await staff.post(`/api/members/${m['王建国'].id}/leave`, { leftAt: '2026-11-01', reason: '工作调动' });
    const c = await coverage();
    expect(c.levels[0].targets).toBe(1); // 王建国 is no longer a target
    expect(c.levels[1]).toMatchObject({ targets: 2, covered: 0 });
  });

  it('re-partitions at once when the org changes its chain; a bad chain changes nothing', async () => {
    const bad = await staff.put('/api/liaison/scheme', { levels: [{ label: '委员联系党组', keeper: 'all', target: 'party_group' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toBe('党组成员处在联系链的最上端，不作为被联系对象');
    const tiandong: LiaisonScheme = [
      { label: '党组成员联系党员委员', keeper: 'party_group', target: 'cpc' },
      { label: '党员委员联系党外委员', keeper: 'cpc', target: 'non_cpc' },
    ];
    const res = await staff.put('/api/liaison/scheme', { levels: tiandong });
    expect(res.json().levels.map((l: { label: string; targets: number; covered: number }) => [l.label, l.targets, l.covered])).toEqual([
      ['党组成员联系党员委员', 2, 0],
      ['党员委员联系党外委员', 5, 3],
    ]);
    // the org settings page keeps the chain it does not show
    await buildAccount(t.b, { org, loginName: 'adminx', roles: ['admin'] });
    expect((await (await signIn(t.app, 'adminx')).patch('/api/orgs/current/settings', { idleTimeoutMinutes: 45 })).statusCode).toBe(200);
    expect((await coverage()).scheme).toEqual(tiandong);
    await staff.put('/api/liaison/scheme', { levels: DEFAULT_LIAISON_SCHEME });
  });

  it('lets leaders read it; members and units cannot, not even through a colleague’s page', async () => {
    for (const [login, role, status] of [['leaderx', 'leader', 200], ['memberx', 'member', 403], ['unitx', 'unit', 403]] as const) {
      await buildAccount(t.b, { org, loginName: login, roles: [role] });
      expect((await (await signIn(t.app, login)).get('/api/liaison/coverage')).statusCode).toBe(status);
    }
    const colleague = (await (await signIn(t.app, 'memberx')).get(`/api/members/${m['张海燕'].id}/relations`)).json();
    expect(colleague.keepsInTouchWith).toEqual([]);
    const leader = (await (await signIn(t.app, 'leaderx')).get(`/api/members/${m['张海燕'].id}/relations`)).json();
    expect(leader.keepsInTouchWith.length).toBe(3);
  });

  it('places members in levels the same way in SQL and in code', async () => {
    const rows = await rowsOf<{ name: string; level: number | null; standing: boolean; party: string; pg: boolean }>(
      t.b.db,
      sql`select p.name, ${levelSql(DEFAULT_LIAISON_SCHEME, sql`m`)} as level, m.standing, m.party,
          exists (select 1 from party_org_member x where x.member_id = m.id) as pg
        from member m join person p on p.id = m.person_id where m.org_id = ${org.id}`,
    );
    for (const r of rows) expect({ name: r.name, level: levelOf(DEFAULT_LIAISON_SCHEME, { partyGroup: r.pg, standing: r.standing, party: r.party }) }).toEqual({ name: r.name, level: r.level });
  });
});
