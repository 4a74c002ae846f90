import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildMember, buildOrg, buildSector, type OrgRow } from '../../demo/builders.js';
import { buildGroup } from '../../demo/groups.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
let staffAccount: { id: string };
const m: Record<string, { id: string }> = {};

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b, { shortName: '远安县政协' });
  const sector = await buildSector(t.b, { org, name: '中共' });
  const add = async (name: string, party: '中共' | '民盟' | '群众', spec: Parameters<typeof buildMember>[1] = {}) =>
    (m[name] = (await buildMember(t.b, { org, sector, name, party, ...spec })).member);
  await add('陈志远', '中共', { position: 'chair', standing: true });
  await add('邓立新', '中共', { position: 'vice_chair', standing: true });
  await add('黄文华', '民盟', { position: 'vice_chair', standing: true });
  await add('王建国', '中共', { standing: true });
  await add('张海燕', '中共');
  await add('李秀兰', '群众');
  ({ account: staffAccount } = await buildAccount(t.b, { org, loginName: 'liujing', displayName: '刘静', roles: ['staff'] }));
  staff = await signIn(t.app, 'liujing');
});
afterAll(() => t.close());

const tree = async () => (await staff.get('/api/party-orgs')).json() as { id: string; name: string; kind: string; parentId: string | null; memberCount: number; secretary: { name: string } | null }[];

describe('the party organisation tree', () => {
  let partyGroup: { id: string };
  it('builds 党组 — 机关党组 — 机关党委 — 支部 and refuses a shape the rules do not allow', async () => {
    const pg = await staff.post('/api/party-orgs', { kind: 'party_group', name: '中共远安县政协党组' });
    expect(pg.statusCode).toBe(200);
    partyGroup = pg.json();
    const organ = (await staff.post('/api/party-orgs', { kind: 'organ_party_group', name: '中共远安县政协机关党组', parentId: partyGroup.id })).json();
    const committee = (await staff.post('/api/party-orgs', { kind: 'organ_party_committee', name: '中共远安县政协机关委员会', parentId: organ.id })).json();
    const branch = await staff.post('/api/party-orgs', { kind: 'branch', name: '中共远安县政协机关第一支部委员会', parentId: committee.id });
    expect(branch.statusCode).toBe(200);
    const second = await staff.post('/api/party-orgs', { kind: 'party_group', name: '另一个党组' });
    expect(second.json().error.message).toBe('本组织已有党组：中共远安县政协党组');
    const wrong = await staff.post('/api/party-orgs', { kind: 'organ_party_group', name: '机关党组（错误）', parentId: branch.json().id });
    expect(wrong.json().error.message).toBe('机关党组不能设在党支部之下');
    const temp = await staff.post('/api/party-orgs', { kind: 'temp_branch', name: '第一活动小组临时党支部', parentId: partyGroup.id });
    expect(temp.json().error.message).toBe('临时党支部请在活动小组中建立（以召集人为书记）');
    expect((await tree()).map((p) => p.kind)).toEqual(['party_group', 'organ_party_group', 'organ_party_committee', 'branch']);
  });

  it('takes CPC members and office staff, one secretary each, and refuses non-CPC members', async () => {
    const add = (body: object) => staff.post(`/api/party-orgs/${partyGroup.id}/members`, body);
    expect((await add({ memberId: m['陈志远'].id, role: 'secretary' })).json().secretary.name).toBe('陈志远');
    expect((await add({ memberId: m['邓立新'].id, role: 'secretary' })).json().error.message).toBe('中共远安县政协党组已有书记 陈志远，请先调整其职务');
    expect((await add({ memberId: m['邓立新'].id, role: 'deputy_secretary' })).statusCode).toBe(200);
    expect((await add({ memberId: m['黄文华'].id })).json().error.message).toBe('黄文华 的党派是民盟，不能加入党组织');
    expect((await add({ accountId: staffAccount.id, role: 'committee_member' })).statusCode).toBe(200);
    const list = (await staff.get(`/api/party-orgs/${partyGroup.id}/members`)).json();
    expect(list.items.map((p: { name: string; roleLabel: string }) => `${p.name}:${p.roleLabel}`)).toEqual(['陈志远:书记', '邓立新:副书记', '刘静:成员']);
  });

  it('creates a group’s temporary branch with its convener as secretary; its party members follow the group', async () => {
    const g = await buildGroup(t.b, { org, name: '第一活动小组', convener: m['王建国'], liaisonAccount: staffAccount, members: [m['张海燕'], m['李秀兰']] });
    const res = await staff.post(`/api/groups/${g.id}/temp-branch`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '第一活动小组临时党支部', kind: 'temp_branch', parentId: partyGroup.id, secretary: { name: '王建国' }, memberCount: 3 });
    const members = (await staff.get(`/api/party-orgs/${res.json().id}/members`)).json();
    expect(members.items.map((p: { name: string; roleLabel: string }) => `${p.name}:${p.roleLabel}`)).toEqual(['王建国:书记', '刘静:委员', '张海燕:党员']);
    // a CPC member who joins the group is a party member of the branch at once
    const joined = (await staff.post(`/api/groups/${g.id}/members`, { memberIds: [m['邓立新'].id] })).json();
    expect(joined.tempBranch.name).toBe('第一活动小组临时党支部');
    expect((await tree()).find((p) => p.kind === 'temp_branch')!.memberCount).toBe(4);
    expect((await staff.post(`/api/groups/${g.id}/temp-branch`, {})).json().error.message).toBe('第一活动小组已建有第一活动小组临时党支部');
    const r = (await staff.get(`/api/members/${m['张海燕'].id}/relations`)).json();
    expect(r.partyOrgs).toEqual([expect.objectContaining({ name: '第一活动小组临时党支部', roleLabel: '党员' })]);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/groups/${g.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(del.json().error.message).toBe('第一活动小组建有第一活动小组临时党支部，请先撤销临时党支部');
  });

  it('moves the secretaryship with the convener, and ends a member’s offices when they leave', async () => {
    const { member: first } = await buildMember(t.b, { org, name: '谭国平', party: '中共' });
    const g = await buildGroup(t.b, { org, name: '第五活动小组', convener: first });
    const branch = (await staff.post(`/api/groups/${g.id}/temp-branch`, {})).json();
    expect(branch.secretary.name).toBe('谭国平');
    const { member: newcomer } = await buildMember(t.b, { org, name: '彭德明', party: '中共' });
    await staff.post(`/api/groups/${g.id}/members`, { memberIds: [newcomer.id] });
    const changed = await staff.put(`/api/groups/${g.id}`, { name: '第五活动小组', sort: 5, convenerId: newcomer.id, leaderId: null, liaisonAccountId: null, committeeIds: [], placeIds: [] });
    expect(changed.statusCode).toBe(200);
    expect((await tree()).find((p) => p.id === branch.id)!.secretary!.name).toBe('彭德明');
    const left = await staff.post(`/api/members/${newcomer.id}/leave`, { leftAt: '2026-11-20', reason: '工作调动' });
    expect(left.statusCode).toBe(200);
    expect((await staff.get('/api/groups')).json().find((x: { id: string }) => x.id === g.id).convener).toBeNull();
    expect((await tree()).find((p) => p.id === branch.id)!.secretary).toBeNull();
    const members = (await staff.get(`/api/party-orgs/${branch.id}/members`)).json().items;
    const tan = members.find((p: { name: string }) => p.name === '谭国平');
    expect(tan).toMatchObject({ id: null, roleLabel: '党员' }); // no longer secretary: a party member through the group
  });

  it('refuses a temporary branch whose convener is not CPC', async () => {
    const g = await buildGroup(t.b, { org, name: '第二活动小组', convener: m['黄文华'] });
    const res = await staff.post(`/api/groups/${g.id}/temp-branch`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('召集人 黄文华 不是中共党员，不能担任临时党支部书记；请先更换召集人');
  });

  it('keeps a party member in one branch, and lets go of a branch whose only member has left', async () => {
    const first = (await staff.post('/api/party-orgs', { kind: 'branch', name: '中共远安县政协机关第二支部委员会', parentId: partyGroup.id })).json();
    expect(first.sort).toBeGreaterThan(0); // appended after its siblings
    const second = (await staff.post('/api/party-orgs', { kind: 'branch', name: '中共远安县政协机关第三支部委员会', parentId: partyGroup.id })).json();
    expect((await staff.post(`/api/party-orgs/${first.id}/members`, { memberId: m['张海燕'].id })).statusCode).toBe(200);
    const twice = await staff.post(`/api/party-orgs/${second.id}/members`, { memberId: m['张海燕'].id });
    expect(twice.json().error.message).toBe('张海燕 的组织关系已在中共远安县政协机关第二支部委员会，一名党员只能编入一个党支部');
    const { member: leaving } = await buildMember(t.b, { org, name: '孙建华', party: '中共' });
    await staff.post(`/api/party-orgs/${second.id}/members`, { memberId: leaving.id });
    await staff.post(`/api/members/${leaving.id}/leave`, { leftAt: '2026-11-01', reason: '工作调动' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/party-orgs/${second.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(del.statusCode).toBe(200);
  });

  it('lets members read the tree but not change it', async () => {
    await buildAccount(t.b, { org, loginName: 'memberx', roles: ['member'] });
    const member = await signIn(t.app, 'memberx');
    expect((await member.get('/api/party-orgs')).statusCode).toBe(200);
    expect((await member.post('/api/party-orgs', { kind: 'branch', name: '某某党支部委员会', parentId: partyGroup.id })).statusCode).toBe(403);
  });
});
