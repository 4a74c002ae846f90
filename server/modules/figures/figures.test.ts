import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../core/sql.js';
import { signIn, testApp, type Agent, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { opinionWorld, REPORT_BODY } from '../opinion/opinion.fixture.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof opinionWorld>>;
let zhang: Agent, yang: Agent, guo: Agent, li: Agent, chen: Agent, ma: Agent;
const place: Record<string, string> = {};
const cat: Record<string, string> = {};
const H = 3_600_000;

async function insertPlace(name: string, parent?: string) {
  const [r] = await rowsOf<{ id: string }>(
    t.b.db,
    sql`insert into place (org_id, parent_id, name, kind, sort) values (${w.county.id}, ${parent ?? null}, ${name}, ${parent ? 'village' : 'township'}, ${Object.keys(place).length}) returning id`,
  );
  return (place[name] = r.id);
}
let seq = 0;
/** A concern as the request workflow would leave it. */
async function concern(o: { place: string; cat: string; at: string; dueDays?: number; answeredAfterH?: number; outcome?: string; rating?: string }) {
  const created = new Date(o.at);
  const due = new Date(created.getTime() + (o.dueDays ?? 7) * 24 * H);
  const answered = o.answeredAfterH === undefined ? null : new Date(created.getTime() + o.answeredAfterH * H).toISOString();
  await t.b.db.execute(sql`insert into request (org_id, code, category_id, place_id, title, content, consent_at, status, member_id, due_at,
      first_answered_at, answered_at, outcome, rating, created_at, updated_at)
    values (${w.county.id}, ${`FG${String(++seq).padStart(6, '0')}`}, ${cat[o.cat]}, ${place[o.place]}, '村里的事', '详细情况', ${created.toISOString()},
      ${answered ? 'answered' : 'new'}, ${w.writer.id}, ${due.toISOString()}, ${answered}, ${answered}, ${o.outcome ?? null}, ${o.rating ?? null},
      ${created.toISOString()}, ${created.toISOString()})`);
}

beforeAll(async () => {
  t = await testApp();
  t.clock.advance(new Date('2026-11-23T04:00:00Z').getTime() - t.clock.now().getTime());
  w = await opinionWorld(t.b, 'fg');
  [zhang, yang, guo, li, chen, ma] = await Promise.all(['fgzhang', 'fgyang', 'fgguo', 'fgli', 'fgchen', 'fgma'].map((l) => signIn(t.app, l)));
  const mf = await insertPlace('鸣凤镇');
  await insertPlace('洋坪镇');
  await insertPlace('东庄坪村', mf);
  await insertPlace('龙潭村', mf);
  await insertPlace('双路村', place['洋坪镇']);
  for (const [i, name] of ['环境整治', '道路交通'].entries()) {
    cat[name] = (await rowsOf<{ id: string }>(t.b.db, sql`insert into request_category (org_id, name, sort) values (${w.county.id}, ${name}, ${i}) returning id`))[0].id;
  }
  await concern({ place: '东庄坪村', cat: '环境整治', at: '2026-03-02T02:00:00Z', answeredAfterH: 24, outcome: 'solved', rating: 'satisfied' });
  await concern({ place: '东庄坪村', cat: '道路交通', at: '2026-03-10T02:00:00Z', answeredAfterH: 240, outcome: 'explained', rating: 'unsatisfied' });
  await concern({ place: '龙潭村', cat: '环境整治', at: '2026-04-01T02:00:00Z', answeredAfterH: 48, outcome: 'solved', rating: 'basic' });
  await concern({ place: '双路村', cat: '道路交通', at: '2026-04-05T02:00:00Z' });
  await concern({ place: '双路村', cat: '道路交通', at: '2025-12-20T02:00:00Z' }); // before the period

  // reports: one adopted here; one forwarded, adopted by the city, instructed at both levels; one declined
  const report = async (title: string, coAuthorIds: string[] = []) => {
    const r = (await zhang.post('/api/opinion-reports', { title, body: REPORT_BODY, coAuthorIds })).json();
    await zhang.post(`/api/opinion-reports/${r.id}/submit`);
    return r.id as string;
  };
  const a = await report('关于加快推进农村生活污水治理的建议');
  const b = await report('关于解决山区留守老人就医难问题的建议', [w.coAuthor.id]);
  const c = await report('关于规范城区共享单车停放的建议');
  await li.post(`/api/opinion-reports/${a}/decision`, { action: 'adopt' });
  await li.post(`/api/opinion-reports/${b}/decision`, { action: 'forward' });
  await ma.post(`/api/opinion-reports/${b}/decision`, { action: 'adopt' });
  await ma.post(`/api/opinion-reports/${b}/records`, { kind: 'instructed', level: 'city', byName: '市委副书记 王某', text: '请市卫健委研究。', on: '2026-11-20' });
  await li.post(`/api/opinion-reports/${b}/records`, { kind: 'instructed', level: 'county', byName: '县委书记 刘某', text: '请县卫健局落实。', on: '2026-11-21' });
  await li.post(`/api/opinion-reports/${c}/decision`, { action: 'decline', reason: '已有部门在推进' });
});
afterAll(() => t.close());

const PERIOD = 'from=2026-01-01&to=2026-11-30';

describe('figures of concerns', () => {
  it('counts the period exactly, per township, village, category and month', async () => {
    const before = t.deps.database.queryCount();
    const res = await chen.get(`/api/figures/requests?${PERIOD}`);
    expect(t.deps.database.queryCount() - before).toBeLessThanOrEqual(5);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.totals).toEqual({ raised: 4, answered: 3, answeredWithinDeadline: 2, solved: 2, rated: 3, satisfied: 2, satisfactionRate: 66.7, onTimeRate: 50, avgHoursToFirstAnswer: 104, overdueOpen: 1 });
    expect(f.byPlace.map((p: { name: string; raised: number; satisfactionRate: number | null; overdueOpen: number }) => [p.name, p.raised, p.satisfactionRate, p.overdueOpen])).toEqual([
      ['鸣凤镇', 3, 66.7, 0],
      ['洋坪镇', 1, null, 1],
    ]);
    expect(f.byCategory.map((c: { name: string; raised: number; solved: number; satisfactionRate: number | null }) => [c.name, c.raised, c.solved, c.satisfactionRate])).toEqual([
      ['环境整治', 2, 2, 100],
      ['道路交通', 2, 0, 0],
    ]);
    expect(f.monthly).toHaveLength(11);
    expect(f.monthly.filter((m: { raised: number }) => m.raised).map((m: { month: string; raised: number }) => [m.month, m.raised])).toEqual([
      ['2026-03', 2],
      ['2026-04', 2],
    ]);
    const villages = (await li.get(`/api/figures/requests?${PERIOD}&townshipId=${place['鸣凤镇']}`)).json();
    expect(villages.placeLevel).toBe('village');
    expect(villages.byPlace.map((p: { name: string; raised: number }) => [p.name, p.raised])).toEqual([
      ['东庄坪村', 2],
      ['龙潭村', 1],
    ]);
    expect(villages.totals.raised).toBe(3);
  });

  it('refuses members, bad periods and other townships', async () => {
    expect((await zhang.get('/api/figures/requests')).statusCode).toBe(403);
    expect((await li.get('/api/figures/requests?from=2026-05-01&to=2026-04-01')).json().error.message).toBe('开始日期不能晚于结束日期');
    expect((await li.get(`/api/figures/requests?townshipId=${place['东庄坪村']}`)).statusCode).toBe(400);
  });
});

describe('figures of reports', () => {
  it('counts written, adopted and instructed per level, and the members', async () => {
    const f = (await li.get(`/api/figures/opinions?${PERIOD}`)).json();
    expect(f).toMatchObject({ written: 3, adoptedAny: 2, declined: 1, adopted: { county: 2, city: 1, province: 0, national: 0 }, instructed: { county: 1, city: 1, province: 0, national: 0 } });
    expect(f.byMember.map((m: { name: string; written: number; adopted: number; instructed: number }) => [m.name, m.written, m.adopted, m.instructed])).toEqual([
      ['张红梅', 3, 2, 1],
      ['杨德明', 1, 1, 1],
    ]);
    expect(f.monthly.find((m: { month: string }) => m.month === '2026-11')).toEqual({ month: '2026-11', written: 3, adopted: 2, instructed: 1 });
    expect((await li.get('/api/figures/opinions?from=2025-01-01&to=2025-12-31')).json()).toMatchObject({ written: 0, adoptedAny: 0 });
  });
});

describe('a member’s figures', () => {
  it('gives a member their own, staff and leaders anyone’s', async () => {
    const own = await zhang.get(`/api/members/${w.writer.id}/figures?year=2026`);
    expect(own.statusCode).toBe(200);
    expect(own.json().requests).toMatchObject({ raised: 4, answered: 3, answeredWithinDeadline: 2, satisfactionRate: 66.7 });
    expect(own.json().opinions).toEqual({ written: 3, cowritten: 0, adopted: { county: 2, city: 1, province: 0, national: 0 }, instructed: { county: 1, city: 1, province: 0, national: 0 } });
    const co = (await chen.get(`/api/members/${w.coAuthor.id}/figures?year=2026`)).json();
    expect(co.opinions).toEqual({ written: 0, cowritten: 1, adopted: { county: 1, city: 1, province: 0, national: 0 }, instructed: { county: 1, city: 1, province: 0, national: 0 } });
    expect(co.requests.raised).toBe(0);
    expect((await li.get(`/api/members/${w.writer.id}/figures?year=2025`)).json().requests.raised).toBe(1);
    const other = await guo.get(`/api/members/${w.writer.id}/figures`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('委员只能查看本人的履职统计');
    expect((await yang.get(`/api/members/${w.coAuthor.id}/figures`)).statusCode).toBe(200);
    expect((await ma.get(`/api/members/${w.writer.id}/figures`)).statusCode).toBe(404);
  });
});

describe('export', () => {
  it('writes a workbook with the four sheets and audits it', async () => {
    const res = await li.get(`/api/figures/export.xlsx?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('统计数据_2026-01-01_2026-11-30.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['诉求按乡镇', '诉求按分类', '社情民意', '委员']);
    const towns = book.getWorksheet('诉求按乡镇')!;
    expect(towns.getRow(1).values).toEqual(expect.arrayContaining(['乡镇', '诉求数', '按期答复', '满意率']));
    expect((towns.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['鸣凤镇', 3, 3, 2]);
    // 合计: 4 raised, 3 answered, 2 within the deadline, 按期答复率 2 ÷ (3 answered + 1 overdue)
    expect((towns.getRow(4).values as unknown[]).slice(1, 6)).toEqual(['合计', 4, 3, 2, '50%']);
    const reports = book.getWorksheet('社情民意')!;
    expect(reports.getRow(2).values).toEqual([, '报送信息', 3]);
    const members = book.getWorksheet('委员')!;
    const zhangRow = members.getSheetValues().find((r) => Array.isArray(r) && r[1] === '张红梅') as unknown[];
    expect(zhangRow.slice(1, 11)).toEqual(['张红梅', '农业界', 4, 3, 2, 2, '66.7%', 3, 0, 2]);
    const [audit] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'figures.export'), eq(auditLog.orgId, w.county.id)));
    expect(audit.summary).toBe('导出统计数据（2026-01-01 至 2026-11-30）');
    expect((await zhang.get('/api/figures/export.xlsx')).statusCode).toBe(403);
  });
});
