import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { PERMISSIONS, can, requireSignedIn, type Actor, type Permission } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import type { Db } from '../../db/index.js';
import { AppError, fieldError, forbidden, unauthenticated } from '../../core/errors.js';
import { writeAudit } from '../audit/audit.service.js';
import { account, accountRole, type Role } from '../account/account.table.js';
import { hashPassword, passwordProblem, verifyPassword } from '../account/password.js';
import { findAccountByIdentifier } from '../account/account.lookup.js';
import { org } from '../org/org.table.js';
import { settingsOf } from '../org/org.schema.js';
import { session } from './session.table.js';
import type { ChangePasswordBody, LoginBody, Me } from './auth.schema.js';

const MAX_FAILED_ATTEMPTS = 5;
const LOCKOUT_MINUTES = 15;
/** last_seen_at is written at most this often, so reads do not each cost a write */
const TOUCH_INTERVAL_MS = 60_000;
/** verified against when the login name is unknown, so both failures take the same time */
let dummyHash: Promise<string> | undefined;

const hhmm = (d: Date) => d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

async function orgsOf(db: Db, accountId: string) {
  const rows = await db
    .select({ org, role: accountRole.role })
    .from(accountRole)
    .innerJoin(org, eq(org.id, accountRole.orgId))
    .where(eq(accountRole.accountId, accountId))
    .orderBy(sql`case ${org.level} when 'county' then 0 when 'city' then 1 else 2 end`, asc(org.name), asc(accountRole.role));
  const byOrg = new Map<string, { org: typeof org.$inferSelect; roles: Role[] }>();
  for (const r of rows) {
    const entry = byOrg.get(r.org.id) ?? { org: r.org, roles: [] };
    entry.roles.push(r.role);
    byOrg.set(r.org.id, entry);
  }
  return [...byOrg.values()];
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

const lockedMessage = (until: Date | null) =>
  `密码错误次数过多，账号已锁定，${until ? `请于 ${hhmm(until)} 后再试` : '请稍后再试'}或联系管理员解锁`;

/**
 * Counts an attempt at the account's password before the password is checked, in one statement: the
 * 5th in a row locks the account for 15 minutes, and while it is locked no attempt is counted or
 * checked (no row comes back). However many guesses arrive at once, at most 5 are checked per lock;
 * once a lock has run out, the count starts again. A right password resets the count.
 */
async function countAttempt(ctx: Ctx, accountId: string, now: Date) {
  const attempts = sql`case when ${account.lockedUntil} is not null then 1 else ${account.failedAttempts} + 1 end`;
  const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const [row] = await ctx.db
    .update(account)
    .set({ failedAttempts: attempts, lockedUntil: sql`case when ${attempts} >= ${MAX_FAILED_ATTEMPTS} then ${lockUntil.toISOString()}::timestamptz end` })
    .where(and(eq(account.id, accountId), or(isNull(account.lockedUntil), lte(account.lockedUntil, now))))
    .returning({ attempts: account.failedAttempts });
  return row?.attempts ?? null;
}

export async function login(ctx: Ctx, body: LoginBody): Promise<LoginResult> {
  const now = ctx.clock.now();
  const row = await findAccountByIdentifier(ctx.db, ctx.crypto, body.identifier);
  const failed = (reason: string, orgId: string | null, accountRow?: typeof account.$inferSelect) =>
    writeAudit(ctx, {
      action: 'auth.login_failed',
      summary: `登录失败（${body.identifier.slice(0, 32)}）：${reason}`,
      orgId,
      actorId: accountRow?.id ?? null,
      actorName: accountRow?.displayName ?? null,
      targetType: 'account',
      targetId: accountRow?.id,
    });
  if (!row) {
    dummyHash ??= hashPassword('Dummy-password-1');
    await verifyPassword(await dummyHash, body.password);
    await failed('账号不存在', null);
    throw unauthenticated('账号或密码错误', 'LOGIN_FAILED');
  }
  const orgs = await orgsOf(ctx.db, row.id);
  const homeOrgId = orgs[0]?.org.id ?? null;
  if (row.disabled) {
    await failed('账号已停用', homeOrgId, row);
    throw unauthenticated('账号已停用，请联系管理员', 'ACCOUNT_DISABLED');
  }
  const attempts = await countAttempt(ctx, row.id, now);
  if (attempts === null) {
    const [{ lockedUntil }] = await ctx.db.select({ lockedUntil: account.lockedUntil }).from(account).where(eq(account.id, row.id));
    await failed('账号锁定中', homeOrgId, row);
    throw new AppError(423, 'ACCOUNT_LOCKED', lockedMessage(lockedUntil && lockedUntil > now ? lockedUntil : null));
  }
  if (!(await verifyPassword(row.passwordHash, body.password))) {
    const lock = attempts >= MAX_FAILED_ATTEMPTS;
    await failed(lock ? `密码错误，连续 ${MAX_FAILED_ATTEMPTS} 次，锁定 ${LOCKOUT_MINUTES} 分钟` : `密码错误（第 ${attempts} 次）`, homeOrgId, row);
    if (lock) throw new AppError(423, 'ACCOUNT_LOCKED', `密码连续错误 ${MAX_FAILED_ATTEMPTS} 次，账号已锁定 ${LOCKOUT_MINUTES} 分钟`);
    throw unauthenticated(`账号或密码错误，再错 ${MAX_FAILED_ATTEMPTS - attempts} 次将锁定 ${LOCKOUT_MINUTES} 分钟`, 'LOGIN_FAILED');
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  await ctx.db.transaction(async (tx) => {
    await tx.update(account).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(account.id, row.id));
    await tx.insert(session).values({
      id: sha256(token),
      accountId: row.id,
      orgId: homeOrgId,
      csrfToken,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
    });
    await writeAudit(
      ctx,
      { action: 'auth.login', summary: `${row.displayName} 登录`, orgId: homeOrgId, actorId: row.id, actorName: row.displayName },
      tx,
    );
  });
  return { token, csrfToken, mustChangePassword: row.mustChangePassword };
}

/**
 * Resolves the session cookie to an actor in one query, or null. An idle session (per-org timeout)
 * is removed and reported, so the user is told why they were signed out.
 */
/** The per-request session query, built once per database and prepared (it runs on every request). */
const prepareActorQuery = (db: Db) =>
  db
    .select({
      session,
      loginName: account.loginName,
      displayName: account.displayName,
      mustChangePassword: account.mustChangePassword,
      disabled: account.disabled,
      settings: org.settings,
      roles: sql<Role[]>`coalesce((select json_agg(r.role) from account_role r
        where r.account_id = "session"."account_id" and r.org_id = "session"."org_id"), '[]'::json)`,
    })
    .from(session)
    .innerJoin(account, eq(account.id, session.accountId))
    .leftJoin(org, eq(org.id, session.orgId))
    .where(eq(session.id, sql.placeholder('id')))
    .prepare('load_actor');
const actorQueries = new WeakMap<Db, ReturnType<typeof prepareActorQuery>>();

export async function loadActor(ctx: Pick<Ctx, 'db' | 'clock'>, token: string): Promise<Actor | null> {
  const id = sha256(token);
  let query = actorQueries.get(ctx.db);
  if (!query) actorQueries.set(ctx.db, (query = prepareActorQuery(ctx.db)));
  const [row] = await query.execute({ id });
  if (!row || row.disabled) return null;
  const now = ctx.clock.now().getTime();
  const idle = now - row.session.lastSeenAt.getTime();
  if (idle > settingsOf(row.settings).idleTimeoutMinutes * 60_000) {
    await ctx.db.delete(session).where(eq(session.id, id));
    throw unauthenticated('长时间未操作，已自动退出，请重新登录', 'SESSION_EXPIRED');
  }
  if (idle > TOUCH_INTERVAL_MS) await ctx.db.update(session).set({ lastSeenAt: new Date(now) }).where(eq(session.id, id));
  return {
    sessionId: id,
    accountId: row.session.accountId,
    loginName: row.loginName,
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    csrfToken: row.session.csrfToken,
    orgId: row.roles.length ? row.session.orgId : null,
    roles: row.roles,
  };
}

export async function logout(ctx: Ctx) {
  const actor = requireSignedIn(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(session).where(eq(session.id, actor.sessionId));
    await writeAudit(ctx, { action: 'auth.logout', summary: `${actor.displayName} 退出登录` }, tx);
  });
}

export async function changePassword(ctx: Ctx, body: ChangePasswordBody) {
  const actor = requireSignedIn(ctx.actor);
  const [row] = await ctx.db.select().from(account).where(eq(account.id, actor.accountId));
  if (!(await verifyPassword(row.passwordHash, body.currentPassword))) throw fieldError('currentPassword', '当前密码不正确');
  const problem = passwordProblem(body.newPassword, row.loginName);
  if (problem) throw fieldError('newPassword', problem);
  if (body.newPassword === body.currentPassword) throw fieldError('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(body.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(account).set({ passwordHash, mustChangePassword: false }).where(eq(account.id, actor.accountId));
    // other sessions of this person end: whoever knew the old password is out
    await tx.delete(session).where(and(eq(session.accountId, actor.accountId), sql`${session.id} <> ${actor.sessionId}`));
    await writeAudit(
      ctx,
      {
        action: 'auth.password_change',
        summary: row.mustChangePassword ? `${row.displayName} 首次登录修改初始密码` : `${row.displayName} 修改密码`,
        targetType: 'account',
        targetId: row.id,
      },
      tx,
    );
  });
}

export async function switchOrg(ctx: Ctx, orgId: string) {
  const actor = requireSignedIn(ctx.actor);
  const orgs = await orgsOf(ctx.db, actor.accountId);
  const target = orgs.find((o) => o.org.id === orgId);
  if (!target) throw forbidden('您在该组织没有任何角色');
  await ctx.db.transaction(async (tx) => {
    await tx.update(session).set({ orgId }).where(eq(session.id, actor.sessionId));
    await writeAudit(ctx, { action: 'auth.switch_org', summary: `${actor.displayName} 切换到 ${target.org.name}`, orgId }, tx);
  });
}

export async function me(ctx: Ctx): Promise<Me> {
  const actor = requireSignedIn(ctx.actor);
  const orgs = await orgsOf(ctx.db, actor.accountId);
  const view = (o: (typeof orgs)[number]) => ({
    id: o.org.id,
    parentId: o.org.parentId,
    name: o.org.name,
    shortName: o.org.shortName,
    level: o.org.level,
    regionCode: o.org.regionCode,
    roles: o.roles,
  });
  const current = orgs.find((o) => o.org.id === actor.orgId);
  return {
    account: {
      id: actor.accountId,
      loginName: actor.loginName,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
    },
    currentOrg: current ? view(current) : null,
    orgs: orgs.map(view),
    permissions: actor.mustChangePassword ? [] : (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p)),
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: settingsOf(current?.org.settings).idleTimeoutMinutes,
  };
}
