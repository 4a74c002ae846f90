import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { accountRole } from '../account/account.table.js';
import { memberBriefSql } from '../member/member.brief.js';
import type { MemberBrief } from '../member/member.schema.js';
import { member } from '../member/member.table.js';
import { committee } from '../sector/sector.table.js';
import { chineseNumber } from '../term/term.schema.js';
import { groupCommittee, groupMember, groupPlace, memberGroup } from './group.table.js';
import type { GroupBody, GroupCreateBody, GroupMembersBody, GroupProposal, GroupProposeBody, GroupView } from './group.schema.js';

const memberRef = (id: SQL) => sql`(select json_build_object('id', x.id, 'name', p.name) from member x join person p on p.id = x.person_id where x.id = ${id})`;

/** The org's groups with leader, convener, liaison staff, committees, places, counts and temporary branch: one query. */
export const groupsOf = (db: Executor, orgId: string, id?: string) =>
  rowsOf<GroupView>(
    db,
    sql`select g.id, g.name, g.sort,
        ${memberRef(sql`g.leader_id`)} as leader,
        ${memberRef(sql`g.convener_id`)} as convener,
        (select json_build_object('id', a.id, 'name', a.display_name) from account a where a.id = g.liaison_account_id) as "liaisonStaff",
        coalesce((select json_agg(json_build_object('id', c.id, 'name', c.short_name) order by c.sort, c.name)
          from group_committee gc join committee c on c.id = gc.committee_id where gc.group_id = g.id), '[]'::json) as committees,
        coalesce((select json_agg(json_build_object('id', pl.id, 'name', coalesce(up.name, '') || pl.name) order by up.sort nulls first, pl.sort)
          from group_place gp join place pl on pl.id = gp.place_id left join place up on up.id = pl.parent_id where gp.group_id = g.id), '[]'::json) as places,
        (select count(*)::int from group_member gm join member m on m.id = gm.member_id where gm.group_id = g.id and m.status = 'active') as "memberCount",
        (select count(*)::int from group_member gm join member m on m.id = gm.member_id where gm.group_id = g.id and m.status = 'active' and m.party = '中共') as "cpcCount",
        (select json_build_object('id', po.id, 'name', po.name) from party_org po where po.group_id = g.id) as "tempBranch"
      from member_group g where g.org_id = ${orgId} ${id ? sql`and g.id = ${id}` : sql``}
      order by g.sort, g.name`,
  );

export async function listGroups(ctx: Ctx): Promise<GroupView[]> {
  const actor = requireAccess(ctx.actor, 'structure.read');
  return groupsOf(ctx.db, actor.orgId);
}

async function loadGroup(db: Executor, orgId: string, id: string) {
  const [g] = await groupsOf(db, orgId, id);
  if (!g) throw notFound('小组不存在或不属于本组织');
  return g;
}

/** Active members of the org matching `which`, in roster order, with the group each is in now. */
const membersWithGroupWhere = (db: Executor, orgId: string, which: SQL) =>
  rowsOf<{ brief: MemberBrief; group_id: string | null; group_name: string | null }>(
    db,
    sql`select ${memberBriefSql(sql`m`)} as brief, g.id as group_id, g.name as group_name
      from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id
      left join group_member gm on gm.member_id = m.id left join member_group g on g.id = gm.group_id
      where m.org_id = ${orgId} and m.status = 'active' and ${which}
      order by s.sort, m.standing desc, p.name_pinyin`,
  );
/** Active members of the org among `ids`, with the group each is in now. */
const membersWithGroup = (db: Executor, orgId: string, ids: string[]) =>
  ids.length ? membersWithGroupWhere(db, orgId, sql`m.id in ${valueList(ids)}`) : Promise.resolve([]);

/**
 * 远安 way of forming a group: the chosen chair or vice-chair, and the active members of the sectors
 * the chosen committees link who are in no group yet. Those already in a group are listed apart.
 */
export async function proposeGroup(ctx: Ctx, b: GroupProposeBody): Promise<GroupProposal> {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  const [leader] = await membersWithGroup(ctx.db, actor.orgId, [b.leaderId]);
  if (!leader) throw fieldError('leaderId', '带组领导不是本组织在任委员');
  if (!['chair', 'vice_chair'].includes(leader.brief.position)) throw fieldError('leaderId', `${leader.brief.name} 不是主席或副主席`);
  const committees = await ctx.db.select({ id: committee.id }).from(committee).where(and(eq(committee.orgId, actor.orgId), inArray(committee.id, b.committeeIds)));
  if (committees.length !== new Set(b.committeeIds).size) throw fieldError('committeeIds', '所选专委会不存在');
  const committeeList = valueList(b.committeeIds);
  const [sectors, people, [{ n }]] = await Promise.all([
    rowsOf<{ id: string; name: string }>(
      ctx.db,
      sql`select distinct s.id, s.name, s.sort from committee_sector cs join sector s on s.id = cs.sector_id
        where cs.committee_id in ${committeeList} order by s.sort, s.name`,
    ),
    membersWithGroupWhere(
      ctx.db,
      actor.orgId,
      sql`m.id <> ${b.leaderId} and m.sector_id in (select cs.sector_id from committee_sector cs where cs.committee_id in ${committeeList})`,
    ),
    rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from member_group where org_id = ${actor.orgId}`),
  ]);
  return {
    suggestedName: `第${chineseNumber(n + 1)}活动小组`,
    sectors: sectors.map((s) => ({ id: s.id, name: s.name })),
    candidates: [...(leader.group_id ? [] : [leader.brief]), ...people.filter((p) => !p.group_id).map((p) => p.brief)],
    elsewhere: people.filter((p) => p.group_id).map((p) => ({ member: p.brief, group: { id: p.group_id!, name: p.group_name! } })),
  };
}

/** Leader, convener, liaison staff, committees and places must be the org's own; places not another group's. */
async function checkRefs(tx: Executor, orgId: string, b: GroupBody, groupId: string | null) {
  const people = await membersWithGroup(tx, orgId, [b.leaderId, b.convenerId].filter((x): x is string => !!x));
  const leader = people.find((p) => p.brief.id === b.leaderId);
  if (b.leaderId && !leader) throw fieldError('leaderId', '带组领导不是本组织在任委员');
  if (leader && !['chair', 'vice_chair'].includes(leader.brief.position)) throw fieldError('leaderId', `${leader.brief.name} 不是主席或副主席`);
  if (b.convenerId && !people.some((p) => p.brief.id === b.convenerId)) throw fieldError('convenerId', '召集人不是本组织在任委员');
  if (b.liaisonAccountId) {
    const [staff] = await tx
      .select({ id: accountRole.id })
      .from(accountRole)
      .where(and(eq(accountRole.orgId, orgId), eq(accountRole.accountId, b.liaisonAccountId), eq(accountRole.role, 'staff')));
    if (!staff) throw fieldError('liaisonAccountId', '联络干部应为本组织的机关干部');
  }
  if (b.committeeIds.length) {
    const found = await tx.select({ id: committee.id }).from(committee).where(and(eq(committee.orgId, orgId), inArray(committee.id, b.committeeIds)));
    if (found.length !== new Set(b.committeeIds).size) throw fieldError('committeeIds', '所选专委会不存在');
  }
  if (b.placeIds.length) {
    const found = await rowsOf<{ id: string; name: string; covered_by: string | null; covered_name: string | null }>(
      tx,
      sql`select pl.id, coalesce(up.name, '') || pl.name as name, gp.group_id as covered_by, g.name as covered_name
        from place pl left join place up on up.id = pl.parent_id
        left join group_place gp on gp.place_id = pl.id left join member_group g on g.id = gp.group_id
        where pl.org_id = ${orgId} and pl.id in ${valueList(b.placeIds)}`,
    );
    if (found.length !== new Set(b.placeIds).size) throw fieldError('placeIds', '所选地方不存在');
    const taken = found.filter((f) => f.covered_by && f.covered_by !== groupId);
    if (taken.length) throw fieldError('placeIds', taken.map((t) => `${t.name}已由${t.covered_name}联系`).join('；'));
    // a township and a village of it are never two groups' (a concern from there must go to one group)
    const [nested] = await rowsOf<{ place: string; other: string; group: string }>(
      tx,
      sql`select coalesce(up.name, '') || pl.name as place, coalesce(xu.name, '') || x.name as other, g.name as "group"
        from place pl left join place up on up.id = pl.parent_id
        join place x on x.id = pl.parent_id or x.parent_id = pl.id left join place xu on xu.id = x.parent_id
        join group_place gp on gp.place_id = x.id join member_group g on g.id = gp.group_id
        where pl.id in ${valueList(b.placeIds)} and gp.group_id is distinct from ${groupId}`,
    );
    if (nested) throw fieldError('placeIds', `${nested.other}已由${nested.group}联系，${nested.place}不能再由其他小组联系`);
  }
  return people;
}

/** Puts members into a group; those in another group are refused, or moved when `move` is set. */
async function enrol(tx: Executor, orgId: string, group: { id: string; name: string }, ids: string[], move: boolean) {
  const people = await membersWithGroup(tx, orgId, ids);
  if (people.length !== ids.length) throw fieldError('memberIds', '所选委员中有人不是本组织在任委员');
  const elsewhere = people.filter((p) => p.group_id && p.group_id !== group.id);
  if (elsewhere.length && !move)
    throw conflict(
      `${elsewhere.map((p) => `${p.brief.name} 已在${p.group_name}`).join('，')}；一名委员只能在一个小组，如需调整请先在本组成员中“从其他小组调入”`,
      [{ path: 'memberIds', message: `${elsewhere.length} 人已在其他小组` }],
    );
  if (elsewhere.length) {
    // a convener stays with the group they convene until it has another
    const convening = await rowsOf<{ member: string; group: string }>(
      tx,
      sql`select p.name as member, g.name as "group" from member_group g join member m on m.id = g.convener_id join person p on p.id = m.person_id
        where g.org_id = ${orgId} and g.id <> ${group.id} and g.convener_id in ${valueList(elsewhere.map((p) => p.brief.id))}`,
    );
    if (convening.length) throw conflict(`${convening.map((c) => `${c.member} 是${c.group}召集人`).join('，')}，请先为原小组更换召集人`);
  }
  const fresh = people.filter((p) => p.group_id !== group.id);
  if (!fresh.length) return [];
  await tx.delete(groupMember).where(inArray(groupMember.memberId, fresh.map((p) => p.brief.id)));
  await tx.insert(groupMember).values(fresh.map((p) => ({ orgId, groupId: group.id, memberId: p.brief.id })));
  return fresh.map((p) => ({ name: p.brief.name, from: p.group_name }));
}

async function setLinks(tx: Executor, orgId: string, groupId: string, b: GroupBody) {
  await tx.delete(groupCommittee).where(eq(groupCommittee.groupId, groupId));
  if (b.committeeIds.length) await tx.insert(groupCommittee).values([...new Set(b.committeeIds)].map((committeeId) => ({ orgId, groupId, committeeId })));
  await tx.delete(groupPlace).where(eq(groupPlace.groupId, groupId));
  if (b.placeIds.length) await tx.insert(groupPlace).values([...new Set(b.placeIds)].map((placeId) => ({ orgId, groupId, placeId })));
}

const uniqueName = async (tx: Executor, orgId: string, name: string, except?: string) => {
  const [clash] = await tx.select({ id: memberGroup.id }).from(memberGroup).where(and(eq(memberGroup.orgId, orgId), eq(memberGroup.name, name)));
  if (clash && clash.id !== except) throw conflict(`已有名为“${name}”的小组`, [{ path: 'name', message: `已有名为“${name}”的小组` }]);
};

const groupValues = (b: GroupBody) => ({ name: b.name, sort: b.sort, leaderId: b.leaderId, convenerId: b.convenerId, liaisonAccountId: b.liaisonAccountId });

/** Forms a group; its convener is a member of it (its leader may lead several groups, and sits in one of them). */
export async function createGroup(ctx: Ctx, b: GroupCreateBody): Promise<GroupView> {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  return ctx.db.transaction(async (tx) => {
    await uniqueName(tx, actor.orgId, b.name);
    await checkRefs(tx, actor.orgId, b, null);
    const [row] = await tx.insert(memberGroup).values({ orgId: actor.orgId, ...groupValues(b), createdAt: ctx.clock.now() }).returning();
    await setLinks(tx, actor.orgId, row.id, b);
    const ids = [...new Set([b.convenerId, ...b.memberIds].filter((x): x is string => !!x))];
    const joined = await enrol(tx, actor.orgId, row, ids, false);
    const view = await loadGroup(tx, actor.orgId, row.id);
    await writeAudit(
      ctx,
      {
        action: 'group.create',
        summary: `组建${view.name}（${view.memberCount} 人${view.leader ? `，${view.leader.name}带组` : ''}${view.convener ? `，召集人 ${view.convener.name}` : ''}）`,
        targetType: 'group',
        targetId: row.id,
        after: { ...groupSnapshot(view), members: joined.map((j) => j.name) },
      },
      tx,
    );
    return view;
  });
}

const groupSnapshot = (g: GroupView) => ({
  name: g.name,
  leader: g.leader?.name ?? null,
  convener: g.convener?.name ?? null,
  liaisonStaff: g.liaisonStaff?.name ?? null,
  committees: g.committees.map((c) => c.name),
  places: g.places.map((p) => p.name),
});

export async function updateGroup(ctx: Ctx, id: string, b: GroupBody): Promise<GroupView> {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadGroup(tx, actor.orgId, id);
    await uniqueName(tx, actor.orgId, b.name, id);
    await checkRefs(tx, actor.orgId, b, id);
    await tx.update(memberGroup).set(groupValues(b)).where(eq(memberGroup.id, id));
    await setLinks(tx, actor.orgId, id, b);
    if (b.convenerId) await enrol(tx, actor.orgId, { id, name: b.name }, [b.convenerId], false);
    if (before.tempBranch && before.convener?.id !== b.convenerId) await followConvener(tx, actor.orgId, before.tempBranch.id, before.convener?.id ?? null, b.convenerId);
    const after = await loadGroup(tx, actor.orgId, id);
    await writeAudit(ctx, { action: 'group.update', summary: `修改${after.name}`, targetType: 'group', targetId: id, before: groupSnapshot(before), after: groupSnapshot(after) }, tx);
    return after;
  });
}

/**
 * 新河: the convener is the temporary branch's secretary. When the convener changes, the old one's
 * secretaryship ends and a CPC newcomer takes it (a non-CPC convener leaves the branch without one).
 */
async function followConvener(tx: Executor, orgId: string, branchId: string, from: string | null, to: string | null) {
  if (from) await tx.execute(sql`delete from party_org_member where party_org_id = ${branchId} and member_id = ${from} and role = 'secretary'`);
  if (!to) return;
  await tx.execute(sql`delete from party_org_member where party_org_id = ${branchId} and role = 'secretary'`);
  await tx.execute(sql`insert into party_org_member (org_id, party_org_id, member_id, role)
    select ${orgId}, ${branchId}, m.id, 'secretary' from member m where m.id = ${to} and m.party = '中共'
    on conflict (party_org_id, member_id) do update set role = 'secretary'`);
}

export async function addGroupMembers(ctx: Ctx, id: string, b: GroupMembersBody): Promise<GroupView> {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  return ctx.db.transaction(async (tx) => {
    const g = await loadGroup(tx, actor.orgId, id);
    const joined = await enrol(tx, actor.orgId, g, [...new Set(b.memberIds)], b.move);
    if (!joined.length) throw conflict('所选委员已在本组');
    const moved = joined.filter((j) => j.from);
    await writeAudit(
      ctx,
      {
        action: 'group.members',
        summary: `${g.name}新增 ${joined.map((j) => j.name).join('、')}${moved.length ? `（其中 ${moved.map((m) => `${m.name} 自${m.from}调入`).join('、')}）` : ''}`,
        targetType: 'group',
        targetId: id,
        after: joined,
      },
      tx,
    );
    return loadGroup(tx, actor.orgId, id);
  });
}

export async function removeGroupMember(ctx: Ctx, id: string, memberId: string): Promise<GroupView> {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  return ctx.db.transaction(async (tx) => {
    const g = await loadGroup(tx, actor.orgId, id);
    const [m] = await membersWithGroup(tx, actor.orgId, [memberId]);
    if (!m || m.group_id !== id) throw notFound('该委员不在本组');
    if (g.convener?.id === memberId) throw conflict(`${m.brief.name} 是本组召集人，请先更换召集人`);
    await tx.delete(groupMember).where(and(eq(groupMember.groupId, id), eq(groupMember.memberId, memberId)));
    await writeAudit(ctx, { action: 'group.members', summary: `${m.brief.name} 退出${g.name}`, targetType: 'group', targetId: id, before: { member: m.brief.name } }, tx);
    return loadGroup(tx, actor.orgId, id);
  });
}

/** Dissolves a group (its members become ungrouped); not while it has a temporary party branch. */
export async function deleteGroup(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const g = await loadGroup(tx, actor.orgId, id);
    if (g.tempBranch) throw conflict(`${g.name}建有${g.tempBranch.name}，请先撤销临时党支部`);
    await tx.delete(memberGroup).where(eq(memberGroup.id, id));
    await writeAudit(ctx, { action: 'group.delete', summary: `撤销${g.name}（${g.memberCount} 名委员转为未分组）`, targetType: 'group', targetId: id, before: groupSnapshot(g) }, tx);
  });
  return groupsOf(ctx.db, actor.orgId);
}

/** The org's office staff (机关干部), who may be a group's liaison or a party officer. */
export async function listStaff(ctx: Ctx) {
  const actor = requireAccess(ctx.actor, 'structure.read');
  return rowsOf<{ id: string; name: string }>(
    ctx.db,
    sql`select a.id, a.display_name as name from account a join account_role r on r.account_id = a.id
      where r.org_id = ${actor.orgId} and r.role = 'staff' and not a.disabled order by a.display_name`,
  );
}

/** The group a member is in, with its convener, leader and liaison staff (member page, phone). */
export async function groupOfMember(db: Executor, orgId: string, memberId: string): Promise<GroupView | null> {
  const [row] = await db
    .select({ groupId: groupMember.groupId })
    .from(groupMember)
    .innerJoin(member, eq(member.id, groupMember.memberId))
    .where(and(eq(groupMember.memberId, memberId), eq(member.orgId, orgId)));
  return row ? loadGroup(db, orgId, row.groupId) : null;
}
