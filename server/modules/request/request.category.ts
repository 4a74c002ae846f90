import { and, asc, eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, fieldError, notFound } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import { committee } from '../sector/sector.table.js';
import { requireAnyAccess } from './request.access.js';
import { DEFAULT_CATEGORIES, type CategoryBody, type CategoryView } from './request.schema.js';
import { requestCategory } from './request.table.js';

/**
 * The 8 default categories are created for an org the first time anything reads its categories
 * (the form, the staff pages, the demo); concurrent first reads are harmless (unique org+name).
 */
export async function ensureCategories(db: Executor, orgId: string) {
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from request_category where org_id = ${orgId}`);
  if (n) return;
  await db
    .insert(requestCategory)
    .values(DEFAULT_CATEGORIES.map((name, i) => ({ orgId, name, sort: (i + 1) * 10 })))
    .onConflictDoNothing();
}

export const categoriesOf = (db: Executor, orgId: string) =>
  rowsOf<CategoryView>(
    db,
    sql`select c.id, c.name, c.sort, c.active,
        (select json_build_object('id', k.id, 'name', k.name) from committee k where k.id = c.committee_id) as committee,
        (select count(*)::int from request r where r.category_id = c.id) as used
      from request_category c where c.org_id = ${orgId} order by c.sort, c.name`,
  );

export async function listCategories(ctx: Ctx) {
  const actor = requireAnyAccess(ctx.actor, ['request.read', 'request.answer']);
  await ensureCategories(ctx.db, actor.orgId);
  return categoriesOf(ctx.db, actor.orgId);
}

async function checkCommittee(tx: Executor, orgId: string, id: string | null) {
  if (!id) return;
  const [c] = await tx.select({ id: committee.id }).from(committee).where(and(eq(committee.orgId, orgId), eq(committee.id, id)));
  if (!c) throw fieldError('committeeId', '所选专委会不存在');
}

async function uniqueName(tx: Executor, orgId: string, name: string, except?: string) {
  const [clash] = await tx.select({ id: requestCategory.id }).from(requestCategory).where(and(eq(requestCategory.orgId, orgId), eq(requestCategory.name, name)));
  if (clash && clash.id !== except) throw conflict(`已有名为“${name}”的分类`, [{ path: 'name', message: `已有名为“${name}”的分类` }]);
}

export async function createCategory(ctx: Ctx, b: CategoryBody) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  await ctx.db.transaction(async (tx) => {
    await ensureCategories(tx, actor.orgId);
    await uniqueName(tx, actor.orgId, b.name);
    await checkCommittee(tx, actor.orgId, b.committeeId);
    const [row] = await tx.insert(requestCategory).values({ orgId: actor.orgId, ...b }).returning();
    await writeAudit(ctx, { action: 'request.categories', summary: `新增诉求分类“${b.name}”`, targetType: 'request_category', targetId: row.id, after: b }, tx);
  });
  return categoriesOf(ctx.db, actor.orgId);
}

export async function updateCategory(ctx: Ctx, id: string, b: CategoryBody) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(requestCategory).where(and(eq(requestCategory.orgId, actor.orgId), eq(requestCategory.id, id)));
    if (!row) throw notFound('分类不存在');
    await uniqueName(tx, actor.orgId, b.name, id);
    await checkCommittee(tx, actor.orgId, b.committeeId);
    if (!b.active && row.active) {
      const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from request_category where org_id = ${actor.orgId} and active and id <> ${id}`);
      if (!n) throw conflict('至少要保留一个启用的分类');
    }
    await tx.update(requestCategory).set(b).where(eq(requestCategory.id, id));
    const { id: _, orgId: __, ...before } = row;
    await writeAudit(ctx, { action: 'request.categories', summary: `修改诉求分类“${row.name}”${row.name !== b.name ? `为“${b.name}”` : ''}`, targetType: 'request_category', targetId: id, before, after: b }, tx);
  });
  return categoriesOf(ctx.db, actor.orgId);
}

/** An unused category is deleted; a used one is only deactivated (its concerns keep it). */
export async function deleteCategory(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  await ctx.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ name: string; used: number; active: boolean }>(
      tx,
      sql`select c.name, c.active, (select count(*)::int from request r where r.category_id = c.id) as used from request_category c where c.org_id = ${actor.orgId} and c.id = ${id}`,
    );
    if (!row) throw notFound('分类不存在');
    const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from request_category where org_id = ${actor.orgId} and active and id <> ${id}`);
    if (!n) throw conflict('至少要保留一个启用的分类');
    if (row.used) await tx.update(requestCategory).set({ active: false }).where(eq(requestCategory.id, id));
    else await tx.delete(requestCategory).where(eq(requestCategory.id, id));
    await writeAudit(
      ctx,
      { action: 'request.categories', summary: row.used ? `停用诉求分类“${row.name}”（已有 ${row.used} 条诉求）` : `删除诉求分类“${row.name}”`, targetType: 'request_category', targetId: id, before: row },
      tx,
    );
  });
  return categoriesOf(ctx.db, actor.orgId);
}

export const activeCategories = (db: Executor, orgId: string) =>
  db.select({ id: requestCategory.id, name: requestCategory.name }).from(requestCategory).where(and(eq(requestCategory.orgId, orgId), eq(requestCategory.active, true))).orderBy(asc(requestCategory.sort), asc(requestCategory.name));
