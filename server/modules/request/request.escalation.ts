import { sql, type SQL } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { fieldError, forbidden } from '../../core/errors.js';
import { offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { createOpinionDraft } from '../opinion/opinion.drafts.js';
import { requireAnyAccess } from './request.access.js';
import { addEvent, memberOf } from './request.people.js';
import { iso, maskDigits, nameOf, scrub, statusLabel } from './request.presenter.js';
import { ESCALATION_LABELS, type EscalationBody, type EscalationKind, type EscalationListQuery, type EscalationView } from './request.schema.js';
import { requestEscalation, requestEscalationItem } from './request.table.js';
import { activeMember } from './request.workflow.js';

interface Concern {
  id: string;
  code: string;
  title: string;
  content: string;
  answer: string | null;
  category: string;
  place: string;
  group_id: string | null;
  member_id: string | null;
  created_at: Date;
  /** the resident's name, decrypted, to mask it where they wrote it in */
  name: string | null;
}

/** The concerns' titles, places and contents (numbers hidden), and answers, as the draft's body. */
export const compileBody = (note: string, concerns: Concern[]) =>
  [
    ...(note ? [note, ''] : []),
    `本材料由 ${concerns.length} 条群众诉求整理而成：`,
    ...concerns.flatMap((c, i) => [
      '',
      `${i + 1}. ${scrub(c.title, c.name)}（${c.place}，${c.category}，查询码 ${c.code}，${iso(c.created_at).slice(0, 10)}）`,
      scrub(c.content, c.name),
      ...(c.answer ? [`委员答复：${scrub(c.answer, c.name)}`] : []),
    ]),
  ].join('\n');

/**
 * One or several similar concerns taken further: an opinion report draft (made now, through the
 * opinion module), a proposal lead or a consultation topic candidate (lists the proposals and
 * consultation capabilities take up). Staff any kind; a member an opinion report of their own
 * group's concerns, as its author. Both sides keep the link.
 */
export async function escalateRequests(ctx: Ctx, b: EscalationBody) {
  const actor = requireAnyAccess(ctx.actor, ['request.manage', 'request.answer']);
  const staff = actor.has('request.manage');
  const now = ctx.clock.now();
  const ids = [...new Set(b.requestIds)];
  const id = await ctx.db.transaction(async (tx) => {
    const me = staff ? null : await memberOf(tx, actor.orgId, actor.accountId);
    if (!staff && b.kind !== 'opinion_report') throw forbidden('委员只能把诉求转为社情民意信息；提案线索和协商议题候选由机关干部转化');
    const rows = await rowsOf<Omit<Concern, 'name'> & { resident_name_enc: string | null }>(
      tx,
      sql`select r.id, r.code, r.title, r.content, r.answer, r.resident_name_enc, c.name as category, coalesce(up.name, '') || pl.name as place, r.group_id, r.member_id, r.created_at
        from request r join request_category c on c.id = r.category_id join place pl on pl.id = r.place_id left join place up on up.id = pl.parent_id
        where r.org_id = ${actor.orgId} and r.id in ${valueList(ids)} order by r.created_at`,
    );
    const concerns: Concern[] = rows.map(({ resident_name_enc, ...c }) => ({ ...c, name: nameOf(ctx.crypto, resident_name_enc) }));
    if (concerns.length !== ids.length) throw fieldError('requestIds', '所选诉求中有的不存在或不属于本组织');
    if (me === null && !staff) throw forbidden('您不是本组织在任委员');
    if (me && concerns.some((c) => !((me.groupId && c.group_id === me.groupId) || c.member_id === me.id))) throw forbidden('只能转化本小组的诉求');
    let targetId: string | null = null;
    let author: string | null = null;
    if (b.kind === 'opinion_report') {
      author = me?.id ?? (b.authorMemberId ? (await activeMember(tx, actor.orgId, b.authorMemberId)).id : (concerns.find((c) => c.member_id)?.member_id ?? null));
      if (!author) throw fieldError('authorMemberId', '请指定撰写社情民意信息的委员');
      ({ id: targetId } = await createOpinionDraft(tx, { orgId: actor.orgId, title: b.title, body: compileBody(b.note, concerns), authorMemberIds: [author], createdBy: actor.accountId, createdByName: actor.displayName, note: `由 ${concerns.length} 条群众诉求转化`, now }));
    }
    const [e] = await tx
      .insert(requestEscalation)
      .values({ orgId: actor.orgId, kind: b.kind, title: b.title, note: b.note, targetId, createdBy: actor.accountId, createdAt: now })
      .returning({ id: requestEscalation.id });
    await tx.insert(requestEscalationItem).values(concerns.map((c) => ({ orgId: actor.orgId, escalationId: e.id, requestId: c.id })));
    const by = me ? { accountId: actor.accountId, name: me.name, role: 'member' as const } : { accountId: actor.accountId, name: actor.displayName, role: 'staff' as const };
    for (const c of concerns)
      await addEvent(tx, { orgId: actor.orgId, requestId: c.id, kind: 'escalated', by, note: `转为${ESCALATION_LABELS[b.kind]}“${b.title}”`, data: { escalationId: e.id, kind: b.kind, targetId }, at: now });
    await writeAudit(
      ctx,
      { action: 'request.escalate', summary: `将 ${concerns.length} 条诉求转为${ESCALATION_LABELS[b.kind]}“${b.title}”`, targetType: 'request_escalation', targetId: e.id, after: { kind: b.kind, codes: concerns.map((c) => c.code), targetId, author } },
      tx,
    );
    return e.id;
  });
  const [view] = await escalationsWhere(ctx.db, sql`e.org_id = ${actor.orgId} and e.id = ${id}`, 1, 0);
  return view;
}

const escalationsWhere = (db: Executor, where: SQL, limit: number, offset: number) =>
  rowsOf<Omit<EscalationView, 'kindLabel' | 'createdAt' | 'requests'> & { created_at: Date; requests: { id: string; code: string; title: string; status: string }[] }>(
    db,
    sql`select e.id, e.kind, e.title, e.note, e.target_id as "targetId", e.created_at, a.display_name as "createdBy",
        coalesce((select json_agg(json_build_object('id', r.id, 'code', r.code, 'title', r.title, 'status', r.status) order by r.created_at)
          from request_escalation_item i join request r on r.id = i.request_id where i.escalation_id = e.id), '[]'::json) as requests
      from request_escalation e left join account a on a.id = e.created_by
      where ${where} order by e.created_at desc, e.id limit ${limit} offset ${offset}`,
  ).then((rows) =>
    rows.map(({ created_at, requests, ...e }) => ({
      ...e,
      kindLabel: ESCALATION_LABELS[e.kind as EscalationKind],
      createdAt: iso(created_at),
      requests: requests.map((r) => ({ ...r, title: maskDigits(r.title), status: r.status as EscalationView['requests'][number]['status'], statusLabel: statusLabel(r.status) })),
    })),
  );

/** Escalations of the org (staff, leaders): the candidate lists of proposals and topics, the report drafts made. Two queries. */
export async function listEscalations(ctx: Ctx, q: EscalationListQuery): Promise<Page<EscalationView>> {
  const actor = requireAnyAccess(ctx.actor, ['request.read']);
  const where = sql`e.org_id = ${actor.orgId} ${q.kind ? sql`and e.kind = ${q.kind}` : sql``}`;
  const [items, [{ n }]] = [
    await escalationsWhere(ctx.db, where, q.pageSize, offsetOf(q)),
    await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from request_escalation e where ${where}`),
  ];
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}
