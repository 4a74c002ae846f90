import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { buildSearchFixture, CONCERNS, REPORTS, type SearchFixture } from './search.fixture.js';
import { updateDocState } from './search.index.js';
import { reindexStale } from './search.reindex.js';
import { DICT_VERSION } from './segment.js';

let t: TestApp;
let f: SearchFixture;
let staff: Agent;
let memberA: Agent;

beforeAll(async () => {
  t = await testApp();
  f = await buildSearchFixture(t.b, t.clock.now());
  staff = await signIn(t.app, f.logins.staff);
  memberA = await signIn(t.app, f.logins.memberA);
});
afterAll(() => t.close());

interface Hit {
  kind: string;
  refId: string;
  title: string;
  snippet: string;
  titleHighlights: { text: string; hit: boolean }[];
  snippetHighlights: { text: string; hit: boolean }[];
  placeName: string | null;
  status: string;
  category: string | null;
}

const keyOf = (id: string) => Object.entries(f.ids).find(([, v]) => v === id)?.[0];
const search = async (agent: Agent, query: Record<string, string>) => {
  const res = await agent.get(`/api/search?${new URLSearchParams(query)}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: Hit[]; total: number; totalEstimated: boolean; words: string[] };
  return { ...body, keys: body.items.map((i) => keyOf(i.refId)) };
};
const sorted = (xs: (string | undefined)[]) => [...xs].sort();

describe('quality: what a query finds', () => {
  it('门牌 finds 门牌号 and 住户门牌, not 牌照', async () => {
    const r = await search(staff, { q: '门牌' });
    expect(sorted(r.keys)).toEqual(['menpaihao', 'r-menpai', 'zhuhumenpai']);
    expect(r.total).toBe(3);
    expect(r.totalEstimated).toBe(false);
    const plates = await search(staff, { q: '牌照' });
    expect(sorted(plates.keys)).toEqual(['paizhao', 'tuolaji']);
  });

  it('路灯 finds the 路灯不亮 concerns and the report, not 楼道灯', async () => {
    const r = await search(staff, { q: '路灯' });
    expect(sorted(r.keys)).toEqual(['ludeng-dzp', 'ludeng-ly', 'r-ludeng']);
    const broken = await search(staff, { q: '路灯不亮' });
    expect(broken.keys).toEqual(['ludeng-dzp']);
    expect(broken.words).toEqual(['路灯', '不亮']);
  });

  it('two words must both be there', async () => {
    expect((await search(staff, { q: '鹿苑 路灯' })).keys).toEqual(['ludeng-ly']);
    expect(sorted((await search(staff, { q: '自来水 水压' })).keys)).toEqual(['r-yinshui', 'shuiya', 'shuiya-zk', 'tingshui']);
    expect((await search(staff, { q: '柑橘 门牌' })).keys).toEqual([]);
  });

  it('ranks a title match above a match in the text only, and finds items of every age', async () => {
    const r = await search(staff, { q: '水压' });
    expect(r.keys[0]).toBe('shuiya'); // 水压 in its title
    expect(r.keys).toContain('tingshui'); // only in its text
    expect((await search(staff, { q: '通村公路' })).keys).toEqual(['gonglu']); // 500 days old
    const newest = await search(staff, { q: '自来水', sort: 'newest' });
    expect(newest.keys).toEqual(['shuiya', 'r-yinshui', 'shuiya-zk', 'tingshui', 'shuizhi']);
  });

  it('a one-character query that is no word looks at titles', async () => {
    const r = await search(staff, { q: '灯' });
    expect(sorted(r.keys)).toEqual(['loudaodeng', 'ludeng-dzp', 'ludeng-ly', 'r-ludeng']);
    expect(r.items.find((i) => keyOf(i.refId) === 'loudaodeng')!.titleHighlights.filter((s) => s.hit).map((s) => s.text)).toEqual(['灯']);
  });

  it('query syntax typed by a user is only text', async () => {
    for (const q of ["路灯' | '门牌", '路灯 & !门牌', "'''", '\\', '%_%', '门牌:*']) {
      const res = await staff.get(`/api/search?${new URLSearchParams({ q })}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
    const r = await search(staff, { q: "路灯' | '门牌" });
    expect(r.keys).toEqual([]); // both words, not either
  });
});

describe('filters', () => {
  it('by kind, status and category', async () => {
    expect((await search(staff, { q: '门牌', kind: 'opinion_report' })).keys).toEqual(['r-menpai']);
    expect(sorted((await search(staff, { q: '自来水', status: 'answered' })).keys)).toEqual(['shuiya', 'tingshui']);
    expect(sorted((await search(staff, { q: '路灯', category: '环境整治' })).keys)).toEqual(['ludeng-dzp', 'ludeng-ly']);
  });

  it('a township covers its villages and communities; a village only itself', async () => {
    expect(sorted((await search(staff, { q: '自来水', placeId: f.places.mingfeng.id })).keys)).toEqual(['shuizhi', 'tingshui']);
    expect((await search(staff, { q: '自来水', placeId: f.places.fengshan.id })).keys).toEqual(['shuizhi']);
    const hit = (await search(staff, { q: '自来水', placeId: f.places.fengshan.id })).items[0];
    expect(hit.placeName).toBe('鸣凤镇凤山社区');
  });

  it('by date (China days, both ends included)', async () => {
    const day = (daysAgo: number) => new Date(t.clock.now().getTime() - daysAgo * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await search(staff, { q: '自来水', from: day(30), to: day(15) });
    expect(sorted(r.keys)).toEqual(['shuiya-zk', 'tingshui']);
    expect((await search(staff, { q: '柑橘', to: day(300) })).keys).toEqual(['r-ganju']);
    const bad = await staff.get(`/api/search?q=${encodeURIComponent('路灯')}&from=${day(1)}&to=${day(30)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('结束日期不能早于开始日期');
  });

  it('from a day still to come: nothing found, not a server error', async () => {
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await search(staff, { q: '路灯', from: tomorrow });
    expect(r.items).toEqual([]);
    expect(r.total).toBe(0);
  });
});

describe('highlighting', () => {
  it('marks the words as text pieces that put the title back together', async () => {
    const r = await search(staff, { q: '门牌' });
    for (const hit of r.items) {
      expect(hit.titleHighlights.map((s) => s.text).join('')).toBe(hit.title);
      expect(hit.snippetHighlights.map((s) => s.text).join('')).toBe(hit.snippet);
      expect(hit.snippetHighlights.filter((s) => s.hit).every((s) => s.text === '门牌')).toBe(true);
    }
    const menpaihao = r.items.find((i) => keyOf(i.refId) === 'menpaihao')!;
    expect(menpaihao.titleHighlights).toEqual([
      { text: '东庄坪社区新建安置房没有', hit: false },
      { text: '门牌', hit: true },
      { text: '号', hit: false },
    ]);
  });

  it('the snippet is a window of about 120 characters around the first match', async () => {
    const r = await search(staff, { q: '增压泵站' });
    const hit = r.items.find((i) => keyOf(i.refId) === 'r-yinshui')!;
    expect([...hit.snippet].length).toBeLessThanOrEqual(122);
    expect(hit.snippetHighlights.some((s) => s.hit)).toBe(true);
  });
});

describe('similar items', () => {
  it('of a 自来水水压 concern: the water concerns first, not itself', async () => {
    const res = await staff.get(`/api/search/similar?kind=request&id=${f.ids.shuiya}`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = (res.json().items as Hit[]).map((i) => keyOf(i.refId));
    expect(keys).not.toContain('shuiya');
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(sorted(keys.slice(0, 4))).toEqual(['r-yinshui', 'shuiya-zk', 'shuizhi', 'tingshui']);
    expect(res.json().words).toContain('水压');
  });

  it('of an unknown item: 404', async () => {
    const res = await staff.get(`/api/search/similar?kind=request&id=${crypto.randomUUID()}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('who sees what', () => {
  // which concerns a member finds: search.visibility.test.ts (over real concerns, groups and proposals)
  it('a member finds only the reports they wrote', async () => {
    expect((await search(memberA, { q: '门牌', kind: 'opinion_report' })).keys).toEqual([]); // r-menpai is member b's
    expect((await search(memberA, { q: '路灯', kind: 'opinion_report' })).keys).toEqual(['r-ludeng']);
    const other = await memberA.get(`/api/search/similar?kind=opinion_report&id=${f.ids['r-menpai']}`);
    expect(other.statusCode).toBe(404);
    const similar = await memberA.get(`/api/search/similar?kind=opinion_report&id=${f.ids['r-ludeng']}`);
    expect((similar.json().items as Hit[]).map((i) => keyOf(i.refId))).not.toContain('r-menpai');
  });

  it('a draft is its authors’ own: staff find it once it is submitted, its author at once', async () => {
    expect((await search(staff, { q: '农家书屋' })).keys).toEqual([]);
    expect((await search(await signIn(t.app, f.logins.memberB), { q: '农家书屋' })).keys).toEqual(['r-shushi']);
    expect((await staff.get(`/api/search/similar?kind=opinion_report&id=${f.ids['r-shushi']}`)).statusCode).toBe(404);
  });

  it('a unit account and nobody signed in cannot search', async () => {
    expect((await (await signIn(t.app, f.logins.unit)).get('/api/search?q=路灯')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('路灯')}` })).statusCode).toBe(401);
  });

  it('another org sees none of it', async () => {
    const other = await buildSearchFixture(t.b, t.clock.now(), '420598');
    const r = await search(await signIn(t.app, other.logins.staff), { q: '门牌' });
    expect(r.keys.every((k) => k === undefined)).toBe(true); // its own three, none of ours
    expect(r.total).toBe(3);
  });
});

describe('public search', () => {
  const pub = (path: string) => t.app.inject({ method: 'GET', url: `/api/public/orgs/${f.org.regionCode}/${path}` });

  it('finds published concerns only, never reports', async () => {
    const res = await pub(`search?q=${encodeURIComponent('自来水')}`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = (res.json().items as Hit[]).map((i) => keyOf(i.refId));
    expect(sorted(keys)).toEqual(['shuiya', 'tingshui']);
    const published = new Set(CONCERNS.filter((c) => c.isPublic).map((c) => c.key));
    for (const q of ['门牌', '路灯', '灯', '社区', '村']) {
      const items = (await pub(`search?q=${encodeURIComponent(q)}`)).json().items as Hit[];
      for (const i of items) expect(published.has(keyOf(i.refId)!), `${q}: ${i.title}`).toBe(true);
    }
    expect(REPORTS.length).toBeGreaterThan(0);
  });

  it('never shows or finds a phone number a resident typed', async () => {
    const res = await pub(`search?q=${encodeURIComponent('水压')}`);
    expect(res.body).toContain('鹿苑村自来水水压不足');
    expect(res.body).not.toContain('1390717');
    const texts = (res.json().items as Hit[]).map((i) => [i.title, i.snippet, i.titleHighlights, i.snippetHighlights]);
    expect(JSON.stringify(texts)).not.toMatch(/\d{7,}/);
    expect(JSON.stringify(texts)).toContain('联系电话***');
    expect((await pub('search?q=13907171234')).json().items).toEqual([]);
    expect((await search(staff, { q: '13907171234' })).keys).toEqual([]);
    expect((await search(staff, { q: '1390717' })).keys).toEqual([]);
  });

  it('similar concerns while typing: counts all, shows only published ones', async () => {
    const res = await pub(`similar?text=${encodeURIComponent('我们村的自来水水压太低了，楼上没水')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { count: number; countCapped: boolean; items: { id: string; title: string; answerSnippet: string | null }[] };
    expect(body.count).toBe(3); // shuiya, shuiya-zk, tingshui: two of 自来水/水压/没水…
    expect(body.countCapped).toBe(false);
    expect(sorted(body.items.map((i) => keyOf(i.id)))).toEqual(['shuiya', 'tingshui']);
    expect(JSON.stringify(body.items.map((i) => [i.title, i.answerSnippet]))).not.toMatch(/\d{7,}/);
  });

  it('a concern published later is found publicly from then on', async () => {
    const find = async () => ((await pub(`search?q=${encodeURIComponent('咀口村 自来水')}`)).json().items as Hit[]).map((i) => keyOf(i.refId));
    expect(await find()).toEqual([]);
    await updateDocState(t.deps.database.db, 'request', f.ids['shuiya-zk'], { isPublic: true });
    expect(await find()).toEqual(['shuiya-zk']);
    await updateDocState(t.deps.database.db, 'request', f.ids['shuiya-zk'], { isPublic: false, status: 'closed' });
    expect(await find()).toEqual([]);
    expect((await search(staff, { q: '咀口村 自来水', status: 'closed' })).keys).toEqual(['shuiya-zk']);
  });

  it('is rate-limited per address, with a Chinese message', async () => {
    const hit = () => t.app.inject({ method: 'GET', url: `/api/public/orgs/${f.org.regionCode}/search?q=${encodeURIComponent('路灯')}`, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 60; i++) expect((await hit()).statusCode).toBe(200);
    const res = await hit();
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toBe('搜索过于频繁，请稍后再试');
  });

  it('an unknown region: 404; a malformed one: 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/public/orgs/999999/search?q=路灯' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/orgs/abc/search?q=路灯' })).statusCode).toBe(400);
  });
});

describe('cost', () => {
  it('a search is one statement after the session, whatever it finds', async () => {
    const count = async (q: string) => {
      const before = t.deps.database.queryCount();
      const res = await staff.get(`/api/search?${new URLSearchParams({ q })}`);
      expect(res.statusCode).toBe(200);
      return t.deps.database.queryCount() - before;
    };
    expect(await count('自来水')).toBe(2); // the session, the search
    expect(await count('门牌')).toBe(2);
    expect(await count('灯')).toBe(2);
    expect(await count('没有这个词')).toBe(2);
  });
});

describe('re-indexing', () => {
  it('re-segments rows indexed with an older dictionary, and masks numbers they held', async () => {
    const id = f.ids.kuaidi;
    await t.deps.database.db.execute(
      sql`update search_doc set dict_version = ${DICT_VERSION - 1}, tsv = to_tsvector('simple', '旧'), body = body || '电话 139 0717 1234' where ref_id = ${id}`,
    );
    expect((await search(staff, { q: '驿站' })).keys).toEqual([]);
    expect(await reindexStale(t.deps.database.db)).toBe(1);
    expect((await search(staff, { q: '快递 驿站' })).keys).toEqual(['kuaidi']);
    const [row] = await rowsOf<{ body: string; v: number }>(t.deps.database.db, sql`select body, dict_version as v from search_doc where ref_id = ${id}`);
    expect(row.v).toBe(DICT_VERSION);
    expect(row.body).toContain('电话 ***');
    expect(await reindexStale(t.deps.database.db)).toBe(0);
  });
});
