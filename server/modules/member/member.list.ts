import { and, asc, eq, ilike, inArray, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import type { Db } from '../../db/index.js';
import { member, person } from './member.table.js';
import { presentMember, type MemberRelations } from './member.presenter.js';
import type { MemberListQuery, MemberView } from './member.schema.js';
import { readerOf } from './member.visibility.js';

type Filters = Omit<MemberListQuery, 'page' | 'pageSize'>;

/** Relations of many members in one query each way: sector, committees, terms, group, other orgs. */
const relations = sql<MemberRelations>`json_build_object(
  'sector', json_build_object('id', s.id, 'name', s.name),
  'committees', coalesce((select json_agg(json_build_object('id', c.id, 'name', c.short_name) order by c.sort, c.name)
     from member_committee mc join committee c on c.id = mc.committee_id where mc.member_id = "member"."id"), '[]'::json),
  'terms', coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.number)
     from member_term mt join term t on t.id = mt.term_id where mt.member_id = "member"."id"), '[]'::json),
  'group', (select json_build_object('id', g.id, 'name', g.name) from group_member gm join member_group g on g.id = gm.group_id
     where gm.member_id = "member"."id"),
  'otherOrgs', coalesce((select json_agg(o.short_name order by o.short_name) from member m2 join org o on o.id = m2.org_id
     where m2.person_id = "member"."person_id" and m2.org_id <> "member"."org_id" and m2.status = 'active'), '[]'::json))`;

export const selectMembers = (db: Executor) =>
  db
    .select({ m: member, p: person, rel: relations })
    .from(member)
    .innerJoin(person, eq(person.id, member.personId))
    .innerJoin(sql`sector s`, sql`s.id = ${member.sectorId}`);

/** A value of the query, or the placeholder it becomes in a prepared statement. */
type Bind = <T>(name: string, value: T) => T | Placeholder;
const direct: Bind = (_, value) => value;
const asPlaceholder: Bind = (name) => sql.placeholder(name);
const latin = (q: string) => /^[a-z\s]+$/i.test(q);

/**
 * The list's filters. Their shape (which filters are set, and whether the search is pinyin) names a
 * prepared statement; their values are its parameters.
 */
function listFilters(orgId: string, q: Filters, v: Bind): SQL {
  const conds: (SQL | undefined)[] = [eq(member.orgId, v('orgId', orgId)), eq(member.status, v('status', q.status))];
  if (q.sectorId) conds.push(eq(member.sectorId, v('sectorId', q.sectorId)));
  if (q.party) conds.push(eq(member.party, v('party', q.party)));
  if (q.standing) conds.push(eq(member.standing, v('standing', q.standing === 'true')));
  if (q.committeeId)
    conds.push(sql`exists (select 1 from member_committee mc where mc.member_id = ${member.id} and mc.committee_id = ${v('committeeId', q.committeeId)})`);
  if (q.termId) conds.push(sql`exists (select 1 from member_term mt where mt.member_id = ${member.id} and mt.term_id = ${v('termId', q.termId)})`);
  if (q.groupId === 'none') conds.push(sql`not exists (select 1 from group_member gm where gm.member_id = ${member.id})`);
  else if (q.groupId) conds.push(sql`exists (select 1 from group_member gm where gm.member_id = ${member.id} and gm.group_id = ${v('groupId', q.groupId)})`);
  if (q.q && latin(q.q)) {
    // 张红梅 by "zhanghong" or "zhm": an indexed prefix match on the stored pinyin
    const prefix = v('prefix', `${q.q.toLowerCase().replace(/\s+/g, '')}%`);
    conds.push(or(sql`${person.namePinyin} like ${prefix}`, sql`${person.nameInitials} like ${prefix}`));
  } else if (q.q) {
    const pattern = v('pattern', containing(q.q));
    conds.push(or(ilike(person.name, pattern as string), ilike(member.workUnit, pattern as string)));
  }
  return and(...conds) as SQL;
}

/** The roster's order: chair, vice-chairs, secretary-general, then by sector and pinyin. */
const rosterOrder = [sql`case ${member.position} when 'chair' then 0 when 'vice_chair' then 1 when 'secretary_general' then 2 else 3 end`, sql`s.sort`, asc(person.namePinyin), asc(member.id)];

/** How many members match; the person is joined only when a name is searched. */
const countQuery = (db: Executor, where: SQL, byName: boolean) => {
  const count = db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(member);
  return (byName ? count.innerJoin(person, eq(person.id, member.personId)) : count).where(where);
};

/** Each filter shape's two statements, built once per database and prepared (no re-planning per request). */
const shapeOf = (q: Filters) =>
  [q.sectorId && 's', q.party && 'p', q.standing && 'd', q.committeeId && 'c', q.termId && 't', q.groupId && (q.groupId === 'none' ? 'n' : 'g'), q.q && (latin(q.q) ? 'l' : 'x')]
    .filter(Boolean)
    .join('');
const prepared = new WeakMap<Db, Map<string, ReturnType<typeof prepare>>>();
const prepare = (db: Db, q: Filters, shape: string) => {
  const where = listFilters('', q, asPlaceholder);
  return {
    page: selectMembers(db).where(where).orderBy(...rosterOrder).limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).prepare(`members_page_${shape}`),
    count: countQuery(db, where, !!q.q).prepare(`members_count_${shape}`),
  };
};
function statementsFor(db: Db, q: Filters) {
  const shape = shapeOf(q);
  let byShape = prepared.get(db);
  if (!byShape) prepared.set(db, (byShape = new Map()));
  let p = byShape.get(shape);
  if (!p) byShape.set(shape, (p = prepare(db, q, shape)));
  return p;
}

/** The members list: one page query and one count, whatever the page size; both prepared per filter shape. */
export async function listMembers(ctx: Ctx, q: MemberListQuery): Promise<Page<MemberView>> {
  const actor = requireAccess(ctx.actor, 'member.read');
  const params: Record<string, unknown> = { limit: q.pageSize, offset: offsetOf(q) };
  listFilters(actor.orgId, q, (name, value) => ((params[name] = value), value));
  const { page, count } = statementsFor(ctx.db, q);
  const [rows, [{ total }]] = await Promise.all([page.execute(params), count.execute(params)]);
  return { items: rows.map((r) => presentMember(r.m, r.p, r.rel, ctx.crypto, readerOf(actor, r.p.accountId))), total, page: q.page, pageSize: q.pageSize };
}

/** Every matching member's id in roster order (the export walks these, so its cost grows with the roster, not its square). */
export const memberIdsInOrder = async (db: Executor, orgId: string, q: Filters) =>
  (
    await db
      .select({ id: member.id })
      .from(member)
      .innerJoin(person, eq(person.id, member.personId))
      .innerJoin(sql`sector s`, sql`s.id = ${member.sectorId}`)
      .where(listFilters(orgId, q, direct))
      .orderBy(...rosterOrder)
  ).map((r) => r.id);

/** The rows of these members, in the order of `ids`. */
export async function memberRowsByIds(db: Executor, ids: string[]) {
  const rows = ids.length ? await selectMembers(db).where(inArray(member.id, ids)) : [];
  const byId = new Map(rows.map((r) => [r.m.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}
