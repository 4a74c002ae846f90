import { sql } from 'drizzle-orm';
import { can, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { notify } from '../notification/notification.service.js';
import { opinionReportEvent } from './opinion.table.js';
import type { OpinionStatus } from './opinion.schema.js';

/** Staff, leaders and admins read the org's reports; a member only those they author. */
export const readsOrg = (actor: OrgActor) => can(actor, 'opinion.review');
export const manages = (actor: OrgActor) => can(actor, 'opinion.manage');

export interface ReportAccess {
  id: string;
  orgId: string;
  title: string;
  body: string;
  status: OpinionStatus;
  forwardedToOrgId: string | null;
  createdAt: Date;
  /** the actor's author position (0: the writer), null when not an author */
  myPosition: number | null;
  /** the actor's org recorded something on it (it passed through this org) */
  recordedHere: boolean;
  /** the actor's org and its upper org */
  actorOrgName: string;
  actorOrgShortName: string;
  actorOrgLevel: 'province' | 'city' | 'county';
  actorOrgParentId: string | null;
}

export const isOwnOrg = (r: ReportAccess, actor: OrgActor) => r.orgId === actor.orgId;
/** pending at the actor's org: submitted to its own org, or forwarded to it by a lower one */
export const pendingHere = (r: ReportAccess, actor: OrgActor) =>
  (r.status === 'submitted' && isOwnOrg(r, actor)) || (r.status === 'forwarded' && r.forwardedToOrgId === actor.orgId);
/** an upper org the report was forwarded to (or that recorded something on it) */
export const upperHere = (r: ReportAccess, actor: OrgActor) => !isOwnOrg(r, actor) && (r.forwardedToOrgId === actor.orgId || r.recordedHere);

export function canSee(r: ReportAccess, actor: OrgActor) {
  if (r.myPosition !== null) return true;
  if (!readsOrg(actor)) return false;
  if (isOwnOrg(r, actor)) return r.status !== 'draft';
  return upperHere(r, actor);
}

/** The report, if the actor may see it (for update, `lock` takes its row lock first); 404 otherwise. */
export async function loadReport(db: Executor, actor: OrgActor, id: string, lock = false): Promise<ReportAccess> {
  if (lock) await db.execute(sql`select id from opinion_report where id = ${id} for update`);
  const [r] = await rowsOf<ReportAccess & { createdAt: string | Date }>(
    db,
    sql`select r.id, r.org_id as "orgId", r.title, r.body, r.status, r.forwarded_to_org_id as "forwardedToOrgId", r.created_at as "createdAt",
        (select a.position from opinion_report_author a join member m on m.id = a.member_id join person p on p.id = m.person_id
          where a.report_id = r.id and m.org_id = ${actor.orgId} and p.account_id = ${actor.accountId}) as "myPosition",
        exists(select 1 from opinion_report_record x where x.report_id = r.id and x.org_id = ${actor.orgId}) as "recordedHere",
        o.name as "actorOrgName", o.short_name as "actorOrgShortName", o.level as "actorOrgLevel", o.parent_id as "actorOrgParentId"
      from opinion_report r, org o where r.id = ${id} and o.id = ${actor.orgId}`,
  );
  if (!r || !canSee(r as ReportAccess, actor)) throw notFound('社情民意信息不存在或无权查看');
  return { ...r, createdAt: new Date(r.createdAt) } as ReportAccess;
}

export interface EventInput {
  kind: string;
  note?: string | null;
  data?: unknown;
}

/** One step of the report's history, by the signed-in actor. */
export async function addEvent(ctx: Ctx, tx: Executor, actor: OrgActor, reportId: string, e: EventInput) {
  await tx.insert(opinionReportEvent).values({
    orgId: actor.orgId,
    reportId,
    kind: e.kind,
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    note: e.note ?? null,
    data: e.data ?? null,
    at: ctx.clock.now(),
  });
}

/** Tells every author with an account (in the report's org) what happened. */
export async function notifyAuthors(tx: Executor, reportId: string, n: { kind: string; title: string; body?: string; at: Date }) {
  const to = await rowsOf<{ account_id: string; org_id: string }>(
    tx,
    sql`select p.account_id, r.org_id from opinion_report_author a join opinion_report r on r.id = a.report_id
      join member m on m.id = a.member_id join person p on p.id = m.person_id
      where a.report_id = ${reportId} and p.account_id is not null order by a.position`,
  );
  await notify(
    tx,
    to.map((x) => ({
      orgId: x.org_id,
      accountId: x.account_id,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      // authors are members: their messages open the phone page
      link: `/m/reports/${reportId}`,
      targetType: 'opinion_report',
      targetId: reportId,
      at: n.at,
    })),
  );
}

/** Tells the staff of an org (a new submission, a report forwarded to them). */
export async function notifyStaff(tx: Executor, orgId: string, reportId: string, n: { kind: string; title: string; body?: string; at: Date }) {
  const to = await rowsOf<{ account_id: string }>(
    tx,
    sql`select distinct ar.account_id from account_role ar join account a on a.id = ar.account_id
      where ar.org_id = ${orgId} and ar.role = 'staff' and not a.disabled`,
  );
  await notify(
    tx,
    to.map((x) => ({ orgId, accountId: x.account_id, kind: n.kind, title: n.title, body: n.body ?? '', link: `/opinion-reports/${reportId}`, targetType: 'opinion_report', targetId: reportId, at: n.at })),
  );
}
