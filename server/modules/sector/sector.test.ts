import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildMember, buildOrg, buildSector, type OrgRow } from '../../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { chineseNumber, sessionName, termName } from '../term/term.schema.js';

let t: TestApp;
let org: OrgRow;
let staff: Agent;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b);
  await buildAccount(t.b, { org, loginName: 'structstaff', roles: ['staff'] });
  staff = await signIn(t.app, 'structstaff');
});
afterAll(() => t.close());

describe('sectors and committees', () => {
  it('creates sectors, refuses duplicates, and counts active members', async () => {
    let sectors = (await staff.post('/api/sectors', { name: '经济界', sort: 10 })).json();
    sectors = (await staff.post('/api/sectors', { name: '中共', sort: 1 })).json();
    expect(sectors.map((s: { name: string }) => s.name)).toEqual(['中共', '经济界']);
    const dup = await staff.post('/api/sectors', { name: '经济界' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('界别“经济界”已存在');
    const economy = sectors[1];
    await buildMember(t.b, { org, sector: economy });
    await buildMember(t.b, { org, sector: economy });
    expect((await staff.get('/api/sectors')).json()[1]).toMatchObject({ name: '经济界', memberCount: 2 });
    const renamed = await staff.put(`/api/sectors/${sectors[0].id}`, { name: '中国共产党', sort: 1 });
    expect(renamed.json()[0].name).toBe('中国共产党');
    const emptyOne = (await staff.post('/api/sectors', { name: '特邀界', sort: 30 })).json().find((s: { name: string }) => s.name === '特邀界');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/sectors/${emptyOne.id}`, cookies: { xs_session: staff.cookie }, headers: { 'x-csrf-token': staff.csrf } });
    expect(del.json().map((s: { name: string }) => s.name)).not.toContain('特邀界');
  });

  it('links committees to several sectors of the org only', async () => {
    const sectors = (await staff.get('/api/sectors')).json();
    const ids = sectors.map((s: { id: string }) => s.id);
    const created = await staff.post('/api/committees', { name: '经济和农业农村委员会', shortName: '经济委', sectorIds: ids });
    expect(created.json()[0]).toMatchObject({ shortName: '经济委', sectors: [{ name: '中国共产党' }, { name: '经济界' }], memberCount: 0 });
    const foreign = await buildSector(t.b);
    const bad = await staff.post('/api/committees', { name: '文化文史和学习委员会', shortName: '文史委', sectorIds: [foreign.id] });
    expect(bad.json().error.details).toEqual([{ path: 'sectorIds', message: '所选界别不存在或不属于本组织' }]);
    const id = created.json()[0].id;
    const updated = await staff.put(`/api/committees/${id}`, { name: '经济和农业农村委员会', shortName: '经济委', sort: 0, sectorIds: [ids[1]] });
    expect(updated.json()[0].sectors).toEqual([{ id: ids[1], name: '经济界' }]);
    const dup = await staff.post('/api/committees', { name: '另一个专门委员会', shortName: '经济委', sectorIds: [] });
    expect(dup.statusCode).toBe(409);
  });

  it('is read by members, managed by staff and admins only', async () => {
    await buildAccount(t.b, { org, loginName: 'structmember', roles: ['member'] });
    const member = await signIn(t.app, 'structmember');
    expect((await member.get('/api/sectors')).statusCode).toBe(200);
    expect((await member.post('/api/sectors', { name: '农业界' })).statusCode).toBe(403);
  });
});

describe('terms and sessions', () => {
  it('names terms and sessions the way committees do', () => {
    expect([1, 9, 10, 13, 20, 21].map(chineseNumber)).toEqual(['一', '九', '十', '十三', '二十', '二十一']);
    expect(termName(10)).toBe('第十届');
    expect(sessionName(10, 3)).toBe('十届三次会议');
  });

  it('keeps one current term and numbers sessions within it', async () => {
    await staff.post('/api/terms', { number: 9, startDate: '2016-12-20', endDate: '2021-12-31', isCurrent: true });
    const terms = (await staff.post('/api/terms', { number: 10, startDate: '2022-01-10', isCurrent: true })).json();
    expect(terms.map((x: { name: string; isCurrent: boolean }) => [x.name, x.isCurrent])).toEqual([['第十届', true], ['第九届', false]]);
    const dup = await staff.post('/api/terms', { number: 10, startDate: '2022-01-10' });
    expect(dup.json().error.message).toBe('第十届已存在');
    const tenth = terms[0].id;
    await staff.post(`/api/terms/${tenth}/sessions`, { number: 1, startDate: '2022-01-10' });
    const after = (await staff.post(`/api/terms/${tenth}/sessions`, { number: 5, startDate: '2026-01-08', endDate: '2026-01-11' })).json();
    expect(after[0].sessions.map((s: { name: string }) => s.name)).toEqual(['十届一次会议', '十届五次会议']);
    expect((await staff.post(`/api/terms/${tenth}/sessions`, { number: 5, startDate: '2026-01-08' })).statusCode).toBe(409);
    const back = (await staff.post(`/api/terms/${terms[1].id}/current`)).json();
    expect(back.find((x: { isCurrent: boolean }) => x.isCurrent).name).toBe('第九届');
  });
});
