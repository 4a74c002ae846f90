import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../../test/harness.js';
import { concernWorld, pub, raise, type ConcernWorld } from './request.fixture.js';
import { request, requestFollow } from './request.table.js';

/** 关注 without an account: once per phone, a limit per address, whatever arrives at once. */

let t: TestApp;
let w: ConcernWorld;
let staff: Agent;
let zhang: Agent;
beforeAll(async () => {
  t = await testApp();
  w = await concernWorld(t);
  [staff, zhang] = [await w.signIn(w.staffAcc), await w.signIn(w.zhang.account)];
});
afterAll(() => t.close());

const device = () => randomBytes(16).toString('hex');
const follow = (id: string, dev: string, ip: string) => pub(t, 'POST', `/api/public/requests/${id}/follow`, { device: dev }, ip);
/** A concern answered and published, ready to be followed. */
async function published() {
  const code = await raise(t, w);
  const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
  expect((await zhang.post(`/api/requests/${row.id}/answer`, { answer: '已联系村委会安排电工检修路灯，本周内修好。', outcome: 'solved' })).statusCode).toBe(200);
  expect((await staff.post(`/api/requests/${row.id}/publish`, { publish: true })).statusCode).toBe(200);
  return row.id;
}
const countOf = async (id: string) => (await t.b.db.select({ n: request.followCount }).from(request).where(eq(request.id, id)))[0].n;

describe('following a published concern', () => {
  it('counts once per phone: again, at once, or from another network, it stays 1', async () => {
    const id = await published();
    const phone = device();
    const first = await follow(id, phone, '10.50.0.1');
    expect(first.statusCode).toBe(200);
    expect(first.json().followCount).toBe(1);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => follow(id, phone, `10.50.0.${(i % 3) + 1}`)));
    expect(again.map((r) => r.json().followCount)).toEqual(Array(10).fill(1));
    const fresh = device();
    const together = await Promise.all(Array.from({ length: 10 }, (_, i) => follow(id, fresh, `10.50.1.${i + 1}`)));
    expect(together.every((r) => r.statusCode === 200)).toBe(true);
    expect(await countOf(id)).toBe(2);
    expect(await t.b.db.$count(requestFollow, eq(requestFollow.requestId, id))).toBe(2);
  });

  it('per address: 40 phones at once from one network count 30, the rest are refused in Chinese', async () => {
    const id = await published();
    const results = await Promise.all(Array.from({ length: 40 }, () => follow(id, device(), '10.51.0.1')));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(results.find((r) => r.statusCode === 429)!.json().error.message).toBe('当前网络 24 小时内关注的诉求已达上限，请明天再关注');
    expect(await countOf(id)).toBe(30);
    // another network still may
    expect((await follow(id, device(), '10.51.0.2')).json().followCount).toBe(31);
  });

  it('per address, an IPv6 client is its /64: 40 phones at once from 40 addresses of one network count 30', async () => {
    const id = await published();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => follow(id, device(), `2001:db8:51:1::${(i + 1).toString(16)}`)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(30);
    expect(await countOf(id)).toBe(30);
    expect((await follow(id, device(), '2001:db8:51:2::1')).json().followCount).toBe(31);
  });

  it('refuses an unpublished concern and a missing or malformed token, changing nothing', async () => {
    const code = await raise(t, w);
    const [row] = await t.b.db.select().from(request).where(eq(request.code, code));
    const hidden = await follow(row.id, device(), '10.52.0.1');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message).toBe('该诉求不存在或未公开');
    const id = await published();
    const none = await pub(t, 'POST', `/api/public/requests/${id}/follow`, {}, '10.52.0.1');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('缺少本机标识，请刷新页面后重试');
    expect((await follow(id, 'x', '10.52.0.1')).json().error.message).toBe('本机标识无效，请刷新页面后重试');
    expect(await countOf(id)).toBe(0);
  });
});
