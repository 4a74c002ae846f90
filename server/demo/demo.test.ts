import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../core/sql.js';
import { signIn, testApp, type TestApp } from '../test/harness.js';
import { seedDemo } from './demo.js';
import { DEMO_REPORTS } from './opinions.js';

/** The demo made once, as `npm start` makes it: every part of it checked through the API its users use. */
let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.b);
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
    expect(Object.fromEntries(states.map((s) => [s.status, s.n]))).toEqual({ adopted: 14, declined: 2, draft: 3, forwarded: 2, returned: 1, submitted: 4 });
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
    expect(queue.total).toBe(4);
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
    expect(f.written).toBe(23);
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
