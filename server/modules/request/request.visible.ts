import { sql, type SQL } from 'drizzle-orm';
import { can, type OrgActor } from '../../core/access.js';

/**
 * Who sees a concern of their org: staff, leaders and admins (request.read) every one; a member those
 * of their group and those they answer, and — to read — the published ones, which the public sees too.
 * The one rule, as a condition on the request row `alias`: the concern's page and the search use it.
 */
export function requestVisibleSql(actor: OrgActor, alias = 'r'): SQL {
  if (can(actor, 'request.read')) return sql`true`;
  const r = sql.raw(alias);
  const published = sql`${r}.publish_state = 'published'`;
  if (!can(actor, 'request.answer')) return published;
  return sql`(${published} or exists (select 1 from member vm join person vp on vp.id = vm.person_id left join group_member vg on vg.member_id = vm.id
    where vm.org_id = ${actor.orgId} and vp.account_id = ${actor.accountId} and vm.status = 'active' and (vm.id = ${r}.member_id or vg.group_id = ${r}.group_id)))`;
}

/** The same for a concern known by its id (the search index's ref_id). */
export const requestIdVisibleSql = (actor: OrgActor, id: SQL): SQL =>
  can(actor, 'request.read') ? sql`true` : sql`exists (select 1 from request vr where vr.id = ${id} and ${requestVisibleSql(actor, 'vr')})`;
