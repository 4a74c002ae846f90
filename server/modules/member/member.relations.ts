import { and, eq } from 'drizzle-orm';
import { can, requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { groupOfMember } from '../group/group.service.js';
import { linksOfMember } from '../liaison/liaison.service.js';
import { partyOrgsOfMember } from '../party/party.service.js';
import type { MemberRelationsView } from './member.relations.schema.js';
import { member, person } from './member.table.js';

/** `withLinks`: who keeps in touch with whom is shown to those who may read the liaison work, and to the member themselves. */
const relationsOf = async (db: Executor, orgId: string, memberId: string, withLinks: boolean): Promise<MemberRelationsView> => {
  const [group, links, partyOrgs] = await Promise.all([
    groupOfMember(db, orgId, memberId),
    withLinks ? linksOfMember(db, orgId, memberId) : { keptBy: [], keepsInTouchWith: [] },
    partyOrgsOfMember(db, orgId, memberId),
  ]);
  return { group, ...links, partyOrgs };
};

/** A member's group, liaison both ways and party organisations (the member page). */
export async function memberRelations(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'member.read');
  const [m] = await ctx.db
    .select({ id: member.id, accountId: person.accountId })
    .from(member)
    .innerJoin(person, eq(person.id, member.personId))
    .where(and(eq(member.orgId, actor.orgId), eq(member.id, id)));
  if (!m) throw notFound('委员不存在或不属于本组织');
  return relationsOf(ctx.db, actor.orgId, id, can(actor, 'liaison.read') || m.accountId === actor.accountId);
}

/** The same for the signed-in member themselves (the phone's 我的); null when they are not a member here. */
export async function myRelations(ctx: Ctx) {
  const actor = requireAccess(ctx.actor, 'org.read');
  const [m] = await ctx.db
    .select({ id: member.id })
    .from(member)
    .innerJoin(person, eq(person.id, member.personId))
    .where(and(eq(member.orgId, actor.orgId), eq(person.accountId, actor.accountId)));
  return m ? relationsOf(ctx.db, actor.orgId, m.id, true) : null;
}
