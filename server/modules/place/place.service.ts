import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { place } from './place.table.js';
import { PLACE_KIND_LABELS, type PlaceCreateBody, type PlaceUpdateBody, type PlaceView } from './place.schema.js';

/** The org's townships and, under each, its villages and communities, with the group covering each: one query. */
export async function listPlaces(ctx: Ctx): Promise<PlaceView[]> {
  const actor = requireAccess(ctx.actor, 'structure.read');
  return placesOf(ctx.db, actor.orgId);
}

export const placesOf = (db: Executor, orgId: string) =>
  rowsOf<PlaceView>(
    db,
    sql`select pl.id, pl.parent_id as "parentId", pl.name, pl.kind, pl.sort,
        coalesce(up.name, '') || pl.name as "fullName",
        (select json_build_object('id', g.id, 'name', g.name) from group_place gp join member_group g on g.id = gp.group_id where gp.place_id = pl.id) as "group"
      from place pl left join place up on up.id = pl.parent_id
      where pl.org_id = ${orgId}
      order by coalesce(up.sort, pl.sort), coalesce(up.name, pl.name), pl.parent_id nulls first, pl.sort, pl.name`,
  );

/** Adds a township, or several villages/communities under one township (a pasted list). */
export async function createPlaces(ctx: Ctx, b: PlaceCreateBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    let parentName = '';
    if (b.parentId) {
      const [parent] = await tx.select().from(place).where(and(eq(place.orgId, actor.orgId), eq(place.id, b.parentId)));
      if (!parent) throw fieldError('parentId', '所属乡镇不存在');
      if (parent.kind !== 'township') throw fieldError('parentId', '村、社区只能属于乡镇');
      parentName = parent.name;
    }
    const clash = await tx
      .select({ name: place.name })
      .from(place)
      .where(and(eq(place.orgId, actor.orgId), b.parentId ? eq(place.parentId, b.parentId) : sql`${place.parentId} is null`, inArray(place.name, b.names)));
    if (clash.length) throw conflict(`${parentName}${clash.map((c) => c.name).join('、')} 已存在`, [{ path: 'names', message: `${clash.map((c) => c.name).join('、')} 已存在` }]);
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from place where org_id = ${actor.orgId} and parent_id is not distinct from ${b.parentId}`);
    const rows = await tx
      .insert(place)
      .values(b.names.map((name, i) => ({ orgId: actor.orgId, parentId: b.parentId, kind: b.kind, name, sort: n + i + 1 })))
      .returning({ id: place.id });
    await writeAudit(
      ctx,
      { action: 'place.create', summary: `新增${PLACE_KIND_LABELS[b.kind]} ${parentName}${b.names.join('、')}`, targetType: 'place', targetId: rows[0].id, after: b },
      tx,
    );
  });
  return placesOf(ctx.db, actor.orgId);
}

export async function updatePlace(ctx: Ctx, id: string, b: PlaceUpdateBody) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(place).where(and(eq(place.orgId, actor.orgId), eq(place.id, id)));
    if (!row) throw notFound('地方不存在');
    const [clash] = await tx
      .select({ id: place.id })
      .from(place)
      .where(and(eq(place.orgId, actor.orgId), row.parentId ? eq(place.parentId, row.parentId) : sql`${place.parentId} is null`, eq(place.name, b.name)));
    if (clash && clash.id !== id) throw conflict(`“${b.name}”已存在`, [{ path: 'name', message: `“${b.name}”已存在` }]);
    await tx.update(place).set({ name: b.name, ...(b.sort !== undefined ? { sort: b.sort } : {}) }).where(eq(place.id, id));
    await writeAudit(ctx, { action: 'place.update', summary: `修改地方 ${row.name}`, targetType: 'place', targetId: id, before: { name: row.name, sort: row.sort }, after: b }, tx);
  });
  return placesOf(ctx.db, actor.orgId);
}

/** A place with villages under it, or covered by a group, stays. */
export async function deletePlace(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'structure.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ name: string; children: number; group: string | null }>(
      tx,
      sql`select pl.name, (select count(*)::int from place c where c.parent_id = pl.id) as children,
          (select g.name from group_place gp join member_group g on g.id = gp.group_id where gp.place_id = pl.id) as "group"
        from place pl where pl.org_id = ${actor.orgId} and pl.id = ${id}`,
    );
    if (!row) throw notFound('地方不存在');
    if (row.children) throw conflict(`${row.name}下还有 ${row.children} 个村（社区），不能删除`);
    if (row.group) throw conflict(`${row.name}由${row.group}联系，请先在小组中取消`);
    await tx.delete(place).where(eq(place.id, id));
    await writeAudit(ctx, { action: 'place.delete', summary: `删除地方 ${row.name}`, targetType: 'place', targetId: id, before: { name: row.name } }, tx);
  });
  return placesOf(ctx.db, actor.orgId);
}
