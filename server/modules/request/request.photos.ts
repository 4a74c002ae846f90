import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { checkPhoto, finishPhoto, reservePhoto, uploadsFrom } from '../file/file.service.js';
import { spendChallenge } from './request.challenge.js';
import { addressHash, dayBefore, lockKeys } from './request.limits.js';
import { orgByRegion } from './request.raise.js';
import { rulesOf } from './request.rules.js';
import { PHOTO_RULES, type RequestRules } from './request.schema.js';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * A resident's photos count like their concerns, three to a concern: from the photos of
 * `challengeAfterPerIp` concerns on, each upload from the address needs the challenge; past those of
 * `perIpPerDay` concerns, or past the address's daily budget of bytes, it is refused.
 */
export function uploadState(rules: RequestRules, used: { count: number; bytes: number }, incoming: number) {
  if (used.count >= rules.perIpPerDay * PHOTO_RULES.maxPhotos) return 'count_over' as const;
  if (used.bytes + incoming > rules.photoMBPerIpPerDay * MB) return 'bytes_over' as const;
  if (used.count >= rules.challengeAfterPerIp * PHOTO_RULES.maxPhotos) return 'challenge' as const;
  return 'ok' as const;
}

function refusal(rules: RequestRules, state: 'count_over' | 'bytes_over', used: { bytes: number }) {
  const later = '请明天再上传；不带照片也可以提交诉求';
  if (state === 'count_over') return new AppError(429, 'RATE_LIMITED', `当前网络 24 小时内上传的照片已达 ${rules.perIpPerDay * PHOTO_RULES.maxPhotos} 张，${later}`);
  const left = rules.photoMBPerIpPerDay * MB - used.bytes;
  return new AppError(
    429,
    'RATE_LIMITED',
    left < 0.1 * MB
      ? `当前网络 24 小时内上传的照片已达 ${rules.photoMBPerIpPerDay} MB，${later}`
      : `当前网络 24 小时内还能上传 ${mb(left)} 照片，这张放不下；请换一张较小的照片，或不带照片提交诉求`,
  );
}

/**
 * A resident uploads a photo for a concern (public, no account). The address's uploads of the last
 * 24 h — attached to a concern or not — are counted under the address's lock, and this one's row is
 * reserved in the same short transaction; the slow decoding and re-encoding happen after it, outside
 * any transaction, and only for an upload the limits let in.
 */
export async function uploadConcernPhoto(ctx: Ctx, regionCode: string, raw: Buffer, challenge: string | undefined) {
  const o = await orgByRegion(ctx.db, regionCode);
  await checkPhoto(raw);
  const rules = await rulesOf(ctx.db, o.id);
  const ipHash = addressHash(ctx);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    await lockKeys(tx, [ipHash]);
    if (ipHash) {
      const used = await uploadsFrom(tx, o.id, ipHash, dayBefore(now));
      const state = uploadState(rules, used, raw.length);
      if (state === 'count_over' || state === 'bytes_over') throw refusal(rules, state, used);
      if (state === 'challenge') await spendChallenge(tx, ctx, challenge);
    }
    return reservePhoto(tx, { orgId: o.id, ownerType: 'request', ipHash, receivedBytes: raw.length, now });
  });
  return finishPhoto(ctx.db, id, raw);
}
