import { and, eq, sql, type SQL } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { fieldError, notFound } from '../../core/errors.js';
import { offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { memberBriefSql, nameMatchSql } from '../member/member.brief.js';
import type { MemberBrief } from '../member/member.schema.js';
import { org } from '../org/org.table.js';
import { liaisonLink } from './liaison.table.js';
import { coveredSql, levelOf, levelSql, matchesSelector, partyGroupSql, selectorSql } from './liaison.rules.js';
import {
  DEFAULT_LIAISON_SCHEME,
  LiaisonScheme,
  SELECTOR_LABELS,
  type CoverageView,
  type LinkCreateBody,
  type LinkListQuery,
  type LinkView,
  type UncoveredQuery,
} from './liaison.schema.js';

export async function schemeOf(db: Executor, orgId: string): Promise<LiaisonScheme> {
  const [row] = await db.select({ settings: org.settings }).from(org).where(eq(org.id, orgId));
  const stored = LiaisonScheme.safeParse(row?.settings.liaisonLevels);
  return stored.success ? stored.data : DEFAULT_LIAISON_SCHEME;
}

const pct = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
const rateOf = (covered: number, targets: number) => (targets ? covered / targets : 1);

/** Coverage of every level of the chain, in one query over the org's active members. */
export async function liaisonCoverage(ctx: Ctx): Promise<CoverageView> {
  const actor = requireAccess(ctx.actor, 'liaison.read');
  const scheme = await schemeOf(ctx.db, actor.orgId);
  const cols = scheme.map(
    (_, i) => sql`count(*) filter (where lv = ${sql.raw(String(i))})::int as ${sql.raw(`t${i}`)},
      count(*) filter (where lv = ${sql.raw(String(i))} and covered)::int as ${sql.raw(`c${i}`)},
      count(*) filter (where ${sql.raw(`k${i}`)})::int as ${sql.raw(`n${i}`)}`,
  );
  const keeperFlags = scheme.map((l, i) => sql`${selectorSql(l.keeper, sql`m`)} as ${sql.raw(`k${i}`)}`);
  const [row] = await rowsOf<Record<string, number>>(
    ctx.db,
    sql`with m as (
      select ${levelSql(scheme, sql`m`)} as lv, ${coveredSql(scheme, sql`m`)} as covered, ${sql.join(keeperFlags, sql`, `)}
      from member m where m.org_id = ${actor.orgId} and m.status = 'active')
    select ${sql.join(cols, sql`, `)} from m`,
  );
  const levels = scheme.map((l, i) => {
    const targets = row[`t${i}`];
    const covered = row[`c${i}`];
    const rate = rateOf(covered, targets);
    return {
      index: i,
      label: l.label,
      keeper: l.keeper,
      target: l.target,
      targets,
      covered,
      rate,
      keepers: row[`n${i}`],
      summary: `${SELECTOR_LABELS[l.target]} ${targets} 人，已落实联系 ${covered} 人，覆盖率 ${pct(rate)}`,
    };
  });
  const targets = levels.reduce((s, l) => s + l.targets, 0);
  const covered = levels.reduce((s, l) => s + l.covered, 0);
  return { levels, total: { targets, covered, rate: rateOf(covered, targets) }, scheme };
}

const checkLevel = (scheme: LiaisonScheme, level: number) => {
  if (level >= scheme.length) throw fieldError('level', `联系链只有 ${scheme.length} 级`);
};

/** Members of a level nobody (fit to) keeps in touch with: page and count. */
export async function listUncovered(ctx: Ctx, q: UncoveredQuery): Promise<Page<MemberBrief>> {
  const actor = requireAccess(ctx.actor, 'liaison.read');
  const scheme = await schemeOf(ctx.db, actor.orgId);
  checkLevel(scheme, q.level);
  const where = sql`m.org_id = ${actor.orgId} and m.status = 'active' and ${levelSql(scheme, sql`m`)} = ${q.level}
    and not ${coveredSql(scheme, sql`m`)} ${q.q ? sql`and ${nameMatchSql(q.q)}` : sql``}`;
  return pageOfMembers(ctx.db, where, q);
}

/** Members fit to keep in touch at a level, with how many each already keeps in touch with. */
export async function listKeepers(ctx: Ctx, q: UncoveredQuery): Promise<Page<MemberBrief & { load: number }>> {
  const actor = requireAccess(ctx.actor, 'liaison.read');
  const scheme = await schemeOf(ctx.db, actor.orgId);
  checkLevel(scheme, q.level);
  const where = sql`m.org_id = ${actor.orgId} and m.status = 'active' and ${selectorSql(scheme[q.level].keeper, sql`m`)}
    ${q.q ? sql`and ${nameMatchSql(q.q)}` : sql``}`;
  const load = sql`(select count(*) from liaison_link ll join member t on t.id = ll.target_id where ll.keeper_id = m.id and t.status = 'active')::int`;
  return pageOfMembers(ctx.db, where, q, load);
}

async function pageOfMembers(db: Executor, where: SQL, q: { page: number; pageSize: number }, load?: SQL) {
  const [items, [{ total }]] = await Promise.all([
    rowsOf<{ brief: MemberBrief; load: number | null }>(
      db,
      sql`select ${memberBriefSql(sql`m`)} as brief, ${load ?? sql`null::int`} as load
        from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id
        where ${where}
        order by ${load ? sql`load, ` : sql``}case m.position when 'chair' then 0 when 'vice_chair' then 1 when 'secretary_general' then 2 else 3 end, s.sort, p.name_pinyin, m.id
        limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
    rowsOf<{ total: number }>(db, sql`select count(*)::int as total from member m join person p on p.id = m.person_id where ${where}`),
  ]);
  return { items: items.map((r) => (r.load === null ? r.brief : { ...r.brief, load: r.load })), total, page: q.page, pageSize: q.pageSize } as Page<MemberBrief & { load: number }>;
}

/** The links, newest first, with the level each target falls in now. */
export async function listLinks(ctx: Ctx, q: LinkListQuery): Promise<Page<LinkView>> {
  const actor = requireAccess(ctx.actor, 'liaison.read');
  const scheme = await schemeOf(ctx.db, actor.orgId);
  if (q.level !== undefined) checkLevel(scheme, q.level);
  const conds = [sql`ll.org_id = ${actor.orgId}`, sql`k.status = 'active'`, sql`t.status = 'active'`];
  if (q.level !== undefined) conds.push(sql`${levelSql(scheme, sql`t`)} = ${q.level}`);
  if (q.keeperId) conds.push(sql`ll.keeper_id = ${q.keeperId}`);
  if (q.q) conds.push(sql`(${nameMatchSql(q.q, sql`kp`)} or ${nameMatchSql(q.q, sql`tp`)})`);
  const where = sql.join(conds, sql` and `);
  const from = sql`liaison_link ll join member k on k.id = ll.keeper_id join person kp on kp.id = k.person_id
    join member t on t.id = ll.target_id join person tp on tp.id = t.person_id`;
  const [items, [{ total }]] = await Promise.all([
    rowsOf<{ id: string; keeper: MemberBrief; target: MemberBrief; level: number | null; created_at: Date }>(
      ctx.db,
      sql`select ll.id, ll.created_at,
          (select ${memberBriefSql(sql`m`)} from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id where m.id = k.id) as keeper,
          (select ${memberBriefSql(sql`m`)} from member m join person p on p.id = m.person_id join sector s on s.id = m.sector_id where m.id = t.id) as target,
          ${levelSql(scheme, sql`t`)} as level
        from ${from} where ${where}
        order by kp.name_pinyin, k.id, tp.name_pinyin, ll.id
        limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
    rowsOf<{ total: number }>(ctx.db, sql`select count(*)::int as total from ${from} where ${where}`),
  ]);
  return {
    items: items.map((r) => ({ id: r.id, keeper: r.keeper, target: r.target, level: r.level, createdAt: new Date(r.created_at).toISOString() })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

interface Flagged {
  id: string;
  name: string;
  standing: boolean;
  party: string;
  party_group: boolean;
}
const flagsOf = (r: Flagged) => ({ partyGroup: r.party_group, standing: r.standing, party: r.party });

/**
 * The keeper keeps in touch with each target from now on. Each target must fall in a level whose
 * keepers the keeper fits; links already there are counted, not doubled.
 */
export async function createLinks(ctx: Ctx, b: LinkCreateBody) {
  const actor = requireAccess(ctx.actor, 'liaison.manage');
  const scheme = await schemeOf(ctx.db, actor.orgId);
  const ids = [...new Set([b.keeperId, ...b.targetIds])];
  const people = await rowsOf<Flagged>(
    ctx.db,
    sql`select m.id, p.name, m.standing, m.party, ${partyGroupSql(sql`m`)} as party_group
      from member m join person p on p.id = m.person_id
      where m.org_id = ${actor.orgId} and m.status = 'active' and m.id in ${valueList(ids)}`,
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const keeper = byId.get(b.keeperId);
  if (!keeper) throw fieldError('keeperId', '联系人不是本组织在任委员');
  const targetIds = [...new Set(b.targetIds)];
  for (const id of targetIds) {
    const t = byId.get(id);
    if (!t) throw fieldError('targetIds', '所选委员中有人不是本组织在任委员');
    if (id === keeper.id) throw fieldError('targetIds', `${keeper.name} 不能联系自己`);
    const level = levelOf(scheme, flagsOf(t));
    if (level === null) throw fieldError('targetIds', `${t.name} 不在联系链的被联系范围内`);
    if (!matchesSelector(scheme[level].keeper, flagsOf(keeper)))
      throw fieldError('keeperId', `${t.name} 属于“${scheme[level].label}”，应由${SELECTOR_LABELS[scheme[level].keeper]}联系，${keeper.name} 不是${SELECTOR_LABELS[scheme[level].keeper]}`);
  }
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(liaisonLink)
      .values(targetIds.map((targetId) => ({ orgId: actor.orgId, keeperId: keeper.id, targetId, createdBy: actor.accountId, createdAt: ctx.clock.now() })))
      .onConflictDoNothing()
      .returning({ targetId: liaisonLink.targetId });
    if (inserted.length) {
      const names = inserted.map((r) => byId.get(r.targetId)!.name);
      await writeAudit(
        ctx,
        { action: 'liaison.link', summary: `确定 ${keeper.name} 联系 ${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等 ${names.length} 人` : ''}`, targetType: 'member', targetId: keeper.id, after: { keeper: keeper.name, targets: names } },
        tx,
      );
    }
    return { created: inserted.length, already: targetIds.length - inserted.length };
  });
}

export async function deleteLink(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'liaison.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ keeper: string; target: string }>(
      tx,
      sql`select kp.name as keeper, tp.name as target from liaison_link ll
        join member k on k.id = ll.keeper_id join person kp on kp.id = k.person_id
        join member t on t.id = ll.target_id join person tp on tp.id = t.person_id
        where ll.id = ${id} and ll.org_id = ${actor.orgId}`,
    );
    if (!row) throw notFound('联系关系不存在');
    await tx.delete(liaisonLink).where(and(eq(liaisonLink.id, id), eq(liaisonLink.orgId, actor.orgId)));
    await writeAudit(ctx, { action: 'liaison.unlink', summary: `取消 ${row.keeper} 对 ${row.target} 的联系`, targetType: 'liaison_link', targetId: id, before: row }, tx);
  });
}

/** The chain changes: levels are recomputed from it at once (links stay; a level's coverage follows). */
export async function saveScheme(ctx: Ctx, levels: LiaisonScheme) {
  const actor = requireAccess(ctx.actor, 'liaison.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(org).where(eq(org.id, actor.orgId));
    await tx.update(org).set({ settings: sql`${org.settings} || ${JSON.stringify({ liaisonLevels: levels })}::jsonb` }).where(eq(org.id, actor.orgId));
    await writeAudit(
      ctx,
      { action: 'liaison.scheme', summary: `修改联系制度：${levels.map((l) => l.label).join(' → ')}`, targetType: 'org', targetId: actor.orgId, before: row.settings.liaisonLevels ?? DEFAULT_LIAISON_SCHEME, after: levels },
      tx,
    );
  });
  return liaisonCoverage(ctx);
}

/** Who keeps in touch with a member, and whom they keep in touch with (their page, their phone). */
export async function linksOfMember(db: Executor, orgId: string, memberId: string) {
  const rows = await rowsOf<{ id: string; dir: 'keeper' | 'target'; who: MemberBrief }>(
    db,
    sql`select ll.id, 'keeper' as dir, ${memberBriefSql(sql`m`)} as who
        from liaison_link ll join member m on m.id = ll.keeper_id join person p on p.id = m.person_id join sector s on s.id = m.sector_id
        where ll.org_id = ${orgId} and ll.target_id = ${memberId} and m.status = 'active'
      union all
      select ll.id, 'target' as dir, ${memberBriefSql(sql`m`)} as who
        from liaison_link ll join member m on m.id = ll.target_id join person p on p.id = m.person_id join sector s on s.id = m.sector_id
        where ll.org_id = ${orgId} and ll.keeper_id = ${memberId} and m.status = 'active'`,
  );
  const pick = (dir: 'keeper' | 'target') => rows.filter((r) => r.dir === dir).map((r) => ({ linkId: r.id, member: r.who }));
  return { keptBy: pick('keeper'), keepsInTouchWith: pick('target') };
}
