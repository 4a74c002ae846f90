import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import { can, requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { maskPhoneText, type FieldCrypto } from '../../core/crypto.js';
import { conflict, fieldError, forbidden, notFound } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { actorUnit } from '../proposal/proposal.access.js';
import { UNIT_KIND_LABELS, type UnitAccountOption, type UnitAccountsBody, type UnitContact, type UnitBody, type UnitDeleteResult, type UnitKind, type UnitListQuery, type UnitUpdateBody, type UnitView } from './unit.schema.js';
import { handlingUnit, handlingUnitAccount } from './unit.table.js';

/**
 * 承办单位: the proposals office keeps the list of units and which 'unit' accounts work for each;
 * everyone who writes or handles proposals reads it.
 */

interface UnitRow {
  id: string;
  name: string;
  short_name: string;
  kind: string;
  contact_name: string;
  contact_phone_enc: string | null;
  sort: number;
  active: boolean;
  created_at: Date | string;
  accounts: { id: string; loginName: string; displayName: string; disabled: boolean }[];
  open: number;
  overdue: number;
  total: number;
}

/** Units with their accounts and open / overdue assignment counts, in one statement (the total by window). */
const unitRows = (db: Executor, orgId: string, today: string, where: SQL, page = sql``) =>
  rowsOf<UnitRow>(
    db,
    sql`select u.id, u.name, u.short_name, u.kind, u.contact_name, u.contact_phone_enc, u.sort, u.active, u.created_at,
        coalesce((select json_agg(json_build_object('id', a.id, 'loginName', a.login_name, 'displayName', a.display_name, 'disabled', a.disabled) order by a.display_name)
          from handling_unit_account ua join account a on a.id = ua.account_id where ua.unit_id = u.id), '[]'::json) as accounts,
        (select count(*) from proposal_assignment pa where pa.unit_id = u.id and pa.status in ('handling', 'objected'))::int as open,
        (select count(*) from proposal_assignment pa where pa.unit_id = u.id and pa.status in ('handling', 'objected') and pa.due_on < ${today}::date)::int as overdue,
        (count(*) over ())::int as total
      from handling_unit u where u.org_id = ${orgId} and ${where}
      order by u.active desc, u.sort, u.name, u.id ${page}`,
  );

/** The contact phone in clear ('' for none), from its encrypted column. */
const contactPhoneOf = (crypto: FieldCrypto, stored: string | null) => (stored ? crypto.decrypt(stored) : '');

/** The accounts for the proposals office and the unit's own accounts (`full`); the contact phone masked for everyone (the whole one: revealUnitContact). */
const present = (crypto: FieldCrypto, r: UnitRow, full: boolean): UnitView => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind as UnitKind,
  kindLabel: UNIT_KIND_LABELS[r.kind as UnitKind] ?? r.kind,
  contactName: r.contact_name,
  contactPhone: maskPhoneText(contactPhoneOf(crypto, r.contact_phone_enc)),
  sort: r.sort,
  active: r.active,
  accounts: full ? r.accounts : [],
  openAssignments: r.open,
  overdueAssignments: r.overdue,
  createdAt: new Date(r.created_at).toISOString(),
});

const today = (ctx: Ctx) => chinaDate(ctx.clock.now());
const manages = (actor: OrgActor) => can(actor, 'unit.manage');

export async function listUnits(ctx: Ctx, q: UnitListQuery): Promise<Page<UnitView>> {
  const actor = requireAccess(ctx.actor, 'unit.read');
  const conds: SQL[] = [sql`true`];
  if (q.q) conds.push(sql`(u.name ilike ${containing(q.q)} or u.short_name ilike ${containing(q.q)})`);
  if (q.kind) conds.push(sql`u.kind = ${q.kind}`);
  if (q.active) conds.push(sql`u.active = ${q.active === 'true'}`);
  const rows = await unitRows(ctx.db, actor.orgId, today(ctx), sql.join(conds, sql` and `), sql`limit ${q.pageSize} offset ${offsetOf(q)}`);
  return { items: rows.map((r) => present(ctx.crypto, r, manages(actor))), total: rows[0]?.total ?? 0, page: q.page, pageSize: q.pageSize };
}

async function unitView(ctx: Ctx, actor: OrgActor, id: string, full: boolean): Promise<UnitView> {
  const [r] = await unitRows(ctx.db, actor.orgId, today(ctx), sql`u.id = ${id}`);
  if (!r) throw notFound('承办单位不存在');
  return present(ctx.crypto, r, full);
}

/** A unit account's own unit (with its accounts). */
export async function myUnit(ctx: Ctx): Promise<UnitView> {
  const actor = requireAccess(ctx.actor, 'proposal.handle');
  const u = await actorUnit(ctx.db, actor);
  return unitView(ctx, actor, u.id, true);
}

/**
 * The unit's whole contact phone, for the proposals office (to phone the unit, or to correct it in the
 * unit's form) and the unit's own accounts; each look-up is audited.
 */
export async function revealUnitContact(ctx: Ctx, id: string): Promise<UnitContact> {
  const actor = requireAccess(ctx.actor, 'unit.read');
  const u = await loadUnit(ctx.db, actor, id);
  if (!manages(actor)) {
    const [own] = await ctx.db
      .select({ id: handlingUnitAccount.unitId })
      .from(handlingUnitAccount)
      .where(and(eq(handlingUnitAccount.unitId, id), eq(handlingUnitAccount.accountId, actor.accountId)));
    if (!own) throw forbidden('只有提案委和本单位的账号可以查看承办单位的完整联系电话');
  }
  await writeAudit(ctx, { action: 'unit.view_contact', summary: `查看承办单位“${u.name}”联系人${u.contactName}的完整联系电话`, targetType: 'handling_unit', targetId: id });
  return { contactName: u.contactName, contactPhone: contactPhoneOf(ctx.crypto, u.contactPhoneEnc) };
}

async function loadUnit(db: Executor, actor: OrgActor, id: string) {
  const [u] = await db.select().from(handlingUnit).where(and(eq(handlingUnit.id, id), eq(handlingUnit.orgId, actor.orgId)));
  if (!u) throw notFound('承办单位不存在');
  return u;
}

async function assertNameFree(db: Executor, orgId: string, name: string, exceptId?: string) {
  const [dup] = await db
    .select({ id: handlingUnit.id, active: handlingUnit.active })
    .from(handlingUnit)
    .where(and(eq(handlingUnit.orgId, orgId), eq(handlingUnit.name, name), exceptId ? ne(handlingUnit.id, exceptId) : undefined));
  if (dup) throw conflict(`已有名为“${name}”的承办单位${dup.active ? '' : '（已停用，可将其重新启用）'}`, [{ path: 'name', message: '单位名称已存在' }]);
}

const valuesOf = (b: UnitBody) => ({
  name: b.name,
  shortName: b.shortName || b.name,
  kind: b.kind,
  contactName: b.contactName,
  contactPhone: b.contactPhone,
  sort: b.sort,
  active: b.active,
});

/** The contact phone as stored: encrypted, null for none. */
const sealPhone = (crypto: FieldCrypto, phone: string) => (phone ? crypto.encrypt(phone) : null);

/** What the audit log keeps of a unit: the contact phone masked, as everywhere but the audited reveal. */
const snapshot = <T extends { contactPhone: string }>(v: T) => ({ ...v, contactPhone: maskPhoneText(v.contactPhone) });

export async function createUnit(ctx: Ctx, b: UnitBody): Promise<UnitView> {
  const actor = requireAccess(ctx.actor, 'unit.manage');
  const id = await ctx.db.transaction(async (tx) => {
    await assertNameFree(tx, actor.orgId, b.name);
    const [row] = await tx
      .insert(handlingUnit)
      .values({ orgId: actor.orgId, ...valuesOf(b), contactPhoneEnc: sealPhone(ctx.crypto, b.contactPhone), createdAt: ctx.clock.now() })
      .returning({ id: handlingUnit.id });
    await writeAudit(ctx, { action: 'unit.manage', summary: `新增承办单位“${b.name}”`, targetType: 'handling_unit', targetId: row.id, after: snapshot(valuesOf(b)) }, tx);
    return row.id;
  });
  return unitView(ctx, actor, id, true);
}

/** Changes exactly the fields sent; the shortName left empty is the name. */
export async function updateUnit(ctx: Ctx, id: string, b: UnitUpdateBody): Promise<UnitView> {
  const actor = requireAccess(ctx.actor, 'unit.manage');
  await ctx.db.transaction(async (tx) => {
    const u = await loadUnit(tx, actor, id);
    const before = { name: u.name, shortName: u.shortName, kind: u.kind, contactName: u.contactName, contactPhone: contactPhoneOf(ctx.crypto, u.contactPhoneEnc), sort: u.sort, active: u.active };
    const merged = { ...before, ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) } as UnitBody;
    if (b.name !== undefined) await assertNameFree(tx, actor.orgId, b.name, id);
    const after = valuesOf({ ...merged, shortName: b.shortName !== undefined ? b.shortName : u.shortName === u.name ? '' : u.shortName });
    // the phone encrypted anew only when sent: a number not sent keeps its stored value
    const { contactPhone, ...row } = after;
    await tx
      .update(handlingUnit)
      .set({ ...row, ...(b.contactPhone !== undefined && { contactPhoneEnc: sealPhone(ctx.crypto, contactPhone) }) })
      .where(eq(handlingUnit.id, id));
    const what = u.active && !after.active ? '停用' : !u.active && after.active ? '重新启用' : '修改';
    await writeAudit(
      ctx,
      { action: 'unit.manage', summary: `${what}承办单位“${after.name}”${u.name !== after.name ? `（原名“${u.name}”）` : ''}`, targetType: 'handling_unit', targetId: id, before: snapshot(before), after: snapshot(after) },
      tx,
    );
  });
  return unitView(ctx, actor, id, true);
}

/** A unit that has handled (or been suggested for) a proposal is kept, inactive, for the record; others are deleted. */
export async function deleteUnit(ctx: Ctx, id: string): Promise<UnitDeleteResult> {
  const actor = requireAccess(ctx.actor, 'unit.manage');
  return ctx.db.transaction(async (tx) => {
    const u = await loadUnit(tx, actor, id);
    const [{ used }] = await rowsOf<{ used: boolean }>(
      tx,
      sql`select (exists (select 1 from proposal_assignment where unit_id = ${id}) or exists (select 1 from proposal where org_id = ${actor.orgId} and ${id}::uuid = any(suggested_unit_ids))) as used`,
    );
    if (used) {
      await tx.update(handlingUnit).set({ active: false }).where(eq(handlingUnit.id, id));
      const message = `“${u.name}”已有提案办理记录，不能删除，已停用（可重新启用）`;
      await writeAudit(ctx, { action: 'unit.manage', summary: `停用承办单位“${u.name}”（有办理记录，不能删除）`, targetType: 'handling_unit', targetId: id, before: { active: u.active }, after: { active: false } }, tx);
      return { outcome: 'deactivated' as const, message };
    }
    const accounts = await tx.delete(handlingUnitAccount).where(eq(handlingUnitAccount.unitId, id)).returning({ accountId: handlingUnitAccount.accountId });
    await tx.delete(handlingUnit).where(eq(handlingUnit.id, id));
    const { contactPhoneEnc, ...kept } = u;
    const before = { ...snapshot({ ...kept, contactPhone: contactPhoneOf(ctx.crypto, contactPhoneEnc) }), accountIds: accounts.map((a) => a.accountId) };
    await writeAudit(ctx, { action: 'unit.manage', summary: `删除承办单位“${u.name}”`, targetType: 'handling_unit', targetId: id, before }, tx);
    return { outcome: 'deleted' as const, message: `已删除承办单位“${u.name}”` };
  });
}

/**
 * The unit's accounts, as a whole list: each must hold the 'unit' role in this org. An account works
 * for one unit: naming one that works for another unit moves it here (said in the audit entry).
 */
export async function setUnitAccounts(ctx: Ctx, id: string, b: UnitAccountsBody): Promise<UnitView> {
  const actor = requireAccess(ctx.actor, 'unit.manage');
  await ctx.db.transaction(async (tx) => {
    const u = await loadUnit(tx, actor, id);
    const wanted = b.accountIds;
    const found = wanted.length
      ? await rowsOf<{ id: string; display_name: string; is_unit: boolean; from_unit_id: string | null; from_unit: string | null }>(
          tx,
          sql`select a.id, a.display_name,
              exists (select 1 from account_role ar where ar.account_id = a.id and ar.org_id = ${actor.orgId} and ar.role = 'unit') as is_unit,
              ua.unit_id as from_unit_id, fu.name as from_unit
            from account a left join handling_unit_account ua on ua.account_id = a.id and ua.org_id = ${actor.orgId}
            left join handling_unit fu on fu.id = ua.unit_id
            where a.id in ${valueList(wanted)}`,
        )
      : [];
    const bad = wanted.filter((w) => !found.some((f) => f.id === w && f.is_unit));
    if (bad.length) {
      const names = bad.map((w) => found.find((f) => f.id === w)?.display_name ?? '（不存在的账号）').join('、');
      throw fieldError('accountIds', `${names}不是本组织的承办单位账号，请先在账号管理中授予“承办单位”角色`);
    }
    const before = (await tx.select({ accountId: handlingUnitAccount.accountId }).from(handlingUnitAccount).where(eq(handlingUnitAccount.unitId, id))).map((r) => r.accountId);
    const moved = found.filter((f) => f.from_unit_id && f.from_unit_id !== id);
    await tx.delete(handlingUnitAccount).where(eq(handlingUnitAccount.unitId, id));
    if (moved.length) await tx.execute(sql`delete from handling_unit_account where org_id = ${actor.orgId} and account_id in ${valueList(moved.map((m) => m.id))}`);
    if (wanted.length) await tx.insert(handlingUnitAccount).values(wanted.map((accountId) => ({ orgId: actor.orgId, unitId: id, accountId })));
    const names = wanted.map((w) => found.find((f) => f.id === w)!.display_name);
    const movedNote = moved.map((m) => `${m.display_name}由“${m.from_unit}”调整至本单位`).join('；');
    await writeAudit(
      ctx,
      {
        action: 'unit.manage',
        summary: `设置承办单位“${u.name}”的账号：${names.join('、') || '无'}${movedNote ? `（${movedNote}）` : ''}`,
        targetType: 'handling_unit',
        targetId: id,
        before: { accountIds: before },
        after: { accountIds: wanted, moved: moved.map((m) => ({ accountId: m.id, fromUnitId: m.from_unit_id, fromUnit: m.from_unit })) },
      },
      tx,
    );
  });
  return unitView(ctx, actor, id, true);
}

/** The org's 'unit' accounts staff may link to a unit (every one, with the unit it works for now). */
export async function unitAccountOptions(ctx: Ctx): Promise<UnitAccountOption[]> {
  const actor = requireAccess(ctx.actor, 'unit.manage');
  return rowsOf<UnitAccountOption>(
    ctx.db,
    sql`select a.id, a.login_name as "loginName", a.display_name as "displayName", a.disabled,
        (select json_build_object('id', u.id, 'name', u.name) from handling_unit_account ua join handling_unit u on u.id = ua.unit_id
          where ua.org_id = ${actor.orgId} and ua.account_id = a.id) as unit
      from account a join account_role ar on ar.account_id = a.id and ar.org_id = ${actor.orgId} and ar.role = 'unit'
      order by a.display_name`,
  );
}
