import type { FieldCrypto } from '../core/crypto.js';
import type { Db } from '../db/index.js';
import { account, accountRole, type Role } from '../modules/account/account.table.js';
import { hashPassword } from '../modules/account/password.js';
import { org } from '../modules/org/org.table.js';

/**
 * Builders fill in their own parents: `buildAccount()` makes the org it needs. The same builders
 * make the demo data, the API-test fixtures and the browser-test fixtures.
 */
export interface Builder {
  db: Db;
  crypto: FieldCrypto;
}

export const DEMO_PASSWORD = 'Xieshang@2026';

const hashes = new Map<string, Promise<string>>();
/** argon2 is slow on purpose; builders hash each distinct password once. */
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

let seq = 0;
const next = () => ++seq;

export type OrgRow = typeof org.$inferSelect;
export type AccountRow = typeof account.$inferSelect;

export async function buildOrg(b: Builder, o: Partial<typeof org.$inferInsert> = {}): Promise<OrgRow> {
  const n = next();
  const [row] = await b.db
    .insert(org)
    .values({
      name: o.name ?? `测试县政协${n}`,
      shortName: o.shortName ?? `测试县${n}`,
      level: o.level ?? 'county',
      regionCode: o.regionCode ?? String(900000 + ((n * 7919 + process.pid) % 99999)).padStart(6, '0'),
      parentId: o.parentId ?? null,
      settings: o.settings ?? {},
    })
    .returning();
  return row;
}

export interface AccountSpec {
  org?: OrgRow;
  roles?: Role[];
  /** extra orgs and roles: a person working in several orgs */
  alsoIn?: { org: OrgRow; roles: Role[] }[];
  loginName?: string;
  displayName?: string;
  phone?: string;
  password?: string;
  mustChangePassword?: boolean;
}

export async function buildAccount(b: Builder, s: AccountSpec = {}) {
  const home = s.org ?? (await buildOrg(b));
  const n = next();
  const password = s.password ?? DEMO_PASSWORD;
  const [row] = await b.db
    .insert(account)
    .values({
      loginName: s.loginName ?? `user${n}_${Math.random().toString(36).slice(2, 7)}`,
      displayName: s.displayName ?? `测试用户${n}`,
      phoneEnc: s.phone ? b.crypto.encrypt(s.phone) : null,
      phoneHash: s.phone ? b.crypto.blindIndex(s.phone) : null,
      passwordHash: await hashOnce(password),
      mustChangePassword: s.mustChangePassword ?? false,
    })
    .returning();
  const grants = [{ org: home, roles: s.roles ?? ['member'] }, ...(s.alsoIn ?? [])];
  const values = grants.flatMap((g) => g.roles.map((role) => ({ orgId: g.org.id, accountId: row.id, role })));
  if (values.length) await b.db.insert(accountRole).values(values);
  return { account: row, org: home, password };
}

/** Many accounts in one org, in batches (benchmarks, pagination tests). */
export async function buildAccounts(b: Builder, home: OrgRow, count: number, role: Role = 'member') {
  const passwordHash = await hashOnce(DEMO_PASSWORD);
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = ['建国', '秀兰', '志强', '红梅', '海燕', '文华', '晓东', '丽娟', '国平', '春燕', '德明', '玉芳'];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const k = start + i;
      return {
        loginName: `m${home.regionCode}_${k}`,
        displayName: `${surnames[k % surnames.length]}${given[k % given.length]}`,
        passwordHash,
        mustChangePassword: false,
      };
    });
    const rows = await b.db.insert(account).values(batch).returning({ id: account.id });
    await b.db.insert(accountRole).values(rows.map((r) => ({ orgId: home.id, accountId: r.id, role })));
  }
}
