import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRequestHousekeeping, runRequestReminders } from '../../core/jobs.js';
import { testApp, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/audit.table.js';
import { storedFile } from '../file/file.table.js';
import { storePhoto } from '../file/file.service.js';
import { notification } from '../notification/notification.table.js';
import { concernWorld, pub, raise, smallPng, type ConcernWorld } from './request.fixture.js';
import { challengeUse, request, requestEvent } from './request.table.js';

let t: TestApp;
let w: ConcernWorld;
beforeAll(async () => {
  t = await testApp();
  w = await concernWorld(t);
});
afterAll(() => t.close());

const H = 3_600_000;
const D = 24 * H;
const jobCtx = () => ({ db: t.deps.database.db, clock: t.clock, crypto: t.deps.crypto });
const rowOf = async (code: string) => (await t.b.db.select().from(request).where(eq(request.code, code)))[0];
const messages = (requestId: string, kind: string) =>
  t.b.db.select({ accountId: notification.accountId }).from(notification).where(and(eq(notification.targetId, requestId), eq(notification.kind, kind)));
const reminded = async (requestId: string) =>
  (await t.b.db.select().from(requestEvent).where(and(eq(requestEvent.requestId, requestId), eq(requestEvent.kind, 'reminded')))).length;
/** the member answers through the API (sessions idle out while the clock moves, so sign in each time) */
const answer = async (acc: { loginName: string }, id: string) => {
  const agent = await w.signIn(acc);
  const res = await agent.post(`/api/requests/${id}/answer`, { answer: '已经和村里商量好了处理办法，这周内解决。', outcome: 'solved' });
  expect(res.statusCode).toBe(200);
};

describe('deadline reminders', () => {
  it('before the deadline: the responsible member, once; after it: the liaison staff, once; none once answered', async () => {
    const code = await raise(t, w);
    const r = await rowOf(code);
    const agent = await w.signIn(w.yang.account);
    await agent.post(`/api/requests/${r.id}/claim`);
    expect(await runRequestReminders(jobCtx())).toBe(0);
    t.clock.advance(6 * D - H); // 25 h before the deadline: not yet
    await runRequestReminders(jobCtx());
    expect(await messages(r.id, 'request.due')).toHaveLength(0);
    t.clock.advance(2 * H); // 23 h before
    await runRequestReminders(jobCtx());
    await runRequestReminders(jobCtx());
    expect(await messages(r.id, 'request.due')).toEqual([{ accountId: w.yang.account.id }]);
    expect(await reminded(r.id)).toBe(1);
    t.clock.advance(24 * H);
    await runRequestReminders(jobCtx());
    await runRequestReminders(jobCtx());
    expect(await messages(r.id, 'request.overdue')).toEqual([{ accountId: w.staffAcc.id }]);
    expect(await reminded(r.id)).toBe(2);
    // overdue shows in the list
    const staff = await w.signIn(w.staffAcc);
    const row = (await staff.get(`/api/requests?overdue=true&pageSize=200`)).json().items.find((i: { id: string }) => i.id === r.id);
    expect(row).toMatchObject({ overdue: true });
    await answer(w.yang.account, r.id);
    t.clock.advance(D);
    await runRequestReminders(jobCtx());
    expect(await reminded(r.id)).toBe(2);
  });

  it('unclaimed: the convener hears; a group without liaison staff: every staff account; a reopened one is reminded again', async () => {
    const a = await rowOf(await raise(t, w));
    const b = await rowOf(await raise(t, w, { placeId: w.places.baiyun.id }));
    t.clock.advance(6 * D + 2 * H);
    await runRequestReminders(jobCtx());
    expect(await messages(a.id, 'request.due')).toEqual([{ accountId: w.zhang.account.id }]);
    expect(await messages(b.id, 'request.due')).toEqual([{ accountId: w.guo.account.id }]);
    t.clock.advance(D);
    await runRequestReminders(jobCtx());
    expect((await messages(b.id, 'request.overdue')).map((m) => m.accountId).sort()).toEqual([w.staffAcc.id, w.staff2Acc.id].sort());
    // answered, rated 不满意: a new deadline, new reminders
    await answer(w.guo.account, b.id);
    await pub(t, 'POST', `/api/public/requests/${b.code}/rating`, { rating: 'unsatisfied' });
    t.clock.advance(8 * D);
    await runRequestReminders(jobCtx());
    expect(await messages(b.id, 'request.overdue')).toHaveLength(4);
  });
});

describe('housekeeping', () => {
  it('closes answers left unrated after 15 days, erases phone numbers 180 days after closing, audited per org', async () => {
    const code = await raise(t, w, { name: '周大姐' });
    const r = await rowOf(code);
    await answer(w.zhang.account, r.id);
    t.clock.advance(14 * D);
    await runRequestHousekeeping(jobCtx());
    expect((await rowOf(code)).status).toBe('answered');
    t.clock.advance(D + H);
    const first = await runRequestHousekeeping(jobCtx());
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect((await rowOf(code)).status).toBe('closed');
    expect((await pub(t, 'GET', `/api/public/requests/${code}`)).json().canRate).toBe(false);
    t.clock.advance(179 * D);
    await runRequestHousekeeping(jobCtx());
    expect((await rowOf(code)).phoneEnc).not.toBeNull();
    t.clock.advance(D + H);
    const later = await runRequestHousekeeping(jobCtx());
    expect(later.erased).toBeGreaterThanOrEqual(1);
    const erased = await rowOf(code);
    expect(erased).toMatchObject({ phoneEnc: null, residentNameEnc: null, phoneHash: null });
    expect(erased.phoneErasedAt).not.toBeNull();
    const [a] = await t.b.db.select().from(auditLog).where(and(eq(auditLog.action, 'request.erase_phone'), eq(auditLog.orgId, w.org.id)));
    expect(a.summary).toMatch(/删除 \d+ 条已办结诉求的群众手机号和称呼/);
    expect(a.actorName).toBe('系统');
    // the staff page says so; the contact call has nothing to give
    const staff = await w.signIn(w.staffAcc);
    expect((await staff.get(`/api/requests/${r.id}`)).json()).toMatchObject({ phoneMasked: null, residentName: null, phoneErased: true });
    expect((await staff.get(`/api/requests/${r.id}/contact`)).json()).toEqual({ name: null, phone: null, erased: true });
    expect((await runRequestHousekeeping(jobCtx())).erased).toBe(0);
  });

  it('removes uploads never attached after a day, and spent challenges once expired', async () => {
    const orphan = await storePhoto(t.b.db, w.org.id, 'request', await smallPng(), t.clock.now());
    const kept = await storePhoto(t.b.db, w.org.id, 'request', await smallPng(), t.clock.now());
    // an opinion report attachment uploaded but never saved with a report goes the same way
    const [draftFile] = await t.b.db
      .insert(storedFile)
      .values({ orgId: w.org.id, ownerType: 'opinion_report', name: '调研材料.pdf', mime: 'application/pdf', size: 4, sha256: 'x', bytes: Buffer.from('%PDF'), createdAt: t.clock.now() })
      .returning({ id: storedFile.id });
    await raise(t, w, { photoIds: [kept.id] });
    await t.b.db.insert(challengeUse).values({ signature: 'spent-1', expiresAt: new Date(t.clock.now().getTime() + 10 * 60_000) });
    t.clock.advance(D + H);
    const res = await runRequestHousekeeping(jobCtx());
    expect(res.photos).toBeGreaterThanOrEqual(1);
    expect(res.challenges).toBeGreaterThanOrEqual(1);
    const left = await t.b.db.select({ id: storedFile.id }).from(storedFile).where(sql`${storedFile.id} in (${orphan.id}, ${kept.id}, ${draftFile.id})`);
    expect(left.map((f) => f.id)).toEqual([kept.id]);
  });
});
