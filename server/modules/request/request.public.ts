import { sql } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { fileBytes, photosOf } from '../file/file.service.js';
import { placesOf } from '../place/place.service.js';
import { activeCategories, ensureCategories } from './request.category.js';
import { asMember, eventLabel, iso, isoOrNull, nameOf, outcomeLabel, ratingLabel, scrub, statusLabel } from './request.presenter.js';
import { addressHash, dayBefore, lockKeys } from './request.limits.js';
import { orgByRegion } from './request.raise.js';
import { rulesOf } from './request.rules.js';
import { requestFollow } from './request.table.js';
import { PHOTO_RULES, PUBLIC_EVENT_KINDS, type FollowBody, type FollowedItemView, type FollowedQuery, type PublicItemView, type PublicListQuery, type RequestFormView, type TrackView } from './request.schema.js';

/** What the resident is told before giving their number (个人信息保护法: what, why, who sees it, how long). */
export const privacyNotice = (orgName: string, retentionDays: number) => ({
  title: '个人信息收集说明',
  paragraphs: [
    `${orgName}依据《中华人民共和国个人信息保护法》收集和使用您在本页填写的信息。`,
    '收集的信息：手机号（必填）、称呼（选填）、您上传的照片，以及诉求的内容和地点。上传的照片会去除拍摄位置等附带信息后保存。',
    '用途：手机号仅用于负责的政协委员或机关工作人员就本诉求与您联系、核实情况；不用于其他目的，不会向第三方提供。',
    '谁能看到：您的手机号和称呼只有负责办理的委员和政协机关工作人员可以查看，每次查看都会被记录；公开展示的诉求和答复不含您的姓名和手机号，正文中的电话号码也会被隐去。',
    `保存期限：诉求办结 ${retentionDays} 天后，您的手机号和称呼将被删除。`,
    '您可凭查询码查看办理进度和答复。提交即表示您已阅读并同意以上说明。',
  ],
});

export async function requestForm(ctx: Ctx, regionCode: string): Promise<RequestFormView> {
  const o = await orgByRegion(ctx.db, regionCode);
  await ensureCategories(ctx.db, o.id);
  const [categories, places, rules] = [await activeCategories(ctx.db, o.id), await placesOf(ctx.db, o.id), await rulesOf(ctx.db, o.id)];
  const townships = places.filter((p) => !p.parentId);
  return {
    org: { name: o.name, shortName: o.shortName, regionCode: o.regionCode },
    categories,
    places: townships.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      children: places.filter((p) => p.parentId === t.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    })),
    privacy: privacyNotice(o.name, rules.phoneRetentionDays),
    rules: {
      maxPhotos: PHOTO_RULES.maxPhotos,
      maxPhotoMB: PHOTO_RULES.maxPhotoBytes / 1024 / 1024,
      photoTypes: [...PHOTO_RULES.types],
      titleMax: 40,
      contentMax: 1000,
      firstAnswerDays: rules.firstAnswerDays,
    },
  };
}

interface TrackRow {
  id: string;
  org_id: string;
  region_code: string;
  code: string;
  title: string;
  content: string;
  category: string;
  place: string;
  status: string;
  created_at: Date;
  due_at: Date;
  group: string | null;
  answer: string | null;
  outcome: string | null;
  department: string | null;
  answered_at: Date | null;
  member: string | null;
  merged_code: string | null;
  rating: string | null;
  rating_comment: string | null;
  resident_name_enc: string | null;
}
/** A concern by its tracking code (the resident's key to it). */
export async function byCode(db: Executor, code: string) {
  const [r] = await rowsOf<TrackRow>(
    db,
    sql`select r.id, r.org_id, r.code, r.title, r.content, c.name as category, coalesce(up.name, '') || pl.name as place, r.status, r.created_at, r.due_at,
        g.name as "group", r.answer, r.outcome, r.outcome_department as department, r.answered_at, mp.name as member, mi.code as merged_code,
        r.rating, r.rating_comment, r.resident_name_enc, o.region_code
      from request r join org o on o.id = r.org_id join request_category c on c.id = r.category_id join place pl on pl.id = r.place_id left join place up on up.id = pl.parent_id
      left join member_group g on g.id = r.group_id left join member m on m.id = r.member_id left join person mp on mp.id = m.person_id
      left join request mi on mi.id = r.merged_into_id
      where r.code = ${code}`,
  );
  if (!r) throw notFound('未找到该查询码对应的诉求，请核对后重试');
  return r;
}

/** The resident's own view: never their phone or name; phone-like numbers in the text hidden. */
export async function trackRequest(ctx: Ctx, code: string): Promise<TrackView> {
  const r = await byCode(ctx.db, code);
  const name = nameOf(ctx.crypto, r.resident_name_enc);
  const [events, photos, answerPhotos] = [
    await rowsOf<{ kind: string; role: string | null; actor_name: string; at: Date }>(
      ctx.db,
      sql`select kind, data->>'role' as role, actor_name, at from request_event where request_id = ${r.id} and kind in ${valueList(PUBLIC_EVENT_KINDS)} order by at, id`,
    ),
    await photosOf(ctx.db, 'request', [r.id]),
    await photosOf(ctx.db, 'request_answer', [r.id]),
  ];
  return {
    code: r.code,
    regionCode: r.region_code,
    title: scrub(r.title, name),
    content: scrub(r.content, name),
    category: r.category,
    place: r.place,
    status: r.status as TrackView['status'],
    statusLabel: statusLabel(r.status),
    createdAt: iso(r.created_at),
    dueAt: iso(r.due_at),
    group: r.group,
    answer: r.answer && scrub(r.answer, name),
    outcome: r.outcome as TrackView['outcome'],
    outcomeLabel: outcomeLabel(r.outcome),
    department: r.department,
    answeredAt: isoOrNull(r.answered_at),
    answeredBy: r.answered_at ? (asMember(r.member) ?? '政协机关') : null,
    mergedIntoCode: r.merged_code,
    rating: r.rating as TrackView['rating'],
    ratingLabel: ratingLabel(r.rating),
    ratingComment: r.rating_comment && scrub(r.rating_comment, name),
    canRate: r.status === 'answered' && !r.rating,
    photos: photos.get(r.id) ?? [],
    answerPhotos: answerPhotos.get(r.id) ?? [],
    timeline: events.map((e) => ({ kind: e.kind, label: eventLabel(e.kind), by: publicBy(e.role, e.actor_name), at: iso(e.at) })),
  };
}
/** Members by name (they answer in public), staff as the office, the resident as 群众. */
const publicBy = (role: string | null, name: string) => (role === 'member' ? asMember(name) : role === 'staff' ? '政协机关' : role === 'resident' ? '群众' : null);

export async function trackPhoto(ctx: Ctx, code: string, fileId: string) {
  const r = await byCode(ctx.db, code);
  return fileBytes(ctx.db, { id: fileId, orgId: r.org_id, ownerTypes: ['request', 'request_answer'], ownerId: r.id });
}

const publicSelect = sql`select r.id, r.title, r.content, c.name as category, coalesce(up.name, '') || pl.name as place, coalesce(up.name, pl.name) as township,
    r.status, r.answer, r.outcome, r.outcome_department as department, r.answered_at, mp.name as member, r.rating, r.created_at, r.follow_count, r.resident_name_enc
  from request r join request_category c on c.id = r.category_id join place pl on pl.id = r.place_id left join place up on up.id = pl.parent_id
  left join member m on m.id = r.member_id left join person mp on mp.id = m.person_id`;
type PublicRow = { id: string; title: string; content: string; category: string; place: string; township: string | null; status: string; answer: string | null; outcome: string | null; department: string | null; answered_at: Date | null; member: string | null; rating: string | null; created_at: Date; follow_count: number; resident_name_enc: string | null };
const presentPublic = (r: PublicRow, name: string | null): PublicItemView => ({
  id: r.id,
  title: scrub(r.title, name),
  content: scrub(r.content, name),
  category: r.category,
  place: r.place,
  township: r.township,
  status: r.status as PublicItemView['status'],
  statusLabel: statusLabel(r.status),
  answer: r.answer && scrub(r.answer, name),
  outcome: r.outcome as PublicItemView['outcome'],
  outcomeLabel: outcomeLabel(r.outcome),
  department: r.department,
  answeredAt: isoOrNull(r.answered_at),
  answeredBy: r.answered_at ? (asMember(r.member) ?? '政协机关') : null,
  rating: r.rating as PublicItemView['rating'],
  ratingLabel: ratingLabel(r.rating),
  createdAt: iso(r.created_at),
  followCount: r.follow_count,
});

/** The public list: only what staff approved for publication, newest answers first. Two queries. */
export async function publicList(ctx: Ctx, regionCode: string, q: PublicListQuery): Promise<Page<PublicItemView>> {
  const o = await orgByRegion(ctx.db, regionCode);
  const where = sql`r.org_id = ${o.id} and r.publish_state = 'published'
    ${q.categoryId ? sql`and r.category_id = ${q.categoryId}` : sql``}
    ${q.townshipId ? sql`and (r.place_id = ${q.townshipId} or pl.parent_id = ${q.townshipId})` : sql``}`;
  const [rows, [{ n }]] = [
    await rowsOf<PublicRow>(ctx.db, sql`${publicSelect} where ${where} order by r.answered_at desc nulls last, r.id limit ${q.pageSize} offset ${offsetOf(q)}`),
    await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from request r join place pl on pl.id = r.place_id where ${where}`),
  ];
  return { items: rows.map((r) => presentPublic(r, nameOf(ctx.crypto, r.resident_name_enc))), total: n, page: q.page, pageSize: q.pageSize };
}

/**
 * Following without an account: once per phone (the random token the page keeps; a second follow from it
 * changes nothing, even at the same moment — the primary key of request_follow), at most
 * `followsPerIpPerDay` from one address (counted under its lock). The phone keeps its list (localStorage).
 */
export async function followRequest(ctx: Ctx, id: string, body: FollowBody) {
  const deviceHash = ctx.crypto.blindIndex(`follow:${body.device}`);
  const ipHash = addressHash(ctx);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [r] = await rowsOf<{ org_id: string; follow_count: number; followed: boolean }>(
      tx,
      sql`select r.org_id, r.follow_count, exists (select 1 from request_follow f where f.request_id = r.id and f.device_hash = ${deviceHash}) as followed
        from request r where r.id = ${id} and r.publish_state = 'published'`,
    );
    if (!r) throw notFound('该诉求不存在或未公开');
    if (r.followed) return { followCount: r.follow_count };
    await lockKeys(tx, [ipHash]);
    if (ipHash) {
      const rules = await rulesOf(tx, r.org_id);
      const [{ n }] = await rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from request_follow where ip_hash = ${ipHash} and created_at > ${dayBefore(now).toISOString()} and org_id = ${r.org_id}`,
      );
      if (n >= rules.followsPerIpPerDay) throw new AppError(429, 'RATE_LIMITED', '当前网络 24 小时内关注的诉求已达上限，请明天再关注');
    }
    const added = await tx.insert(requestFollow).values({ requestId: id, orgId: r.org_id, deviceHash, ipHash, createdAt: now }).onConflictDoNothing().returning({ id: requestFollow.requestId });
    const [row] = await rowsOf<{ follow_count: number }>(tx, sql`update request set follow_count = follow_count + ${added.length} where id = ${id} returning follow_count`);
    return { followCount: row.follow_count };
  });
}

/** Compact statuses of followed (published) concerns by id, and of one's own by tracking code. */
export async function followedRequests(ctx: Ctx, q: FollowedQuery): Promise<FollowedItemView[]> {
  if (!q.ids.length && !q.codes.length) return [];
  const rows = await rowsOf<{ id: string; code: string; title: string; status: string; answered_at: Date | null; rating: string | null; follow_count: number; own: boolean; resident_name_enc: string | null }>(
    ctx.db,
    sql`select r.id, r.code, r.title, r.resident_name_enc, r.status, r.answered_at, r.rating, r.follow_count, ${q.codes.length ? sql`r.code in ${valueList(q.codes)}` : sql`false`} as own
      from request r
      where ${q.ids.length ? sql`(r.id in ${valueList(q.ids)} and r.publish_state = 'published')` : sql`false`}
        or ${q.codes.length ? sql`r.code in ${valueList(q.codes)}` : sql`false`}
      order by r.created_at desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.own ? r.code : null,
    title: scrub(r.title, nameOf(ctx.crypto, r.resident_name_enc)),
    status: r.status as FollowedItemView['status'],
    statusLabel: statusLabel(r.status),
    answeredAt: isoOrNull(r.answered_at),
    rating: r.rating as FollowedItemView['rating'],
    followCount: r.follow_count,
  }));
}

export const assertRatable = (status: string, rating: string | null) => {
  if (status !== 'answered') throw conflict(status === 'closed' ? '该诉求已办结，不能再评价' : '该诉求尚未答复，答复后才能评价');
  if (rating) throw conflict('您已评价过这次答复');
};
