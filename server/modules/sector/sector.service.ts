import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { fieldError, conflict, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { member } from '../member/member.table.js';
import { committee, committeeSector, sector } from './sector.table.js';
import type { CommitteeBody, CommitteeView, SectorBody, SectorView } from './sector.schema.js';

/** Sectors with their number of active members: one query. */
export async function listSectors(ctx: Ctx): Promise<SectorView[]> {
  const actor = requireAccess(ctx.actor, 'structure.read');
  return ctx.db
    .select({
      id: sector.id,
      name: sector.name,
      sort: sector.sort,
      memberCount: sql<number>`(select count(*) from member m where m.sector_id = "sector"."id" and m.status = 'active')`.mapWith(Number),
    })
    .from(sector)
    .where(eq(sector.orgId, actor.orgId))
    .orderBy(asc(sector.sort), asc(sector.name));
}

const uniqueName = async (db: Executor, orgId: string, name: string, except?: string) => {
  const [clash] = await db.select({ id: sector.id }).from(sector).where(and(eq(sector.orgId, orgId), eq(sector.name, name)));
  if (clash && clash.id !== except) throw conflict(`界别“${name}”已存在`, [{ path: 'name', message: `界别“${name}”已存在` }]);
};

export async function createSector(ctx: Ctx, body: SectorBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    await uniqueName(tx, actor.orgId, body.name);
    const [row] = await tx.insert(sector).values({ orgId: actor.orgId, ...body }).returning();
    await writeAudit(ctx, { action: 'sector.create', summary: `新建界别 ${row.name}`, targetType: 'sector', targetId: row.id, after: body }, tx);
  });
  return listSectors(ctx);
}

export async function updateSector(ctx: Ctx, id: string, body: SectorBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(sector).where(and(eq(sector.orgId, actor.orgId), eq(sector.id, id)));
    if (!row) throw notFound('界别不存在');
    await uniqueName(tx, actor.orgId, body.name, id);
    await tx.update(sector).set(body).where(eq(sector.id, id));
    await writeAudit(
      ctx,
      { action: 'sector.update', summary: `修改界别 ${row.name}`, targetType: 'sector', targetId: id, before: { name: row.name, sort: row.sort }, after: body },
      tx,
    );
  });
  return listSectors(ctx);
}

/** A sector with members (past or present) or linked committees is kept: members' history names it. */
export async function deleteSector(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(sector).where(and(eq(sector.orgId, actor.orgId), eq(sector.id, id)));
    if (!row) throw notFound('界别不存在');
    const [used] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(member).where(eq(member.sectorId, id));
    if (used.n > 0) throw conflict(`界别“${row.name}”下有 ${used.n} 名委员（含已离任），不能删除`);
    await tx.delete(committeeSector).where(eq(committeeSector.sectorId, id));
    await tx.delete(sector).where(eq(sector.id, id));
    await writeAudit(ctx, { action: 'sector.delete', summary: `删除界别 ${row.name}`, targetType: 'sector', targetId: id, before: { name: row.name } }, tx);
  });
  return listSectors(ctx);
}

/** Committees with their linked sectors and member counts: one query. */
export async function listCommittees(ctx: Ctx): Promise<CommitteeView[]> {
  const actor = requireAccess(ctx.actor, 'structure.read');
  return ctx.db
    .select({
      id: committee.id,
      name: committee.name,
      shortName: committee.shortName,
      sort: committee.sort,
      sectors: sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.sort, s.name)
        from committee_sector cs join sector s on s.id = cs.sector_id where cs.committee_id = "committee"."id"), '[]'::json)`,
      memberCount: sql<number>`(select count(*) from member_committee mc join member m on m.id = mc.member_id
        where mc.committee_id = "committee"."id" and m.status = 'active')`.mapWith(Number),
    })
    .from(committee)
    .where(eq(committee.orgId, actor.orgId))
    .orderBy(asc(committee.sort), asc(committee.name));
}

async function checkSectors(db: Executor, orgId: string, ids: string[]) {
  if (!ids.length) return;
  const found = await db.select({ id: sector.id }).from(sector).where(and(eq(sector.orgId, orgId), inArray(sector.id, ids)));
  if (found.length !== new Set(ids).size) throw fieldError('sectorIds', '所选界别不存在或不属于本组织');
}

export async function saveCommittee(ctx: Ctx, id: string | null, body: CommitteeBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    await checkSectors(tx, actor.orgId, body.sectorIds);
    const same = await tx
      .select({ id: committee.id })
      .from(committee)
      .where(and(eq(committee.orgId, actor.orgId), sql`(${committee.name} = ${body.name} or ${committee.shortName} = ${body.shortName})`));
    if (same.some((c) => c.id !== id)) throw conflict('同名（或同简称）的专委会已存在', [{ path: 'name', message: '同名（或同简称）的专委会已存在' }]);
    const values = { name: body.name, shortName: body.shortName, sort: body.sort };
    let row;
    let before;
    if (id) {
      [before] = await tx.select().from(committee).where(and(eq(committee.orgId, actor.orgId), eq(committee.id, id)));
      if (!before) throw notFound('专委会不存在');
      [row] = await tx.update(committee).set(values).where(eq(committee.id, id)).returning();
      await tx.delete(committeeSector).where(eq(committeeSector.committeeId, id));
    } else {
      [row] = await tx.insert(committee).values({ orgId: actor.orgId, ...values }).returning();
    }
    if (body.sectorIds.length)
      await tx.insert(committeeSector).values([...new Set(body.sectorIds)].map((sectorId) => ({ orgId: actor.orgId, committeeId: row.id, sectorId })));
    await writeAudit(
      ctx,
      {
        action: id ? 'committee.update' : 'committee.create',
        summary: `${id ? '修改' : '新建'}专委会 ${row.name}`,
        targetType: 'committee',
        targetId: row.id,
        before: before ? { name: before.name, shortName: before.shortName } : undefined,
        after: body,
      },
      tx,
    );
  });
  return listCommittees(ctx);
}
