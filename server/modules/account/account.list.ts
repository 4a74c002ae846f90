import { and, desc, eq, gt, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Placeholder } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import type { Db } from '../../db/index.js';
import { account, accountRole, type Role } from './account.table.js';
import { presentAccount } from './account.presenter.js';
import type { AccountListQuery, AccountView } from './account.schema.js';
import { normalisePhone, PHONE_RE } from './password.js';

type OrgParam = string | Placeholder;

// correlated sub-queries name their tables by hand: drizzle leaves columns unqualified in single-table selects
const memberOf = (orgId: OrgParam, role?: Role) =>
  sql`exists (select 1 from account_role r where r.account_id = "account"."id" and r.org_id = ${orgId}
    ${role ? sql`and r.role = ${role}` : sql``})`;

/** One page, newest accounts first (the one just created is on top), with each account's roles in the org; walks account_created_idx backwards and stops after `limit` rows. */
const pageQuery = (db: Db, orgId: OrgParam, where: SQL | undefined) =>
  db
    .select({
      row: account,
      roles: sql<Role[]>`coalesce((select json_agg(r.role order by r.role) from account_role r
        where r.account_id = "account"."id" and r.org_id = ${orgId}), '[]'::json)`,
    })
    .from(account)
    .where(where)
    .orderBy(desc(account.createdAt), desc(account.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'));

/** Members of the org, counted over the (org_id, account_id, role) index without touching account. */
const memberCount = (db: Db, orgId: OrgParam, role?: Role) =>
  db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(
    db
      .select({ id: accountRole.accountId })
      .from(accountRole)
      .where(and(eq(accountRole.orgId, orgId), role ? eq(accountRole.role, role) : undefined))
      .groupBy(accountRole.accountId)
      .as('members'),
  );

/** The unfiltered list is what admins open most: its two statements are built once and prepared. */
const prepare = (db: Db) => ({
  page: pageQuery(db, sql.placeholder('orgId'), memberOf(sql.placeholder('orgId'))).prepare('account_page'),
  count: memberCount(db, sql.placeholder('orgId')).prepare('account_count'),
});
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

function accountFilters(ctx: Ctx, q: AccountListQuery, now: Date): SQL[] {
  const conds: (SQL | undefined)[] = [];
  if (q.q) {
    const phone = normalisePhone(q.q);
    conds.push(
      or(
        ilike(account.loginName, containing(q.q)),
        ilike(account.displayName, containing(q.q)),
        PHONE_RE.test(phone) ? eq(account.phoneHash, ctx.crypto.blindIndex(phone)) : undefined,
      ),
    );
  }
  if (q.status === 'disabled') conds.push(eq(account.disabled, true));
  if (q.status === 'locked') conds.push(and(eq(account.disabled, false), isNotNull(account.lockedUntil), gt(account.lockedUntil, now)));
  if (q.status === 'active')
    conds.push(and(eq(account.disabled, false), or(sql`${account.lockedUntil} is null`, sql`${account.lockedUntil} <= ${now}`)));
  return conds.filter((c): c is SQL => !!c);
}

/** Accounts holding a role in the actor's org: a page query and a count, whatever the page size. */
export async function listAccounts(ctx: Ctx, q: AccountListQuery): Promise<Page<AccountView>> {
  const actor = requireAccess(ctx.actor, 'account.manage');
  const now = ctx.clock.now();
  const params = { orgId: actor.orgId, limit: q.pageSize, offset: offsetOf(q) };
  const filters = accountFilters(ctx, q, now);
  let queries;
  if (filters.length === 0 && !q.role) {
    let p = prepared.get(ctx.db);
    if (!p) prepared.set(ctx.db, (p = prepare(ctx.db)));
    queries = [p.page.execute(params), p.count.execute(params)] as const;
  } else {
    const where = and(memberOf(actor.orgId, q.role), ...filters);
    queries = [
      pageQuery(ctx.db, actor.orgId, where).execute(params),
      filters.length
        ? ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(account).where(where)
        : memberCount(ctx.db, actor.orgId, q.role),
    ] as const;
  }
  const [rows, [{ total }]] = await Promise.all(queries);
  return {
    items: rows.map((r) => presentAccount(r.row, r.roles, ctx.crypto, now)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
