import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildCommittee, buildMember, buildOrg, buildSector, type OrgRow } from '../../demo/builders.js';
import { buildGroup, buildPlace } from '../../demo/groups.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
let staffAccount: { id: string };
const m: Record<string, { id: string }> = {};
let economy: { id: string };
let farming: { id: string };
let health: { id: string };
let jingji: { id: string };
let kewei: { id: string };
let mingfeng: { id: string };
let dongzhuangping: { id: string };

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { shortName: '远安县政协' });
  economy = await buildSector(t.b, { org, name: '经济界', sort: 1 });
  farming = await buildSector(t.b, { org, name: '农业界', sort: 2 });
  health = await buildSector(t.b, { org, name: '医药卫生界', sort: 3 });
  const education = await buildSector(t.b, { org, name: '教育界', sort: 4 });
  jingji = await buildCommittee(t.b, { org, name: '经济和农业农村委员会', shortName: '经济委', sort: 1, sectors: [economy, farming] });
  kewei = await buildCommittee(t.b, { org, name: '教科卫体委员会', shortName: '教科卫体委', sort: 2, sectors: [health, education] });
  const add = async (key: string, spec: Parameters<typeof buildMember>[1]) => (m[key] = (await buildMember(t.b, { org, name: key, ...spec })).member);
  await add('黄文华', { sector: economy, position: 'vice_chair', standing: true, party: '民盟' });
  await add('王建国', { sector: economy, party: '中共', standing: true });
  await add('李秀兰', { sector: farming, party: '群众' });
  await add('张海燕', { sector: health, party: '中共' });
  await add('赵德明', { sector: education, party: '九三学社' });
  await add('刘晓东', { sector: economy, party: '群众' });
  ({ account: staffAccount } = await buildAccount(t.b, { org, loginName: 'liujing', displayName: '刘静', roles: ['staff'] }));
  staff = await signIn(t.app, 'liujing');
  mingfeng = await buildPlace(t.b, { org, name: '鸣凤镇' });
  dongzhuangping = await buildPlace(t.b, { org, name: '东庄坪社区', parent: mingfeng, kind: 'community' });
});
afterAll(() => t.close());

describe('forming a group the 远安 way', () => {
  it('proposes the leader and the ungrouped members of the sectors the two committees link', async () => {
    const res = await staff.post('/api/groups/propose', { leaderId: m['黄文华'].id, committeeIds: [jingji.id, kewei.id] });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.suggestedName).toBe('第一活动小组');
    expect(p.sectors.map((s: { name: string }) => s.name)).toEqual(['经济界', '农业界', '医药卫生界', '教育界']);
    expect(p.candidates[0].name).toBe('黄文华');
    expect(p.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['黄文华', '王建国', '李秀兰', '张海燕', '赵德明', '刘晓东'].sort());
    expect(p.elsewhere).toEqual([]);
  });

  it('refuses a leader who is not a chair or vice-chair', async () => {
    const res = await staff.post('/api/groups/propose', { leaderId: m['王建国'].id, committeeIds: [jingji.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('王建国 不是主席或副主席');
  });

  it('forms the group with its convener, liaison staff and places; the members list filters by it', async () => {
    const res = await staff.post('/api/groups', {
      name: '第一活动小组',
      leaderId: m['黄文华'].id,
      convenerId: m['王建国'].id,
      liaisonAccountId: staffAccount.id,
      committeeIds: [jingji.id, kewei.id],
      placeIds: [dongzhuangping.id],
      memberIds: [m['黄文华'].id, m['李秀兰'].id, m['张海燕'].id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '第一活动小组',
      leader: { name: '黄文华' },
      convener: { name: '王建国' },
      liaisonStaff: { name: '刘静' },
      committees: [{ name: '经济委' }, { name: '教科卫体委' }],
      places: [{ name: '鸣凤镇东庄坪社区' }],
      memberCount: 4,
      cpcCount: 2,
      tempBranch: null,
    });
    const list = (await staff.get(`/api/members?groupId=${res.json().id}`)).json();
    expect(list.items.map((x: { name: string }) => x.name).sort()).toEqual(['黄文华', '王建国', '李秀兰', '张海燕'].sort());
    expect(list.items[0].group).toEqual({ id: res.json().id, name: '第一活动小组' });
    expect((await staff.get('/api/members?groupId=none')).json().items.map((x: { name: string }) => x.name).sort()).toEqual(['赵德明', '刘晓东'].sort());
    const next = (await staff.post('/api/groups/propose', { leaderId: m['黄文华'].id, committeeIds: [jingji.id] })).json();
    expect(next.suggestedName).toBe('第二活动小组');
    expect(next.candidates.map((c: { name: string }) => c.name)).toEqual(['刘晓东']);
    expect(next.elsewhere.map((e: { member: { name: string }; group: { name: string } }) => `${e.member.name}@${e.group.name}`).sort()).toEqual(['王建国@第一活动小组', '李秀兰@第一活动小组'].sort());
  });

  it('keeps a member in one group and a place with one group, and says who and where; nothing changes', async () => {
    const before = (await staff.get('/api/groups')).json();
    const res = await staff.post('/api/groups', { name: '第二活动小组', memberIds: [m['李秀兰'].id, m['赵德明'].id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('李秀兰 已在第一活动小组');
    const place = await staff.post('/api/groups', { name: '第二活动小组', placeIds: [dongzhuangping.id] });
    expect(place.json().error.details).toEqual([{ path: 'placeIds', message: '鸣凤镇东庄坪社区已由第一活动小组联系' }]);
    const dup = await staff.post('/api/groups', { name: '第一活动小组' });
    expect(dup.json().error.message).toBe('已有名为“第一活动小组”的小组');
    expect((await staff.get('/api/groups')).json()).toEqual(before);
  });

  it('moves a member between groups only when asked, and never removes the convener', async () => {
    const second = (await staff.post('/api/groups', { name: '第二活动小组', memberIds: [m['赵德明'].id] })).json();
    const refused = await staff.post(`/api/groups/${second.id}/members`, { memberIds: [m['李秀兰'].id] });
    expect(refused.statusCode).toBe(409);
    const moved = await staff.post(`/api/groups/${second.id}/members`, { memberIds: [m['李秀兰'].id], move: true });
    expect(moved.json().memberCount).toBe(2);
    const groups = (await staff.get('/api/groups')).json();
    expect(groups.find((g: { name: string }) => g.name === '第一活动小组').memberCount).toBe(3);
    const first = groups.find((g: { name: string }) => g.name === '第一活动小组');
    const out = await t.app.inject({ method: 'DELETE', url: `/api/groups/${first.id}/members/${m['王建国'].id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(out.json().error.message).toBe('王建国 是本组召集人，请先更换召集人');
    const poached = await staff.post(`/api/groups/${second.id}/members`, { memberIds: [m['王建国'].id], move: true });
    expect(poached.json().error.message).toBe('王建国 是第一活动小组召集人，请先为原小组更换召集人');
  });

  it('shows a member their group on their page; members may read groups, units may not', async () => {
    const { account } = await buildAccount(t.b, { org, loginName: 'zhangx', roles: ['member'] });
    const { member: me } = await buildMember(t.b, { org, sector: health, name: '周红霞', accountId: account.id });
    await buildGroup(t.b, { org, name: '第三活动小组', convener: me, members: [me] });
    const member = await signIn(t.app, 'zhangx');
    const mine = (await member.get('/api/members/me/relations')).json();
    expect(mine.group).toMatchObject({ name: '第三活动小组', convener: { name: '周红霞' } });
    expect((await member.post('/api/groups', { name: '第四活动小组' })).statusCode).toBe(403);
    await buildAccount(t.b, { org, loginName: 'unitx', roles: ['unit'] });
    expect((await (await signIn(t.app, 'unitx')).get('/api/groups')).statusCode).toBe(403);
  });

  it('lists groups in one query whatever their number', async () => {
    for (let i = 0; i < 5; i++) await buildGroup(t.b, { org, name: `测试组${i}`, members: [(await buildMember(t.b, { org, sector: economy })).member] });
    const before = t.deps.database.queryCount();
    const res = await staff.get('/api/groups');
    expect(res.json().length).toBe(8);
    expect(t.deps.database.queryCount() - before).toBeLessThanOrEqual(2); // the session, the list
  });
});

describe('places', () => {
  it('adds villages under a township in one go, refuses duplicates and deleting what is in use', async () => {
    const res = await staff.post('/api/places', { parentId: mingfeng.id, kind: 'village', names: ['太平村', '凤阳村'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().filter((p: { parentId: string }) => p.parentId === mingfeng.id).map((p: { fullName: string }) => p.fullName)).toEqual(['鸣凤镇东庄坪社区', '鸣凤镇太平村', '鸣凤镇凤阳村']);
    const whole = await staff.post('/api/groups', { name: '鸣凤镇小组', placeIds: [mingfeng.id] });
    expect(whole.json().error.details).toEqual([{ path: 'placeIds', message: '鸣凤镇东庄坪社区已由第一活动小组联系，鸣凤镇不能再由其他小组联系' }]);
    const dup = await staff.post('/api/places', { parentId: mingfeng.id, kind: 'village', names: ['太平村'] });
    expect(dup.json().error.message).toBe('鸣凤镇太平村 已存在');
    const noParent = await staff.post('/api/places', { kind: 'village', names: ['新村'] });
    expect(noParent.json().error.details[0].message).toBe('村、社区须选择所属乡镇');
    const del = (id: string) => t.app.inject({ method: 'DELETE', url: `/api/places/${id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect((await del(mingfeng.id)).json().error.message).toBe('鸣凤镇下还有 3 个村（社区），不能删除');
    expect((await del(dongzhuangping.id)).json().error.message).toBe('东庄坪社区由第一活动小组联系，请先在小组中取消');
  });
});
