import { and, eq, ne, sql } from 'drizzle-orm';
import { requireAccess, type OrgActor } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { session } from '../auth/session.table.js';
import { account, accountRole, type Role } from './account.table.js';
import { auditSnapshot, presentAccount } from './account.presenter.js';
import { ROLE_LABELS } from './account.schema.js';
import type { AccountAttachBody, AccountCreateBody, AccountRolesBody, AccountUpdateBody, AccountView } from './account.schema.js';
import { hashPassword, temporaryPassword } from './password.js';
import { findAccountByIdentifier } from './account.lookup.js';

/** An account of the actor's org, with its roles there; 404 for accounts of other orgs. */
async function loadInOrg(db: Executor, orgId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('账号不存在');
  const rows = await db
    .select({ row: account, role: accountRole.role })
    .from(account)
    .innerJoin(accountRole, and(eq(accountRole.accountId, account.id), eq(accountRole.orgId, orgId)))
    .where(eq(account.id, id));
  if (rows.length === 0) throw notFound('账号不存在或不属于本组织');
  return { row: rows[0].row, roles: rows.map((r) => r.role).sort() as Role[] };
}

export async function getAccount(ctx: Ctx, id: string): Promise<AccountView> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  const { row, roles } = await loadInOrg(ctx.db, actor.orgId, id);
  return presentAccount(row, roles, ctx.crypto, ctx.clock.now());
}

/**
 * Password resets, disabling and unlocking reach every org the person works in, so an admin may do
 * them only for accounts all of whose roles are in orgs the admin administers.
 */
async function requireAdminOverAllOrgs(db: Executor, actor: OrgActor, accountId: string) {
  const foreign = await db
    .select({ orgId: accountRole.orgId })
    .from(accountRole)
    .where(
      and(
        eq(accountRole.accountId, accountId),
        sql`${accountRole.orgId} not in (select org_id from account_role where account_id = ${actor.accountId} and role = 'admin')`,
      ),
    )
    .limit(1);
  if (foreign.length > 0) throw forbidden('该账号还在您不管理的组织任职，请由该组织的管理员办理');
}

const rolesText = (roles: Role[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r]).join('、') : '无');

async function assertPhoneFree(db: Executor, hash: string, exceptId?: string) {
  const clash = await db
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.phoneHash, hash), exceptId ? ne(account.id, exceptId) : undefined))
    .limit(1);
  if (clash.length) throw conflict('该手机号已被其他账号使用', [{ path: 'phone', message: '该手机号已被其他账号使用' }]);
}

export async function createAccount(ctx: Ctx, body: AccountCreateBody) {
  const actor = requireAccess(ctx.actor, 'account.manage');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const taken = await tx.select({ id: account.id }).from(account).where(sql`lower(${account.loginName}) = lower(${body.loginName})`);
    if (taken.length) throw conflict('登录名已被使用', [{ path: 'loginName', message: '登录名已被使用' }]);
    const phoneHash = body.phone ? ctx.crypto.blindIndex(body.phone) : null;
    if (phoneHash) await assertPhoneFree(tx, phoneHash);
    const [row] = await tx
      .insert(account)
      .values({
        loginName: body.loginName,
        displayName: body.displayName,
        phoneEnc: body.phone ? ctx.crypto.encrypt(body.phone) : null,
        phoneHash,
        passwordHash,
        mustChangePassword: true,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await tx.insert(accountRole).values(body.roles.map((role) => ({ orgId: actor.orgId, accountId: row.id, role })));
    const roles = [...body.roles].sort();
    await writeAudit(
      ctx,
      {
        action: 'account.create',
        summary: `新建账号 ${row.displayName}（${row.loginName}），角色：${rolesText(roles)}`,
        targetType: 'account',
        targetId: row.id,
        after: auditSnapshot(row, ctx.crypto, roles),
      },
      tx,
    );
    return { account: presentAccount(row, roles, ctx.crypto, ctx.clock.now()), temporaryPassword: password };
  });
}

/** Gives roles in this org to an account that already exists (a person working in two orgs). */
export async function attachAccount(ctx: Ctx, body: AccountAttachBody): Promise<AccountView> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  return ctx.db.transaction(async (tx) => {
    const row = await findAccountByIdentifier(tx, ctx.crypto, body.identifier);
    if (!row) throw notFound('没有找到该登录名或手机号对应的账号');
    const existing = await tx
      .select({ id: accountRole.id })
      .from(accountRole)
      .where(and(eq(accountRole.accountId, row.id), eq(accountRole.orgId, actor.orgId)));
    if (existing.length) throw conflict('该账号已在本组织，请直接调整其角色');
    await tx.insert(accountRole).values(body.roles.map((role) => ({ orgId: actor.orgId, accountId: row.id, role })));
    const roles = [...body.roles].sort();
    await writeAudit(
      ctx,
      {
        action: 'account.attach',
        summary: `将已有账号 ${row.displayName}（${row.loginName}）加入本组织，角色：${rolesText(roles)}`,
        targetType: 'account',
        targetId: row.id,
        after: { roles },
      },
      tx,
    );
    return presentAccount(row, roles, ctx.crypto, ctx.clock.now());
  });
}

export async function updateAccount(ctx: Ctx, id: string, body: AccountUpdateBody): Promise<AccountView> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  return ctx.db.transaction(async (tx) => {
    const { row, roles } = await loadInOrg(tx, actor.orgId, id);
    const patch: Partial<typeof account.$inferInsert> = {};
    if (body.displayName !== undefined) patch.displayName = body.displayName;
    if (body.phone !== undefined) {
      patch.phoneHash = body.phone ? ctx.crypto.blindIndex(body.phone) : null;
      patch.phoneEnc = body.phone ? ctx.crypto.encrypt(body.phone) : null;
      if (patch.phoneHash) await assertPhoneFree(tx, patch.phoneHash, id);
    }
    const [next] = Object.keys(patch).length ? await tx.update(account).set(patch).where(eq(account.id, id)).returning() : [row];
    await writeAudit(
      ctx,
      {
        action: 'account.update',
        summary: `修改账号 ${next.displayName}（${next.loginName}）的信息`,
        targetType: 'account',
        targetId: id,
        before: auditSnapshot(row, ctx.crypto),
        after: auditSnapshot(next, ctx.crypto),
      },
      tx,
    );
    return presentAccount(next, roles, ctx.crypto, ctx.clock.now());
  });
}

/** Replaces the account's roles in this org; an empty list takes the account out of the org. */
export async function setAccountRoles(ctx: Ctx, id: string, body: AccountRolesBody): Promise<AccountView | null> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  if (id === actor.accountId && !body.roles.includes('admin')) throw forbidden('不能取消自己的管理员角色');
  return ctx.db.transaction(async (tx) => {
    const { row, roles } = await loadInOrg(tx, actor.orgId, id);
    await tx.delete(accountRole).where(and(eq(accountRole.accountId, id), eq(accountRole.orgId, actor.orgId)));
    if (body.roles.length) await tx.insert(accountRole).values(body.roles.map((role) => ({ orgId: actor.orgId, accountId: id, role })));
    else await tx.update(session).set({ orgId: null }).where(and(eq(session.accountId, id), eq(session.orgId, actor.orgId)));
    const next = [...body.roles].sort();
    await writeAudit(
      ctx,
      {
        action: 'account.roles',
        summary: next.length
          ? `调整 ${row.displayName}（${row.loginName}）的角色：${rolesText(roles)} → ${rolesText(next)}`
          : `将 ${row.displayName}（${row.loginName}）移出本组织`,
        targetType: 'account',
        targetId: id,
        before: { roles },
        after: { roles: next },
      },
      tx,
    );
    return next.length ? presentAccount(row, next, ctx.crypto, ctx.clock.now()) : null;
  });
}

export async function resetPassword(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'account.manage');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const { row, roles } = await loadInOrg(tx, actor.orgId, id);
    await requireAdminOverAllOrgs(tx, actor, id);
    const [next] = await tx
      .update(account)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
      .where(eq(account.id, id))
      .returning();
    await tx.delete(session).where(eq(session.accountId, id));
    await writeAudit(
      ctx,
      { action: 'account.reset_password', summary: `重置 ${row.displayName}（${row.loginName}）的密码`, targetType: 'account', targetId: id },
      tx,
    );
    return { account: presentAccount(next, roles, ctx.crypto, ctx.clock.now()), temporaryPassword: password };
  });
}

export async function setAccountDisabled(ctx: Ctx, id: string, disabled: boolean): Promise<AccountView> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  if (id === actor.accountId && disabled) throw forbidden('不能停用自己的账号');
  return ctx.db.transaction(async (tx) => {
    const { row, roles } = await loadInOrg(tx, actor.orgId, id);
    await requireAdminOverAllOrgs(tx, actor, id);
    const [next] = await tx.update(account).set({ disabled }).where(eq(account.id, id)).returning();
    if (disabled) await tx.delete(session).where(eq(session.accountId, id));
    await writeAudit(
      ctx,
      {
        action: disabled ? 'account.disable' : 'account.enable',
        summary: `${disabled ? '停用' : '启用'}账号 ${row.displayName}（${row.loginName}）`,
        targetType: 'account',
        targetId: id,
        before: { disabled: row.disabled },
        after: { disabled },
      },
      tx,
    );
    return presentAccount(next, roles, ctx.crypto, ctx.clock.now());
  });
}

export async function unlockAccount(ctx: Ctx, id: string): Promise<AccountView> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  return ctx.db.transaction(async (tx) => {
    const { row, roles } = await loadInOrg(tx, actor.orgId, id);
    await requireAdminOverAllOrgs(tx, actor, id);
    const [next] = await tx.update(account).set({ failedAttempts: 0, lockedUntil: null }).where(eq(account.id, id)).returning();
    await writeAudit(
      ctx,
      { action: 'account.unlock', summary: `解除 ${row.displayName}（${row.loginName}）的登录锁定`, targetType: 'account', targetId: id },
      tx,
    );
    return presentAccount(next, roles, ctx.crypto, ctx.clock.now());
  });
}

/** The whole phone number, for admins; every view is audited. */
export async function revealPhone(ctx: Ctx, id: string) {
  const actor = requireAccess(ctx.actor, 'account.manage');
  const { row } = await loadInOrg(ctx.db, actor.orgId, id);
  const phone = row.phoneEnc ? ctx.crypto.decrypt(row.phoneEnc) : null;
  await writeAudit(ctx, {
    action: 'account.view_phone',
    summary: `查看 ${row.displayName}（${row.loginName}）的完整手机号`,
    targetType: 'account',
    targetId: id,
  });
  return { phone };
}
