import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../core/sql.js';
import { signIn, testApp, type TestApp } from '../test/harness.js';
import { demoState, loadDemo } from './demo.js';
import { DEMO_REPORTS } from './opinions.js';
import { PROPOSALS } from './proposals.data.js';

/** The demo made once, as `npm start` makes it: every part of it checked through the API its users use. */
let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await testApp();
  await loadDemo(t.b);
  [{ id: orgId }] = await rowsOf<{ id: string }>(t.b.db, sql`select id from org where region_code = '420525'`);
}, 240_000);
afterAll(() => t.close());

describe('demo 社情民意', () => {
  it('has realistic reports in every state, bodies of 300–800 characters', async () => {
    expect(DEMO_REPORTS.length).toBeGreaterThanOrEqual(25);
    for (const r of DEMO_REPORTS) {
      expect(r.body.length, r.title).toBeGreaterThanOrEqual(300);
      expect(r.body.length, r.title).toBeLessThanOrEqual(800);
    }
    const states = await rowsOf<{ status: string; n: number }>(t.b.db, sql`select status, count(*)::int as n from opinion_report group by status order by status`);
    // submitted: the 4 demo reports waiting, and the proposal converted into a 社情民意 report (proposals.data.ts)
    expect(Object.fromEntries(states.map((s) => [s.status, s.n]))).toEqual({ adopted: 14, declined: 2, draft: 3, forwarded: 2, returned: 1, submitted: 5 });
    const levels = await rowsOf<{ level: string; kind: string; n: number }>(t.b.db, sql`select level, kind, count(*)::int as n from opinion_report_record group by 1, 2 order by 1, 2`);
    expect(levels).toEqual(
      expect.arrayContaining([
        { level: 'county', kind: 'adopted', n: 16 },
        { level: 'city', kind: 'adopted', n: 4 },
        { level: 'province', kind: 'adopted', n: 1 },
        { level: 'city', kind: 'instructed', n: 2 },
      ]),
    );
  });

  it('works through the API for the demo logins', async () => {
    const zhang = await signIn(t.app, 'zhanghongmei');
    const mine = (await zhang.get('/api/opinion-reports?scope=mine')).json();
    expect(mine.items.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['draft', 'returned', 'adopted', 'submitted']));
    const staff = await signIn(t.app, 'lixiulan');
    const queue = (await staff.get('/api/opinion-reports?status=submitted')).json();
    expect(queue.total).toBe(5);
    const bulletins = (await staff.get('/api/bulletins')).json();
    expect(bulletins.items.map((b: { numberLabel: string }) => b.numberLabel)).toEqual(['第2期', '第1期']);
    const docx = await staff.get(`/api/bulletins/${bulletins.items[0].id}/docx`);
    expect(docx.statusCode).toBe(200);
    const city = await signIn(t.app, 'maxiaodong');
    const forwarded = (await city.get('/api/opinion-reports?scope=forwarded')).json();
    expect(forwarded.total).toBe(6);
    const detail = (await city.get(`/api/opinion-reports/${forwarded.items[0].id}`)).json();
    expect(detail.can.decide).toBe(true);
    const leader = await signIn(t.app, 'chenzhiyuan');
    const f = (await leader.get(`/api/figures/opinions?from=${new Date(t.clock.now().getTime() - 400 * 86_400_000).toISOString().slice(0, 10)}`)).json();
    expect(f.written).toBe(24); // with the proposal converted into a report a month ago
    expect(f.adopted.county).toBe(16);
  });
});

describe('demo concerns of 远安', () => {
  it('makes about 60 concerns in every state over three months, routed by the rules', async () => {
    const [s] = await rowsOf<Record<string, number>>(
      t.b.db,
      sql`select count(*)::int as total,
          count(*) filter (where status = 'new')::int as new, count(*) filter (where status = 'claimed')::int as claimed,
          count(*) filter (where status = 'answered')::int as answered, count(*) filter (where status = 'reopened')::int as reopened,
          count(*) filter (where status = 'closed')::int as closed, count(*) filter (where rating = 'satisfied')::int as satisfied,
          count(*) filter (where rating = 'basic')::int as basic, count(*) filter (where publish_state = 'published')::int as published,
          count(*) filter (where publish_state = 'hidden' and publish_reason is not null)::int as hidden,
          count(*) filter (where outcome = 'merged' and merged_into_id is not null)::int as merged,
          count(*) filter (where status in ('new','claimed','reopened') and due_at < now())::int as overdue,
          count(*) filter (where group_id is null)::int as unrouted, count(*) filter (where committee_id is not null)::int as to_committee,
          count(*) filter (where routed_by = 'staff')::int as by_staff,
          (extract(epoch from now() - min(created_at)) / 86400)::int as oldest_days
        from request where org_id = ${orgId}`,
    );
    expect(s.total).toBe(60);
    for (const k of ['new', 'claimed', 'answered', 'reopened', 'closed', 'satisfied', 'basic', 'hidden', 'merged', 'overdue', 'unrouted', 'to_committee', 'by_staff'])
      expect(s[k], k).toBeGreaterThanOrEqual(1);
    expect(s.published).toBeGreaterThanOrEqual(10);
    expect(s.oldest_days).toBeGreaterThanOrEqual(85);
    const esc = await rowsOf<{ kind: string; target_id: string | null; n: number }>(
      t.b.db,
      sql`select e.kind, e.target_id, (select count(*)::int from request_escalation_item i where i.escalation_id = e.id) as n from request_escalation e where e.org_id = ${orgId} order by e.kind`,
    );
    expect(esc.map((e) => [e.kind, !!e.target_id, e.n])).toEqual([['opinion_report', true, 4], ['topic', false, 2]]);
  });

  it('张红梅 sees her group’s concerns on her phone, with member names on the public list', async () => {
    const zhang = await signIn(t.app, 'zhanghongmei');
    const mine = (await zhang.get('/api/requests?pageSize=50')).json();
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.items.every((i: { group: { name: string } }) => i.group.name === '第十一活动小组')).toBe(true);
    const list = (await t.app.inject({ url: '/api/public/orgs/420525/requests?pageSize=50' })).json();
    expect(list.items.some((i: { answeredBy: string }) => i.answeredBy === '张红梅委员')).toBe(true);
    expect(list.items.every((i: { answeredBy: string | null }) => i.answeredBy?.endsWith('委员'))).toBe(true);
  });
});

describe('demo proposals of 远安', () => {
  type Item = { id: string; title: string; status: string; numberLabel: string | null; session: { name: string }; kind: string; units: { unit: { name: string }; dueOn: string; overdue: boolean; status: string }[] };
  const today = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('has two sessions of realistic proposals in every state, made through the services', async () => {
    expect(PROPOSALS.length).toBeGreaterThanOrEqual(38);
    for (const p of PROPOSALS) {
      expect([...p.title].length, p.title).toBeLessThanOrEqual(50);
      expect([...p.suggestion].length, p.title).toBeGreaterThanOrEqual(30);
    }
    const states = await rowsOf<{ status: string; n: number }>(t.b.db, sql`select status, count(*)::int as n from proposal where org_id = ${orgId} group by status order by status`);
    expect(Object.fromEntries(states.map((s) => [s.status, s.n]))).toEqual({ assigned: 3, closed: 25, converted: 1, declined: 1, draft: 1, filed: 1, merged: 1, replied: 1, returned: 1, submitted: 3 });
    const kinds = await rowsOf<{ session: string; kind: string; n: number; numbered: number }>(
      t.b.db,
      sql`select s.name as session, x.kind, count(*)::int as n, count(x.number)::int as numbered from proposal x join plenary_session s on s.id = x.session_id where x.org_id = ${orgId} group by 1, 2 order by 1, 2`,
    );
    expect(kinds.map((k) => `${k.session} ${k.kind}`)).toEqual(['十届五次会议 interim', '十届五次会议 plenary', '十届四次会议 interim', '十届四次会议 plenary']);
    // numbers follow the order of filing, with no gaps
    const gaps = await rowsOf<{ n: number }>(
      t.b.db,
      sql`select count(*)::int as n from (select number, row_number() over (partition by session_id order by reviewed_at) as k from proposal where org_id = ${orgId} and number is not null) x where number <> k`,
    );
    expect(gaps[0].n).toBe(0);
    const units = await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from handling_unit where org_id = ${orgId}`);
    expect(units[0].n).toBeGreaterThanOrEqual(25);
    // the converted proposal is a 社情民意 report now
    const [converted] = await rowsOf<{ title: string }>(t.b.db, sql`select r.title from proposal x join opinion_report r on r.id = x.converted_ref_id where x.org_id = ${orgId} and x.status = 'converted'`);
    expect(converted.title).toBe('关于硬化嫘祖镇苟家垭村三组通组公路的建议');
  });

  it('gives each demo login something to do', async () => {
    const zhang = await signIn(t.app, 'zhanghongmei');
    const torate = (await zhang.get('/api/proposals?scope=torate')).json();
    expect(torate.items.map((i: Item) => i.title)).toEqual(['关于完善鸣凤镇农贸市场配套设施的建议']);
    const mine = (await zhang.get('/api/proposals?scope=mine&pageSize=50')).json();
    expect(mine.items.map((i: Item) => i.status)).toEqual(expect.arrayContaining(['draft', 'assigned', 'replied', 'closed']));
    const yang = await signIn(t.app, 'yangdeming');
    const invitations = (await yang.get('/api/proposals?scope=invitations')).json();
    expect(invitations.items.map((i: Item) => i.title)).toEqual(['关于加强旧县镇传统村落保护利用的建议']);

    const wang = await signIn(t.app, 'wanglei');
    const unit = (await wang.get('/api/proposals?scope=unit&pageSize=50')).json();
    const waiting = unit.items.find((i: Item) => i.title === '关于解决东庄坪社区雨污管网混接问题的建议');
    const mineUnit = waiting.units.find((u: Item['units'][number]) => u.unit.name === '县住房和城乡建设局');
    expect(mineUnit.overdue).toBe(false);
    expect(mineUnit.dueOn >= today()).toBe(true);
    expect(mineUnit.dueOn <= new Date(t.clock.now().getTime() + 12 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    const sun = await signIn(t.app, 'sunli');
    const sunUnit = (await sun.get('/api/proposals?scope=unit')).json();
    expect(sunUnit.items.some((i: Item) => i.title === '关于增加嫘祖镇至县城客运班次的建议' && i.status === 'assigned')).toBe(true);

    const staff = await signIn(t.app, 'lixiulan');
    expect((await staff.get('/api/proposals?scope=review')).json().total).toBe(3);
    expect((await staff.get('/api/proposals?scope=board')).json().total).toBe(1);
    expect((await staff.get('/api/proposals?scope=key')).json().total).toBe(2);
    const overdue = (await staff.get('/api/proposals?scope=overdue')).json();
    expect(overdue.items.map((i: Item) => i.title)).toEqual(['关于加强河道采砂后生态修复的建议']);
    const leader = await signIn(t.app, 'chenzhiyuan');
    const supervised = (await leader.get('/api/proposals?scope=supervised')).json();
    expect(supervised.items.map((i: Item) => i.title)).toEqual(['关于加快城区老旧小区改造提升居住品质的建议']);
    const key = (await leader.get(`/api/proposals/${supervised.items[0].id}`)).json();
    expect(key.key.supervisors.map((s: { name: string }) => s.name)).toEqual(['陈志远', '刘德平']);
    expect(key.key.supervisions.map((s: { kindLabel: string }) => s.kindLabel).sort()).toEqual(['督办会', '调研']);
  });

  it('shows a whole handling: co-units’ sign-off, 不满意 then handled again, a merged proposal rating the main reply', async () => {
    const staff = await signIn(t.app, 'lixiulan');
    const find = async (q: string) => (await staff.get(`/api/proposals?scope=all&q=${encodeURIComponent(q)}`)).json().items[0] as Item;
    const charging = (await staff.get(`/api/proposals/${(await find('电动自行车集中充电')).id}`)).json();
    expect(charging.status).toBe('closed');
    expect(charging.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['signed_off', 'rated', 'rehandled', 'replied', 'closed']));
    expect(charging.replies.map((r: { status: string }) => r.status).sort()).toEqual(['returned', 'sent']);
    const ratings = charging.replies.flatMap((r: { ratings: { result: string }[] }) => r.ratings.map((g) => g.result)).sort();
    expect(ratings).toEqual(['satisfied', 'unsatisfied']);
    const toilets = (await staff.get(`/api/proposals/${(await find('旅游厕所提档升级')).id}`)).json();
    expect(toilets.mergedFrom.map((m: { title: string }) => m.title)).toEqual(['关于在鸣凤山景区增设旅游厕所的建议']);
    expect(toilets.replies[0].ratings).toHaveLength(2);
    const declined = (await staff.get(`/api/proposals/${(await find('不动产证')).id}`)).json();
    expect(declined.decision.ground).toBe('personal');

    const list = (await t.app.inject({ url: '/api/public/orgs/420525/proposals?pageSize=50' })).json();
    expect(list.total).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(list)).not.toMatch(/0717-\d{7}|1[3-9]\d{9}/);
  });
});

describe('demo load', () => {
  it('is marked loaded once complete, so start-up never takes a partial demo for a loaded one', async () => {
    expect(await demoState(t.b.db)).toBe('present');
    const marks = await rowsOf<{ action: string }>(t.b.db, sql`select action from audit_log where action like 'demo.%' order by id`);
    expect(marks.map((m) => m.action)).toEqual(['demo.load', 'demo.loaded']);
  });
});
