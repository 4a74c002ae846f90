import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../core/sql.js';
import { account } from '../modules/account/account.table.js';
import { chineseNumber } from '../modules/term/term.schema.js';
import { PLACE_NAMES } from '../modules/search/vocabulary.js';
import type { Builder, OrgRow } from './builders.js';
import { buildGroup, buildLinks, buildPartyOrg, buildPlace } from './groups.js';

/** 远安县's townships and, under each, villages and communities: the places the search vocabulary ships. */
export const PLACES = PLACE_NAMES;

/** The 12 groups' leaders (the chair and the four vice-chairs) and committee pairs: each committee in four groups. */
const LEADERS = ['陈志远', '黄文华', '邓立新', '覃桂英', '周俊峰', '陈志远', '黄文华', '邓立新', '覃桂英', '周俊峰', '黄文华', '邓立新'];
const PAIRS = [[0, 1], [2, 3], [4, 5], [0, 2], [1, 3], [4, 0], [5, 1], [2, 4], [3, 5], [0, 3], [1, 4], [2, 5]];
export const LIAISON_STAFF = ['lixiulan', 'liujing', 'wangxiaomei', 'zhaozhihua', 'tianjing', 'sunjianguo'];

interface M {
  id: string;
  name: string;
  position: string;
  standing: boolean;
  party: string;
  sector_id: string;
}

/**
 * 远安's organisation around its members: places, 12 groups formed the 远安 way (a chair or vice-chair,
 * two committees and the sectors they link), the party group with the office branch and a temporary
 * branch per group (新河), and the liaison chain, mostly covered.
 */
export async function seedStructure(b: Builder, county: OrgRow) {
  const members = await rowsOf<M>(
    b.db,
    sql`select m.id, p.name, m.position, m.standing, m.party, m.sector_id from member m join person p on p.id = m.person_id
      where m.org_id = ${county.id} and m.status = 'active' order by m.created_at, m.id`,
  );
  const byName = (name: string) => members.find((m) => m.name === name)!;
  const committees = await rowsOf<{ id: string; sectors: string[] }>(
    b.db,
    sql`select c.id, array_agg(cs.sector_id::text) as sectors from committee c join committee_sector cs on cs.committee_id = c.id
      where c.org_id = ${county.id} group by c.id, c.sort order by c.sort`,
  );
  const staff = await Promise.all(LIAISON_STAFF.map(async (l) => (await b.db.select({ id: account.id }).from(account).where(eq(account.loginName, l)))[0]));

  const places = [];
  for (const [i, [township, villages]] of PLACES.entries()) {
    const t = await buildPlace(b, { org: county, name: township, sort: i + 1 });
    for (const [j, v] of villages.entries()) places.push(await buildPlace(b, { org: county, name: v, parent: t, kind: v.endsWith('社区') ? 'community' : 'village', sort: j + 1 }));
  }

  // each member joins the least-filled group whose two committees link their sector
  const leaders = new Set(LEADERS.map((n) => byName(n).id));
  const groups = PAIRS.map((pair, i) => ({ i, leader: byName(LEADERS[i]), sectors: new Set(pair.flatMap((c) => committees[c].sectors)), members: [] as M[] }));
  for (const g of groups) if (!groups.some((h) => h.i < g.i && h.leader.id === g.leader.id)) g.members.push(g.leader);
  for (const m of members.filter((x) => !leaders.has(x.id))) {
    const fit = groups.filter((g) => g.sectors.has(m.sector_id)).sort((a, c) => a.members.length - c.members.length || a.i - c.i)[0];
    fit.members.push(m);
  }
  const [partyGroup] = [
    await buildPartyOrg(b, {
      org: county,
      kind: 'party_group',
      name: '中共远安县政协党组',
      members: [{ member: byName('陈志远'), role: 'secretary' }, { member: byName('邓立新'), role: 'deputy_secretary' }, { member: byName('曾德明'), role: 'committee_member' }],
    }),
  ];
  await buildPartyOrg(b, {
    org: county,
    kind: 'branch',
    name: '中共远安县政协机关支部委员会',
    parent: partyGroup,
    sort: 1,
    staff: staff.map((s, i) => ({ account: s, role: i === 0 ? 'secretary' : i < 3 ? 'committee_member' : 'member' })),
  });
  const perGroup = Math.ceil(places.length / groups.length);
  for (const g of groups) {
    const others = g.members.filter((m) => m.id !== g.leader.id);
    const convener = others.find((m) => m.party === '中共' && m.standing) ?? others.find((m) => m.party === '中共') ?? others[0];
    const name = `第${chineseNumber(g.i + 1)}活动小组`;
    const row = await buildGroup(b, {
      org: county,
      name,
      sort: g.i + 1,
      leader: g.leader,
      convener,
      liaisonAccount: staff[g.i % staff.length],
      committees: PAIRS[g.i].map((c) => committees[c]),
      places: places.slice(g.i * perGroup, (g.i + 1) * perGroup),
      members: g.members,
    });
    if (convener.party === '中共')
      await buildPartyOrg(b, {
        org: county,
        kind: 'temp_branch',
        name: `${name}临时党支部`,
        parent: partyGroup,
        group: row,
        sort: g.i + 1,
        members: [{ member: convener, role: 'secretary' }],
        staff: [{ account: staff[g.i % staff.length], role: 'committee_member' }],
      });
  }
  await seedLiaison(b, county, members, groups);
}

/**
 * 党组成员联系常委 (all covered), 常委联系中共党员委员 and 中共党员委员联系非中共委员, keepers from the
 * member's own group where there is one; a few members left uncovered, as in a real office.
 */
async function seedLiaison(b: Builder, county: OrgRow, members: M[], groups: { members: M[] }[]) {
  const partyGroup = new Set(['陈志远', '邓立新', '曾德明']);
  const groupOf = new Map(groups.flatMap((g, i) => g.members.map((m) => [m.id, i] as const)));
  const rest = members.filter((m) => !partyGroup.has(m.name));
  const standing = rest.filter((m) => m.standing);
  const cpc = rest.filter((m) => !m.standing && m.party === '中共');
  const others = rest.filter((m) => !m.standing && m.party !== '中共');
  const load = new Map<string, M[]>();
  const assign = (targets: M[], keepers: M[], skipEvery: number) =>
    targets.forEach((t, i) => {
      if (skipEvery && i % skipEvery === skipEvery - 1) return;
      const pool = keepers.filter((k) => k.id !== t.id);
      const near = pool.filter((k) => groupOf.get(k.id) === groupOf.get(t.id));
      const k = (near.length ? near : pool).sort((a, c) => (load.get(a.id)?.length ?? 0) - (load.get(c.id)?.length ?? 0))[0];
      load.set(k.id, [...(load.get(k.id) ?? []), t]);
    });
  assign(standing, members.filter((m) => partyGroup.has(m.name)), 0);
  assign(cpc, members.filter((m) => m.standing), 25);
  assign(others, members.filter((m) => m.party === '中共'), 14);
  for (const [keeper, targets] of load) await buildLinks(b, county, { id: keeper }, targets);
}
