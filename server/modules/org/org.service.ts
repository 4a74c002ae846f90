import { asc, eq, sql } from 'drizzle-orm';
import { offsetOf, type Page, type PageQuery } from '../../core/pagination.js';
import { requireAccess } from '../../core/access.js';
import { mergePatch } from '../../core/body.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { accountRole } from '../account/account.table.js';
import { org } from './org.table.js';
import { CHILD_LEVEL, OrgSettings, settingsOf, type OrgCreateBody, type OrgDetail, type OrgSettingsBody, type OrgView } from './org.schema.js';

type OrgRow = typeof org.$inferSelect;
const presentOrg = (o: OrgRow): OrgView => ({
  id: o.id,
  parentId: o.parentId,
  name: o.name,
  shortName: o.shortName,
  level: o.level,
  regionCode: o.regionCode,
});

export async function currentOrg(ctx: Ctx): Promise<OrgDetail> {
  const actor = requireAccess(ctx.actor, 'org.read');
  const [row] = await ctx.db.select().from(org).where(eq(org.id, actor.orgId));
  const parentName = row.parentId
    ? ((await ctx.db.select({ name: org.name }).from(org).where(eq(org.id, row.parentId)))[0]?.name ?? null)
    : null;
  return { ...presentOrg(row), settings: settingsOf(row.settings), parentName };
}

/**
 * The org's row, locked until the transaction ends: every change of org.settings (these settings and
 * the sections other modules keep there) reads, checks and writes one at a time, so two changes of
 * different keys made at once both stay.
 */
export async function lockOrg(tx: Executor, orgId: string) {
  const [row] = await tx.select().from(org).where(eq(org.id, orgId)).for('update');
  if (!row) throw notFound('组织不存在');
  return row;
}

export async function updateOrgSettings(ctx: Ctx, body: OrgSettingsBody): Promise<OrgDetail> {
  const actor = requireAccess(ctx.actor, 'org.manage');
  await ctx.db.transaction(async (tx) => {
    const row = await lockOrg(tx, actor.orgId);
    const before = settingsOf(row.settings);
    const after = OrgSettings.parse(mergePatch(before, body));
    // merged in the database: the rules other pages keep in settings are never overwritten by a stale copy
    await tx.update(org).set({ settings: sql`${org.settings} || ${JSON.stringify(after)}::jsonb` }).where(eq(org.id, actor.orgId));
    await writeAudit(
      ctx,
      { action: 'org.settings', summary: `修改 ${row.name} 的设置`, targetType: 'org', targetId: row.id, before, after },
      tx,
    );
  });
  return currentOrg(ctx);
}

/** Lower-level orgs directly under the actor's org. */
export async function listChildOrgs(ctx: Ctx, q: PageQuery): Promise<Page<OrgView>> {
  const actor = requireAccess(ctx.actor, 'org.manage');
  const under = eq(org.parentId, actor.orgId);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db.select().from(org).where(under).orderBy(asc(org.regionCode)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(org).where(under),
  ]);
  return { items: rows.map(presentOrg), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Creates an org one level down (province → city → county). The admin who creates it becomes its
 * first admin, so they can set up its own accounts and then step back.
 */
export async function createChildOrg(ctx: Ctx, body: OrgCreateBody): Promise<OrgView> {
  const actor = requireAccess(ctx.actor, 'org.manage');
  return ctx.db.transaction(async (tx) => {
    const [parent] = await tx.select().from(org).where(eq(org.id, actor.orgId));
    if (!parent) throw notFound('当前组织不存在');
    const level = CHILD_LEVEL[parent.level];
    if (!level) throw forbidden('县级政协下不能再建下级组织');
    const clash = await tx.select({ id: org.id }).from(org).where(eq(org.regionCode, body.regionCode));
    if (clash.length) throw conflict('该行政区划代码已有组织', [{ path: 'regionCode', message: '该行政区划代码已有组织' }]);
    const [row] = await tx.insert(org).values({ ...body, parentId: parent.id, level, createdAt: ctx.clock.now() }).returning();
    await tx.insert(accountRole).values({ orgId: row.id, accountId: actor.accountId, role: 'admin' });
    await writeAudit(
      ctx,
      { action: 'org.create', summary: `新建下级组织 ${row.name}`, targetType: 'org', targetId: row.id, after: presentOrg(row) },
      tx,
    );
    return presentOrg(row);
  });
}
