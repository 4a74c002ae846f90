import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { attachPhotos } from '../file/file.service.js';
import { org } from '../org/org.table.js';
import { indexDoc } from '../search/search.index.js';
import { spendChallenge } from './request.challenge.js';
import { addressHash, dayBefore, lockKeys } from './request.limits.js';
import { ensureCategories } from './request.category.js';
import { scrub } from './request.presenter.js';
import { addEvent, notifyAccounts, peopleFor, RESIDENT, staffOf } from './request.people.js';
import { dueAtFrom, routeFor } from './request.route.js';
import { rulesOf } from './request.rules.js';
import type { RaiseBody, RequestRules } from './request.schema.js';
import { request } from './request.table.js';

/** Tracking codes: 8 characters without 0/O/1/I (read out over the phone, typed on a phone). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
export const trackingUrl = (code: string) => `/m/track/${code}`;

export async function orgByRegion(db: Executor, regionCode: string) {
  const [o] = await db.select({ id: org.id, name: org.name, shortName: org.shortName, regionCode: org.regionCode }).from(org).where(eq(org.regionCode, regionCode));
  if (!o) throw notFound('未找到该地区的政协组织，请确认链接是否正确');
  return o;
}

/** Concerns raised in the last 24 h from this phone and this address (counted in the table: right across processes). */
async function recentCounts(db: Executor, orgId: string, phoneHash: string, ipHash: string | null, now: Date) {
  const since = dayBefore(now).toISOString();
  const [c] = await rowsOf<{ phone: number; ip: number }>(
    db,
    sql`select count(*) filter (where phone_hash = ${phoneHash})::int as phone, count(*) filter (where ip_hash = ${ipHash})::int as ip
      from request where org_id = ${orgId} and created_at > ${since} and (phone_hash = ${phoneHash} or ip_hash = ${ipHash})`,
  );
  return c;
}

/** Over a limit: refused. Near one: the challenge is required. */
export function limitState(rules: RequestRules, counts: { phone: number; ip: number }) {
  if (counts.phone >= rules.perPhonePerDay) return 'phone_over' as const;
  if (counts.ip >= rules.perIpPerDay) return 'ip_over' as const;
  if (counts.ip >= rules.challengeAfterPerIp || counts.phone >= rules.perPhonePerDay - 1) return 'challenge' as const;
  return 'ok' as const;
}

/**
 * A resident raises a concern (public, no account). Limits per phone and per address, the challenge
 * near them, routing by the org's rules, the deadline, notices to the group, the search index.
 */
export async function raiseRequest(ctx: Ctx, regionCode: string, b: RaiseBody) {
  const o = await orgByRegion(ctx.db, regionCode);
  const rules = await rulesOf(ctx.db, o.id);
  await ensureCategories(ctx.db, o.id);
  const phoneHash = ctx.crypto.blindIndex(b.phone);
  const ipHash = addressHash(ctx);
  const now = ctx.clock.now();
  const code = await ctx.db.transaction(async (tx) => {
    // one phone's and one address's submissions are counted one at a time: two at once cannot both pass a limit or the challenge
    await lockKeys(tx, [phoneHash, ipHash]);
    const state = limitState(rules, await recentCounts(tx, o.id, phoneHash, ipHash, now));
    if (state === 'phone_over') throw new AppError(429, 'RATE_LIMITED', `该手机号 24 小时内已提交 ${rules.perPhonePerDay} 条诉求，请明天再提交；如情况紧急请直接联系所在村（社区）`);
    if (state === 'ip_over') throw new AppError(429, 'RATE_LIMITED', '当前网络 24 小时内提交的诉求已达上限，请明天再试');
    if (state === 'challenge') await spendChallenge(tx, ctx, b.challenge);
    const route = await routeFor(tx, o.id, b.placeId, b.categoryId);
    const values = {
      orgId: o.id,
      categoryId: route.category.id,
      placeId: route.place.id,
      title: b.title,
      content: b.content,
      residentNameEnc: b.name ? ctx.crypto.encrypt(b.name) : null,
      phoneEnc: ctx.crypto.encrypt(b.phone),
      phoneHash,
      ipHash,
      consentAt: now,
      status: 'new',
      groupId: route.groupId,
      committeeId: route.committeeId,
      routedBy: 'rule',
      dueAt: dueAtFrom(now, rules),
      createdAt: now,
      updatedAt: now,
    };
    let row: { id: string; code: string } | undefined;
    // a clash of codes (1 in 10^12 per pair) takes another
    for (let i = 0; !row && i < 5; i++)
      [row] = await tx.insert(request).values({ ...values, code: newCode() }).onConflictDoNothing({ target: request.code }).returning({ id: request.id, code: request.code });
    if (!row) throw new Error('could not draw a free tracking code');
    await attachPhotos(tx, o.id, 'request', row.id, b.photoIds);
    await addEvent(tx, { orgId: o.id, requestId: row.id, kind: 'raised', by: RESIDENT, at: now });
    const people = await peopleFor(tx, o.id, route.groupId, null);
    if (route.groupId) {
      const [g] = await rowsOf<{ name: string }>(tx, sql`select name from member_group where id = ${route.groupId}`);
      await addEvent(tx, { orgId: o.id, requestId: row.id, kind: 'routed', by: { accountId: null, name: '系统', role: 'system' }, note: `按地点转交${g.name}`, data: { groupId: route.groupId, rule: true }, at: now });
      await notifyAccounts(tx, [people.convener], newMessage(o.id, row.id, b.title, route.place.fullName, now), [people.liaison]);
    } else {
      await notifyAccounts(tx, [], { ...newMessage(o.id, row.id, b.title, route.place.fullName, now), title: `新的群众诉求待分派（${route.place.fullName}无联系小组）` }, staffOf(people));
    }
    await indexDoc(tx, {
      kind: 'request',
      refId: row.id,
      orgId: o.id,
      title: scrub(b.title, b.name),
      body: scrub(b.content, b.name),
      status: 'new',
      category: route.category.name,
      placeId: route.place.id,
      townshipId: route.place.townshipId,
      isPublic: false,
      createdAt: now,
    });
    return row.code;
  });
  return { code, trackingUrl: trackingUrl(code) };
}

const newMessage = (orgId: string, requestId: string, title: string, place: string, at: Date) => ({
  orgId,
  requestId,
  kind: 'request.new',
  title: `新的群众诉求：${title}`,
  body: `${place}的群众提交了诉求“${title}”，请及时认领答复。`,
  at,
});
