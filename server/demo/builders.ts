import type { FieldCrypto } from '../core/crypto.js';
import type { Db } from '../db/index.js';
import { account, accountRole, type Role } from '../modules/account/account.table.js';
import { hashPassword } from '../modules/account/password.js';
import { org } from '../modules/org/org.table.js';
import { committee, committeeSector, sector } from '../modules/sector/sector.table.js';
import { term } from '../modules/term/term.table.js';
import { termName } from '../modules/term/term.schema.js';
import { member, memberCommittee, memberTerm, person } from '../modules/member/member.table.js';
import type { MEMBER_POSITIONS, PARTIES } from '../modules/member/member.schema.js';
import { pinyinOf } from '../modules/member/member.service.js';

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

export async function buildSector(b: Builder, s: { org?: OrgRow; name?: string; sort?: number } = {}) {
  const home = s.org ?? (await buildOrg(b));
  const [row] = await b.db.insert(sector).values({ orgId: home.id, name: s.name ?? `界别${next()}`, sort: s.sort ?? 0 }).returning();
  return row;
}

export async function buildCommittee(b: Builder, s: { org?: OrgRow; name?: string; shortName?: string; sectors?: { id: string }[]; sort?: number } = {}) {
  const home = s.org ?? (await buildOrg(b));
  const n = next();
  const [row] = await b.db
    .insert(committee)
    .values({ orgId: home.id, name: s.name ?? `专门委员会${n}`, shortName: s.shortName ?? `专委${n}`, sort: s.sort ?? 0 })
    .returning();
  if (s.sectors?.length) await b.db.insert(committeeSector).values(s.sectors.map((x) => ({ orgId: home.id, committeeId: row.id, sectorId: x.id })));
  return row;
}

export async function buildTerm(b: Builder, s: { org?: OrgRow; number?: number; startDate?: string; isCurrent?: boolean } = {}) {
  const home = s.org ?? (await buildOrg(b));
  const number = s.number ?? 10;
  const [row] = await b.db
    .insert(term)
    .values({ orgId: home.id, number, name: termName(number), startDate: s.startDate ?? '2022-01-10', isCurrent: s.isCurrent ?? true })
    .returning();
  return row;
}

export interface MemberSpec {
  org?: OrgRow;
  sector?: { id: string };
  name?: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  party?: (typeof PARTIES)[number];
  standing?: boolean;
  position?: (typeof MEMBER_POSITIONS)[number];
  workUnit?: string;
  phone?: string;
  idNumber?: string;
  committees?: { id: string }[];
  terms?: { id: string }[];
  /** an existing person (a member of another org too) */
  person?: { id: string };
  /** the person's sign-in account */
  accountId?: string;
  ethnicity?: string;
}

/** A member with the person, org and sector it needs. */
export async function buildMember(b: Builder, s: MemberSpec = {}) {
  const home = s.org ?? (await buildOrg(b));
  const sec = s.sector ?? (await buildSector(b, { org: home }));
  const n = next();
  const name = s.name ?? `委员${n}`;
  const p =
    s.person ??
    (
      await b.db
        .insert(person)
        .values({
          name,
          ...pinyinOf(name),
          gender: s.gender ?? (n % 2 ? 'male' : 'female'),
          birthDate: s.birthDate ?? null,
          ethnicity: s.ethnicity ?? '汉族',
          accountId: s.accountId ?? null,
          phoneEnc: s.phone ? b.crypto.encrypt(s.phone) : null,
          phoneHash: s.phone ? b.crypto.blindIndex(s.phone) : null,
          idNumberEnc: s.idNumber ? b.crypto.encrypt(s.idNumber) : null,
          idNumberHash: s.idNumber ? b.crypto.blindIndex(s.idNumber) : null,
        })
        .returning()
    )[0];
  const [m] = await b.db
    .insert(member)
    .values({
      orgId: home.id,
      personId: p.id,
      sectorId: sec.id,
      party: s.party ?? '无党派',
      standing: s.standing ?? false,
      position: s.position ?? 'member',
      workUnit: s.workUnit ?? '',
    })
    .returning();
  if (s.committees?.length) await b.db.insert(memberCommittee).values(s.committees.map((c) => ({ orgId: home.id, memberId: m.id, committeeId: c.id })));
  if (s.terms?.length) await b.db.insert(memberTerm).values(s.terms.map((t) => ({ orgId: home.id, memberId: m.id, termId: t.id })));
  return { member: m, person: p, org: home };
}
