import { sql, type SQL } from 'drizzle-orm';
import type { OrgActor } from '../../core/access.js';
import { maskPhone } from '../../core/crypto.js';
import type { Ctx, Executor } from '../../core/context.js';
import { forbidden, notFound } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { photosOf } from '../file/file.service.js';
import { requireAnyAccess } from './request.access.js';
import { memberOf } from './request.people.js';
import { requestVisibleSql } from './request.visible.js';
import { eventLabel, iso, isoOrNull, maskDigits, maskName, outcomeLabel, scrub, publishLabel, ratingLabel, statusLabel } from './request.presenter.js';
import { ESCALATION_LABELS, OPEN_STATUSES, type EscalationKind, type RequestDetailView, type RequestListQuery, type RequestRowView } from './request.schema.js';
import { valueList } from '../../core/sql.js';

const openSql = sql`r.status in ${valueList(OPEN_STATUSES)}`;
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
const nextDayStart = (d: string) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** The columns of a row in the list (and the head of a concern's page), with its category, place, group, committee and member. */
const rowSelect = (now: Date) => sql`select r.id, r.code, r.title, r.status, r.due_at, r.created_at, r.answered_at, r.rating, r.publish_state, r.reopen_count,
    json_build_object('id', c.id, 'name', c.name) as category,
    json_build_object('id', pl.id, 'fullName', coalesce(up.name, '') || pl.name) as place,
    case when g.id is null then null else json_build_object('id', g.id, 'name', g.name) end as "group",
    case when k.id is null then null else json_build_object('id', k.id, 'name', k.name) end as committee,
    case when m.id is null then null else json_build_object('id', m.id, 'name', mp.name) end as member,
    (${openSql} and r.due_at < ${now.toISOString()}) as overdue`;
const rowFrom = sql`from request r join request_category c on c.id = r.category_id join place pl on pl.id = r.place_id left join place up on up.id = pl.parent_id
  left join member_group g on g.id = r.group_id left join committee k on k.id = r.committee_id
  left join member m on m.id = r.member_id left join person mp on mp.id = m.person_id`;

interface Row {
  id: string;
  code: string;
  title: string;
  status: string;
  due_at: Date;
  created_at: Date;
  answered_at: Date | null;
  rating: string | null;
  publish_state: string;
  reopen_count: number;
  category: { id: string; name: string };
  place: { id: string; fullName: string };
  group: { id: string; name: string } | null;
  committee: { id: string; name: string } | null;
  member: { id: string; name: string } | null;
  overdue: boolean;
}
const presentRow = (r: Row): RequestRowView => ({
  id: r.id,
  code: r.code,
  title: maskDigits(r.title),
  category: r.category,
  place: r.place,
  group: r.group,
  committee: r.committee,
  member: r.member,
  status: r.status as RequestRowView['status'],
  statusLabel: statusLabel(r.status),
  dueAt: iso(r.due_at),
  overdue: r.overdue,
  createdAt: iso(r.created_at),
  answeredAt: isoOrNull(r.answered_at),
  rating: r.rating as RequestRowView['rating'],
  ratingLabel: ratingLabel(r.rating),
  publishState: r.publish_state as RequestRowView['publishState'],
  publishLabel: publishLabel(r.publish_state),
  reopenCount: r.reopen_count,
});

/** Who the actor is for concerns: staff/leaders see the whole org; a member their group's and their own. */
async function viewer(ctx: Ctx) {
  const actor = requireAnyAccess(ctx.actor, ['request.read', 'request.answer']);
  const me = actor.has('request.answer') ? await memberOf(ctx.db, actor.orgId, actor.accountId) : null;
  return { actor, me, staff: actor.has('request.read') };
}

/** The org's concerns (staff, leaders) or a member's group's (scope=group) or own (scope=mine). Two queries (three for a member). */
export async function listRequests(ctx: Ctx, q: RequestListQuery): Promise<Page<RequestRowView>> {
  const { actor, me, staff } = await viewer(ctx);
  const now = ctx.clock.now();
  const conds: SQL[] = [sql`r.org_id = ${actor.orgId}`];
  const scope = q.scope ?? (staff ? 'all' : 'group');
  if (!staff || scope !== 'all') {
    if (!me) conds.push(sql`false`);
    else if (scope === 'mine') conds.push(sql`r.member_id = ${me.id}`);
    else conds.push(me.groupId ? sql`(r.group_id = ${me.groupId} or r.member_id = ${me.id})` : sql`r.member_id = ${me.id}`);
  }
  if (q.status === 'open') conds.push(openSql);
  else if (q.status === 'done') conds.push(sql`r.status in ('answered', 'closed')`);
  else if (q.status) conds.push(sql`r.status = ${q.status}`);
  if (q.publishState) conds.push(sql`r.publish_state = ${q.publishState}`);
  if (q.categoryId) conds.push(sql`r.category_id = ${q.categoryId}`);
  if (q.placeId) conds.push(sql`(r.place_id = ${q.placeId} or pl.parent_id = ${q.placeId})`);
  if (q.groupId === 'none') conds.push(sql`r.group_id is null`);
  else if (q.groupId) conds.push(sql`r.group_id = ${q.groupId}`);
  if (q.overdue !== undefined) conds.push(q.overdue ? sql`(${openSql} and r.due_at < ${now.toISOString()})` : sql`not (${openSql} and r.due_at < ${now.toISOString()})`);
  if (q.q) conds.push(sql`(r.title ilike ${containing(q.q)} or r.content ilike ${containing(q.q)} or r.code = ${q.q.toUpperCase()})`);
  if (q.from) conds.push(sql`r.created_at >= ${dayStart(q.from)}`);
  if (q.to) conds.push(sql`r.created_at < ${nextDayStart(q.to)}`);
  const where = sql.join(conds, sql` and `);
  const [rows, [{ n }]] = [
    await rowsOf<Row>(ctx.db, sql`${rowSelect(now)} ${rowFrom} where ${where} order by r.created_at desc, r.id limit ${q.pageSize} offset ${offsetOf(q)}`),
    await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from request r join place pl on pl.id = r.place_id where ${where}`),
  ];
  return { items: rows.map(presentRow), total: n, page: q.page, pageSize: q.pageSize };
}

interface DetailRow extends Row {
  org_id: string;
  group_id: string | null;
  member_id: string | null;
  content: string;
  resident_name_enc: string | null;
  phone_enc: string | null;
  phone_erased_at: Date | null;
  routed_by: string;
  answer: string | null;
  outcome: string | null;
  outcome_department: string | null;
  merged_into: { id: string; code: string; title: string } | null;
  first_answered_at: Date | null;
  rating_comment: string | null;
  rated_at: Date | null;
  closed_at: Date | null;
  publish_reason: string | null;
  follow_count: number;
}

/** A concern's row; `visible` says whether `viewer` may see it (request.visible.ts), true when no viewer is named. */
export async function loadDetailRow(db: Executor, orgId: string, id: string, now: Date, viewer?: OrgActor) {
  const [r] = await rowsOf<DetailRow & { visible: boolean }>(
    db,
    sql`${rowSelect(now)}, ${viewer ? requestVisibleSql(viewer) : sql`true`} as visible, r.org_id, r.group_id, r.member_id, r.content, r.resident_name_enc, r.phone_enc, r.phone_erased_at, r.routed_by, r.answer, r.outcome,
        r.outcome_department, r.first_answered_at, r.rating_comment, r.rated_at, r.closed_at, r.publish_reason, r.follow_count,
        (select json_build_object('id', x.id, 'code', x.code, 'title', x.title) from request x where x.id = r.merged_into_id) as merged_into
      ${rowFrom} where r.org_id = ${orgId} and r.id = ${id}`,
  );
  if (!r) throw notFound('诉求不存在');
  return r;
}

const notYours = () => forbidden('这条诉求不属于您所在的小组');

export async function requestDetail(ctx: Ctx, id: string): Promise<RequestDetailView> {
  const { actor, me, staff } = await viewer(ctx);
  const r = await loadDetailRow(ctx.db, actor.orgId, id, ctx.clock.now(), actor);
  if (!r.visible) throw notYours();
  const manage = actor.has('request.manage');
  const [events, photos, answerPhotos, escalations] = [
    await rowsOf<{ id: number; kind: string; actor_name: string; note: string | null; at: Date }>(
      ctx.db,
      sql`select id, kind, actor_name, note, at from request_event where request_id = ${id} order by at, id`,
    ),
    await photosOf(ctx.db, 'request', [id]),
    await photosOf(ctx.db, 'request_answer', [id]),
    await escalationsOf(ctx.db, [id]),
  ];
  const open = ['new', 'claimed', 'reopened'].includes(r.status);
  const inGroup = !!me?.groupId && me.groupId === r.group_id;
  const own = !!me && r.member_id === me.id;
  // a member of another group reads a published concern as the public does: without the resident's name and number
  const handles = staff || inGroup || own;
  const name = r.resident_name_enc ? ctx.crypto.decrypt(r.resident_name_enc) : null;
  return {
    ...presentRow(r),
    content: scrub(r.content, name),
    residentName: handles ? maskName(name) : null,
    phoneMasked: handles && r.phone_enc ? maskPhone(ctx.crypto.decrypt(r.phone_enc)) : null,
    phoneErased: !!r.phone_erased_at,
    routedBy: r.routed_by,
    answer: handles ? r.answer : r.answer && scrub(r.answer, name),
    outcome: r.outcome as RequestDetailView['outcome'],
    outcomeLabel: outcomeLabel(r.outcome),
    department: r.outcome_department,
    mergedInto: r.merged_into,
    firstAnsweredAt: isoOrNull(r.first_answered_at),
    ratingComment: handles ? r.rating_comment : r.rating_comment && scrub(r.rating_comment, name),
    ratedAt: isoOrNull(r.rated_at),
    closedAt: isoOrNull(r.closed_at),
    publishReason: r.publish_reason,
    followCount: r.follow_count,
    photos: photos.get(id) ?? [],
    answerPhotos: answerPhotos.get(id) ?? [],
    events: events.map((e) => ({ id: Number(e.id), kind: e.kind, label: eventLabel(e.kind), actorName: e.actor_name, note: e.note, at: iso(e.at) })),
    escalations: escalations.get(id) ?? [],
    can: {
      claim: open && inGroup && r.member_id !== me?.id,
      assign: open && (manage || (!!me?.convenes && me.convenes === r.group_id)),
      answer: open && (manage || inGroup || own),
      manage,
      viewContact: !!r.phone_enc && (manage || own),
      escalate: manage || inGroup || own,
      seeResident: handles,
    },
  };
}

/** Escalations of several concerns: request id → links (one query). */
export async function escalationsOf(db: Executor, requestIds: string[]) {
  const map = new Map<string, RequestDetailView['escalations']>();
  if (!requestIds.length) return map;
  const rows = await rowsOf<{ request_id: string; id: string; kind: string; title: string; target_id: string | null; created_at: Date }>(
    db,
    sql`select i.request_id, e.id, e.kind, e.title, e.target_id, e.created_at from request_escalation_item i join request_escalation e on e.id = i.escalation_id
      where i.request_id in ${valueList(requestIds)} order by e.created_at`,
  );
  for (const e of rows)
    map.set(e.request_id, [
      ...(map.get(e.request_id) ?? []),
      { id: e.id, kind: e.kind as EscalationKind, kindLabel: ESCALATION_LABELS[e.kind as EscalationKind], title: e.title, targetId: e.target_id, createdAt: iso(e.created_at) },
    ]);
  return map;
}

/** The whole phone number and name, to call the resident: staff, or the member responsible. Audited. */
export async function requestContact(ctx: Ctx, id: string) {
  const { actor, me } = await viewer(ctx);
  const r = await loadDetailRow(ctx.db, actor.orgId, id, ctx.clock.now());
  if (!actor.has('request.manage') && !(me && r.member_id === me.id)) throw forbidden('只有负责办理的委员和机关干部可以查看群众的联系方式');
  const contact = {
    name: r.resident_name_enc ? ctx.crypto.decrypt(r.resident_name_enc) : null,
    phone: r.phone_enc ? ctx.crypto.decrypt(r.phone_enc) : null,
    erased: !!r.phone_erased_at,
  };
  await writeAudit(ctx, { action: 'request.view_phone', summary: `查看诉求 ${r.code} 群众的完整联系方式`, targetType: 'request', targetId: id });
  return contact;
}
