import { and, eq, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { offsetOf, type Page, type PageQuery } from '../../core/pagination.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { partyOrg, partyOrgMember } from './party.table.js';
import {
  PARTY_ORG_KINDS,
  PARTY_ORG_KIND_LABELS,
  PARTY_ORG_PARENTS,
  partyRoleLabel,
  type PartyMemberBody,
  type PartyOrgBody,
  type PartyOrgKind,
  type PartyOrgUpdateBody,
  type PartyOrgView,
  type PartyPersonView,
  type PartyRole,
} from './party.schema.js';

/**
 * Everyone in party org `po`: its stored members (委员 or 机关干部) and, for a temporary branch, the
 * CPC members of its group who hold no office in it. Columns: id, kind, member_id, account_id,
 * name, pinyin, role, detail.
 */
const peopleSql = (po: SQL) => sql`
  select pom.id, case when pom.member_id is null then 'staff' else 'member' end as kind, pom.member_id, pom.account_id,
    coalesce(p.name, a.display_name) as name, coalesce(p.name_pinyin, a.login_name) as pinyin, pom.role,
    coalesce(s.name || ' · ' || nullif(m.work_unit, ''), s.name, '机关干部') as detail
  from party_org_member pom
    left join member m on m.id = pom.member_id left join person p on p.id = m.person_id left join sector s on s.id = m.sector_id
    left join account a on a.id = pom.account_id
  where pom.party_org_id = ${po}.id and (m.id is null or m.status = 'active')
  union all
  select null, 'member', m.id, null, p.name, p.name_pinyin, 'member', coalesce(s.name || ' · ' || nullif(m.work_unit, ''), s.name)
  from group_member gm join member m on m.id = gm.member_id join person p on p.id = m.person_id join sector s on s.id = m.sector_id
  where gm.group_id = ${po}.group_id and m.status = 'active' and m.party = '中共'
    and not exists (select 1 from party_org_member x where x.party_org_id = ${po}.id and x.member_id = m.id)`;

/** The org's party organisations as a flat tree (parent before child), with secretary and head count: one query. */
export const partyOrgsOf = (db: Executor, orgId: string, id?: string) =>
  rowsOf<PartyOrgView>(
    db,
    sql`select po.id, po.parent_id as "parentId", po.kind, po.name, po.sort,
        (select json_build_object('id', g.id, 'name', g.name) from member_group g where g.id = po.group_id) as "group",
        (select json_build_object('id', coalesce(x.member_id, x.account_id), 'name', x.name) from (${peopleSql(sql`po`)}) x where x.role = 'secretary') as secretary,
        (select count(*)::int from (${peopleSql(sql`po`)}) x) as "memberCount"
      from party_org po where po.org_id = ${orgId} ${id ? sql`and po.id = ${id}` : sql``}
      order by case po.kind when 'party_group' then 0 when 'organ_party_group' then 1 when 'organ_party_committee' then 2 when 'branch' then 3 else 4 end, po.sort, po.name`,
  );

export async function listPartyOrgs(ctx: Ctx) {
  const actor = requireAccess(ctx.actor, 'party.read');
  return partyOrgsOf(ctx.db, actor.orgId);
}

async function loadPartyOrg(db: Executor, orgId: string, id: string) {
  const [row] = await partyOrgsOf(db, orgId, id);
  if (!row) throw notFound('党组织不存在或不属于本组织');
  return row;
}

async function checkParent(db: Executor, orgId: string, kind: PartyOrgKind, parentId: string | null) {
  const allowed = PARTY_ORG_PARENTS[kind];
  if (!parentId) {
    if (!allowed.includes(null)) throw fieldError('parentId', `${PARTY_ORG_KIND_LABELS[kind]}须有上级党组织`);
    return;
  }
  const [parent] = await db.select().from(partyOrg).where(and(eq(partyOrg.orgId, orgId), eq(partyOrg.id, parentId)));
  if (!parent) throw fieldError('parentId', '上级党组织不存在');
  if (!allowed.includes(parent.kind))
    throw fieldError('parentId', `${PARTY_ORG_KIND_LABELS[kind]}不能设在${PARTY_ORG_KIND_LABELS[parent.kind]}之下`);
}

const uniqueName = async (db: Executor, orgId: string, name: string, except?: string) => {
  const [clash] = await db.select({ id: partyOrg.id }).from(partyOrg).where(and(eq(partyOrg.orgId, orgId), eq(partyOrg.name, name)));
  if (clash && clash.id !== except) throw conflict(`已有名为“${name}”的党组织`, [{ path: 'name', message: `已有名为“${name}”的党组织` }]);
};

export async function createPartyOrg(ctx: Ctx, b: PartyOrgBody): Promise<PartyOrgView> {
  const actor = requireAccess(ctx.actor, 'party.manage');
  if (b.kind === 'temp_branch') throw fieldError('kind', '临时党支部请在活动小组中建立（以召集人为书记）');
  return ctx.db.transaction(async (tx) => {
    if (b.kind === 'party_group') {
      const [existing] = await tx.select({ name: partyOrg.name }).from(partyOrg).where(and(eq(partyOrg.orgId, actor.orgId), eq(partyOrg.kind, 'party_group')));
      if (existing) throw conflict(`本组织已有党组：${existing.name}`);
    }
    await checkParent(tx, actor.orgId, b.kind, b.parentId);
    await uniqueName(tx, actor.orgId, b.name);
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from party_org where org_id = ${actor.orgId} and parent_id is not distinct from ${b.parentId}`);
    const [row] = await tx.insert(partyOrg).values({ orgId: actor.orgId, ...b, sort: b.sort ?? n + 1, createdAt: ctx.clock.now() }).returning();
    await writeAudit(ctx, { action: 'party.create', summary: `建立${PARTY_ORG_KIND_LABELS[b.kind]} ${b.name}`, targetType: 'party_org', targetId: row.id, after: b }, tx);
    return loadPartyOrg(tx, actor.orgId, row.id);
  });
}

export async function updatePartyOrg(ctx: Ctx, id: string, b: PartyOrgUpdateBody): Promise<PartyOrgView> {
  const actor = requireAccess(ctx.actor, 'party.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadPartyOrg(tx, actor.orgId, id);
    await uniqueName(tx, actor.orgId, b.name, id);
    await tx.update(partyOrg).set({ name: b.name, ...(b.sort !== undefined ? { sort: b.sort } : {}) }).where(eq(partyOrg.id, id));
    await writeAudit(ctx, { action: 'party.update', summary: `修改党组织名称 ${before.name} → ${b.name}`, targetType: 'party_org', targetId: id, before: { name: before.name }, after: b }, tx);
    return loadPartyOrg(tx, actor.orgId, id);
  });
}

/** Only a party organisation without lower ones; a temporary branch's officers go with it. */
export async function deletePartyOrg(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'party.manage');
  await ctx.db.transaction(async (tx) => {
    const po = await loadPartyOrg(tx, actor.orgId, id);
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from party_org where parent_id = ${id}`);
    if (n) throw conflict(`${po.name}下还有 ${n} 个党组织，不能撤销`);
    // members who have left the committee keep their row (history) but no longer hold the org
    const [{ stored }] = await rowsOf<{ stored: number }>(
      tx,
      sql`select count(*)::int as stored from party_org_member pom left join member m on m.id = pom.member_id
        where pom.party_org_id = ${id} and (m.id is null or m.status = 'active')`,
    );
    if (po.kind !== 'temp_branch' && stored) throw conflict(`${po.name}还有 ${stored} 名成员，请先调出`);
    await tx.delete(partyOrg).where(eq(partyOrg.id, id));
    await writeAudit(ctx, { action: 'party.delete', summary: `撤销${PARTY_ORG_KIND_LABELS[po.kind]} ${po.name}`, targetType: 'party_org', targetId: id, before: { name: po.name, kind: po.kind } }, tx);
  });
  return partyOrgsOf(ctx.db, actor.orgId);
}

const ROLE_ORDER = sql`case x.role when 'secretary' then 0 when 'deputy_secretary' then 1 when 'committee_member' then 2 else 3 end`;

/** Officers first, then party members; paginated. */
export async function listPartyMembers(ctx: Ctx, id: string, q: PageQuery): Promise<Page<PartyPersonView>> {
  const actor = requireAccess(ctx.actor, 'party.read');
  const po = await loadPartyOrg(ctx.db, actor.orgId, id);
  const people = sql`(${peopleSql(sql`po`)}) x`;
  const rows = await rowsOf<{ id: string | null; kind: 'member' | 'staff'; member_id: string | null; account_id: string | null; name: string; role: PartyRole; detail: string }>(
    ctx.db,
    sql`select x.* from party_org po, lateral ${people} where po.id = ${id}
      order by ${ROLE_ORDER}, x.pinyin limit ${q.pageSize} offset ${offsetOf(q)}`,
  );
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, memberId: r.member_id, accountId: r.account_id, name: r.name, role: r.role, roleLabel: partyRoleLabel(po.kind, r.role), detail: r.detail })),
    total: po.memberCount,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Who is being added: a CPC member of the org, or one of its office staff. */
async function personToAdd(db: Executor, orgId: string, b: { memberId?: string; accountId?: string }) {
  if (b.memberId) {
    const [m] = await rowsOf<{ name: string; party: string }>(
      db,
      sql`select p.name, m.party from member m join person p on p.id = m.person_id where m.id = ${b.memberId} and m.org_id = ${orgId} and m.status = 'active'`,
    );
    if (!m) throw fieldError('memberId', '所选委员不是本组织在任委员');
    if (m.party !== '中共') throw fieldError('memberId', `${m.name} 的党派是${m.party}，不能加入党组织`);
    return m.name;
  }
  const [a] = await rowsOf<{ name: string }>(
    db,
    sql`select a.display_name as name from account a where a.id = ${b.accountId!}
      and exists (select 1 from account_role r where r.account_id = a.id and r.org_id = ${orgId} and r.role in ('staff', 'leader', 'admin'))`,
  );
  if (!a) throw fieldError('accountId', '所选人员不是本组织机关干部');
  return a.name;
}

function checkSecretary(po: PartyOrgView, role: PartyRole, except?: string) {
  if (role !== 'secretary' || !po.secretary || po.secretary.id === except) return;
  throw conflict(`${po.name}已有书记 ${po.secretary.name}，请先调整其职务`, [{ path: 'role', message: `已有书记 ${po.secretary.name}` }]);
}

export async function addPartyMember(ctx: Ctx, id: string, b: PartyMemberBody) {
  const actor = requireAccess(ctx.actor, 'party.manage');
  return ctx.db.transaction(async (tx) => {
    const po = await loadPartyOrg(tx, actor.orgId, id);
    const name = await personToAdd(tx, actor.orgId, b);
    checkSecretary(po, b.role);
    const [dup] = await tx
      .select({ id: partyOrgMember.id })
      .from(partyOrgMember)
      .where(and(eq(partyOrgMember.partyOrgId, id), b.memberId ? eq(partyOrgMember.memberId, b.memberId) : eq(partyOrgMember.accountId, b.accountId!)));
    if (dup) throw conflict(`${name} 已在${po.name}`);
    if (po.kind === 'branch') {
      // a party member's organisational relation is in one branch (offices in the party group and temporary branches aside)
      const [other] = await rowsOf<{ name: string }>(
        tx,
        sql`select po.name from party_org_member pom join party_org po on po.id = pom.party_org_id
          where po.org_id = ${actor.orgId} and po.kind = 'branch' and po.id <> ${id} and ${b.memberId ? sql`pom.member_id = ${b.memberId}` : sql`pom.account_id = ${b.accountId!}`}`,
      );
      if (other) throw conflict(`${name} 的组织关系已在${other.name}，一名党员只能编入一个党支部`);
    }
    await tx.insert(partyOrgMember).values({ orgId: actor.orgId, partyOrgId: id, memberId: b.memberId ?? null, accountId: b.accountId ?? null, role: b.role, createdAt: ctx.clock.now() });
    await writeAudit(ctx, { action: 'party.member', summary: `${name} 任${po.name}${partyRoleLabel(po.kind, b.role)}`, targetType: 'party_org', targetId: id, after: { name, role: b.role } }, tx);
    return loadPartyOrg(tx, actor.orgId, id);
  });
}

async function loadStored(db: Executor, orgId: string, partyOrgId: string, pomId: string) {
  const [row] = await rowsOf<{ name: string; role: PartyRole; member_id: string | null; account_id: string | null }>(
    db,
    sql`select coalesce(p.name, a.display_name) as name, pom.role, pom.member_id, pom.account_id from party_org_member pom
      left join member m on m.id = pom.member_id left join person p on p.id = m.person_id left join account a on a.id = pom.account_id
      where pom.id = ${pomId} and pom.party_org_id = ${partyOrgId} and pom.org_id = ${orgId}`,
  );
  if (!row) throw notFound('该成员不在此党组织');
  return row;
}

export async function setPartyRole(ctx: Ctx, id: string, pomId: string, role: PartyRole) {
  const actor = requireAccess(ctx.actor, 'party.manage');
  return ctx.db.transaction(async (tx) => {
    const po = await loadPartyOrg(tx, actor.orgId, id);
    const row = await loadStored(tx, actor.orgId, id, pomId);
    checkSecretary(po, role, row.member_id ?? row.account_id ?? undefined);
    await tx.update(partyOrgMember).set({ role }).where(eq(partyOrgMember.id, pomId));
    await writeAudit(
      ctx,
      { action: 'party.member', summary: `${row.name} 在${po.name}的职务由${partyRoleLabel(po.kind, row.role)}改为${partyRoleLabel(po.kind, role)}`, targetType: 'party_org', targetId: id, before: { role: row.role }, after: { role } },
      tx,
    );
    return loadPartyOrg(tx, actor.orgId, id);
  });
}

export async function removePartyMember(ctx: Ctx, id: string, pomId: string) {
  const actor = requireAccess(ctx.actor, 'party.manage');
  return ctx.db.transaction(async (tx) => {
    const po = await loadPartyOrg(tx, actor.orgId, id);
    const row = await loadStored(tx, actor.orgId, id, pomId);
    await tx.delete(partyOrgMember).where(eq(partyOrgMember.id, pomId));
    await writeAudit(ctx, { action: 'party.member', summary: `${row.name} 调出${po.name}`, targetType: 'party_org', targetId: id, before: { name: row.name, role: row.role } }, tx);
    return loadPartyOrg(tx, actor.orgId, id);
  });
}

/**
 * 临时党支部 of a group (新河: one per grid): under the party group, the group's convener as
 * secretary, its liaison staff member as a branch committee member; its party members are the
 * group's CPC members, whoever they are at the time.
 */
export async function createTempBranch(ctx: Ctx, groupId: string): Promise<PartyOrgView> {
  const actor = requireAccess(ctx.actor, 'party.manage');
  return ctx.db.transaction(async (tx) => {
    const [g] = await rowsOf<{ name: string; convener_id: string | null; convener: string | null; party: string | null; liaison_account_id: string | null; branch: string | null }>(
      tx,
      sql`select g.name, g.convener_id, p.name as convener, m.party, g.liaison_account_id,
          (select po.name from party_org po where po.group_id = g.id) as branch
        from member_group g left join member m on m.id = g.convener_id left join person p on p.id = m.person_id
        where g.id = ${groupId} and g.org_id = ${actor.orgId}`,
    );
    if (!g) throw notFound('小组不存在或不属于本组织');
    if (g.branch) throw conflict(`${g.name}已建有${g.branch}`);
    if (!g.convener_id) throw conflict(`${g.name}还没有召集人；临时党支部由召集人担任书记`);
    if (g.party !== '中共') throw conflict(`召集人 ${g.convener} 不是中共党员，不能担任临时党支部书记；请先更换召集人`);
    const [top] = await tx.select().from(partyOrg).where(and(eq(partyOrg.orgId, actor.orgId), eq(partyOrg.kind, 'party_group')));
    if (!top) throw conflict('请先在党组织中建立政协党组，临时党支部设在党组之下');
    const name = `${g.name}临时党支部`;
    await uniqueName(tx, actor.orgId, name);
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from party_org where org_id = ${actor.orgId} and kind = 'temp_branch'`);
    const [row] = await tx.insert(partyOrg).values({ orgId: actor.orgId, parentId: top.id, kind: 'temp_branch', name, groupId, sort: n + 1, createdAt: ctx.clock.now() }).returning();
    await tx.insert(partyOrgMember).values([
      { orgId: actor.orgId, partyOrgId: row.id, memberId: g.convener_id, role: 'secretary' as const },
      ...(g.liaison_account_id ? [{ orgId: actor.orgId, partyOrgId: row.id, accountId: g.liaison_account_id, role: 'committee_member' as const }] : []),
    ]);
    const view = await loadPartyOrg(tx, actor.orgId, row.id);
    await writeAudit(
      ctx,
      { action: 'party.create', summary: `建立${name}（书记 ${g.convener}，党员 ${view.memberCount} 人）`, targetType: 'party_org', targetId: row.id, after: { name, group: g.name, secretary: g.convener } },
      tx,
    );
    return view;
  });
}

/** The party organisations a member belongs to, with their office in each (member page, phone): stored places, and their group's temporary branch. */
export const partyOrgsOfMember = (db: Executor, orgId: string, memberId: string) =>
  rowsOf<{ id: string; name: string; kind: PartyOrgKind; role: PartyRole }>(
    db,
    sql`select po.id, po.name, po.kind, pom.role from party_org_member pom join party_org po on po.id = pom.party_org_id
        where pom.member_id = ${memberId} and po.org_id = ${orgId}
      union all
      select po.id, po.name, po.kind, 'member' from group_member gm join member m on m.id = gm.member_id
        join party_org po on po.group_id = gm.group_id
        where gm.member_id = ${memberId} and m.party = '中共' and m.status = 'active' and po.org_id = ${orgId}
          and not exists (select 1 from party_org_member x where x.party_org_id = po.id and x.member_id = m.id)
      order by 2`,
  ).then((rows) =>
    rows
      .sort((a, b) => PARTY_ORG_KINDS.indexOf(a.kind) - PARTY_ORG_KINDS.indexOf(b.kind))
      .map((r) => ({ ...r, roleLabel: partyRoleLabel(r.kind, r.role) })),
  );
