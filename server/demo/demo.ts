import { inArray, sql } from 'drizzle-orm';
import { systemClock } from '../core/clock.js';
import { rowsOf } from '../core/sql.js';
import type { Db } from '../db/index.js';
import { writeAudit } from '../modules/audit/audit.service.js';
import { org } from '../modules/org/org.table.js';
import { account } from '../modules/account/account.table.js';
import { verifyPassword } from '../modules/account/password.js';
import { buildAccount, buildOrg, DEMO_PASSWORD, type Builder } from './builders.js';
import { seedOrganisation } from './organisation.js';
import { buildPartyOrg } from './groups.js';
import { seedStructure } from './structure.js';
import { seedOpinions } from './opinions.js';
import { seedRequests } from './requests.js';
import { seedProposals } from './proposals.js';
import { seedUnits } from './units.js';

/** The demo logins, printed at start-up while their password is still the demo one. */
export const DEMO_LOGINS = [
  { loginName: 'admin', who: '周立军 · 系统管理员（远安县政协、宜昌市政协）' },
  { loginName: 'lixiulan', who: '李秀兰 · 远安县政协提案委办公室（机关干部）' },
  { loginName: 'chenzhiyuan', who: '陈志远 · 远安县政协主席（领导）' },
  { loginName: 'zhanghongmei', who: '张红梅 · 委员（远安县、宜昌市两级委员）' },
  { loginName: 'yangdeming', who: '杨德明 · 委员（提案联名人）' },
  { loginName: 'wanglei', who: '王磊 · 远安县住房和城乡建设局（承办单位）' },
  { loginName: 'sunli', who: '孙莉 · 远安县交通运输局（承办单位）' },
] as const;

export const isEmpty = async (db: Db) => (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(org))[0].n === 0;

/**
 * The demo between two audit entries, its first and its last write. (Not one transaction: the demo's
 * rows are written one statement after another, and its orderings rely on their distinct created_at.)
 */
export async function loadDemo(b: Builder) {
  const ctx = { ...b, clock: systemClock, actor: null, ip: null, userAgent: 'start-up' };
  await writeAudit(ctx, { orgId: null, actorName: '系统', action: 'demo.load', summary: '开始载入演示数据' });
  await seedDemo(b);
  await writeAudit(ctx, { orgId: null, actorName: '系统', action: 'demo.loaded', summary: '演示数据载入完成' });
}

/** empty: no org yet; partial: a demo load began and never finished (stopped or failed); else present. */
export async function demoState(db: Db): Promise<'empty' | 'partial' | 'present'> {
  if (await isEmpty(db)) return 'empty';
  const [r] = await rowsOf<{ began: boolean; ended: boolean }>(
    db,
    sql`select exists (select 1 from audit_log where action = 'demo.load') as began, exists (select 1 from audit_log where action = 'demo.loaded') as ended`,
  );
  return r.began && !r.ended ? 'partial' : 'present';
}

/** A province > city > county tree of committees with the people who work in them. */
export async function seedDemo(b: Builder) {
  const hubei = await buildOrg(b, { name: '中国人民政治协商会议湖北省委员会', shortName: '湖北省政协', level: 'province', regionCode: '420000' });
  const yichang = await buildOrg(b, { name: '中国人民政治协商会议宜昌市委员会', shortName: '宜昌市政协', level: 'city', regionCode: '420500', parentId: hubei.id });
  const yuanan = await buildOrg(b, { name: '中国人民政治协商会议远安县委员会', shortName: '远安县政协', level: 'county', regionCode: '420525', parentId: yichang.id });
  const dangyang = await buildOrg(b, { name: '中国人民政治协商会议当阳市委员会', shortName: '当阳市政协', level: 'county', regionCode: '420582', parentId: yichang.id });

  await buildAccount(b, { org: yuanan, roles: ['admin'], alsoIn: [{ org: yichang, roles: ['admin'] }], loginName: 'admin', displayName: '周立军', phone: '13971700001' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'lixiulan', displayName: '李秀兰', phone: '13971700002' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'liujing', displayName: '刘静', phone: '13971700003' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'wangxiaomei', displayName: '王晓梅', phone: '13971700006' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'zhaozhihua', displayName: '赵志华', phone: '13971700007' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'tianjing', displayName: '田静', phone: '13971700008' });
  await buildAccount(b, { org: yuanan, roles: ['staff'], loginName: 'sunjianguo', displayName: '孙建国', phone: '13971700009' });
  await buildAccount(b, { org: yuanan, roles: ['leader'], loginName: 'chenzhiyuan', displayName: '陈志远', phone: '13971700004' });
  await buildAccount(b, { org: yuanan, roles: ['leader'], loginName: 'huangwenhua', displayName: '黄文华', phone: '13971700005' });
  await buildAccount(b, { org: yuanan, roles: ['member'], alsoIn: [{ org: yichang, roles: ['member'] }], loginName: 'zhanghongmei', displayName: '张红梅', phone: '13872600011' });
  await buildAccount(b, { org: yuanan, roles: ['member'], loginName: 'yangdeming', displayName: '杨德明', phone: '13872600012' });
  await buildAccount(b, { org: yuanan, roles: ['member'], loginName: 'guohaiyan', displayName: '郭海燕', phone: '13872600013' });
  await buildAccount(b, { org: yuanan, roles: ['unit'], loginName: 'wanglei', displayName: '王磊', phone: '13907170021' });
  await buildAccount(b, { org: yuanan, roles: ['unit'], loginName: 'sunli', displayName: '孙莉', phone: '13907170022' });
  const { account: ma } = await buildAccount(b, { org: yichang, roles: ['staff'], loginName: 'maxiaodong', displayName: '马晓东', phone: '13971700031' });
  await buildAccount(b, { org: dangyang, roles: ['admin'], loginName: 'dyadmin', displayName: '何国平', phone: '13971700041' });
  await buildAccount(b, { org: hubei, roles: ['admin'], loginName: 'hbadmin', displayName: '罗春燕', phone: '13971700051' });
  await seedOrganisation(b, yuanan, yichang);
  await seedStructure(b, yuanan);
  await seedOpinions(b, yuanan, yichang);
  await seedRequests(b, yuanan.id);
  // 承办单位 (王磊 works for 县住建局, 孙莉 for 县交通局) and two sessions' proposals
  await seedProposals(b, yuanan.id, await seedUnits(b, yuanan.id));
  // 萍乡-style party organisation of the city: 党组 — 机关党组 — 机关党委 — 机关党支部
  const pg = await buildPartyOrg(b, { org: yichang, kind: 'party_group', name: '中共宜昌市政协党组' });
  const organ = await buildPartyOrg(b, { org: yichang, kind: 'organ_party_group', name: '中共宜昌市政协机关党组', parent: pg });
  const committee = await buildPartyOrg(b, { org: yichang, kind: 'organ_party_committee', name: '中共宜昌市政协机关委员会', parent: organ });
  await buildPartyOrg(b, { org: yichang, kind: 'branch', name: '中共宜昌市政协机关第一支部委员会', parent: committee, staff: [{ account: ma, role: 'secretary' }] });
}

/** Demo logins whose password is still the demo password (so the printout never lies). */
export async function activeDemoLogins(db: Db) {
  const rows = await db
    .select({ loginName: account.loginName, hash: account.passwordHash, disabled: account.disabled })
    .from(account)
    .where(inArray(account.loginName, DEMO_LOGINS.map((l) => l.loginName)));
  const ok = new Set<string>();
  // one at a time: each argon2 verification takes 19 MiB, and this runs at every start-up
  for (const r of rows) if (!r.disabled && (await verifyPassword(r.hash, DEMO_PASSWORD))) ok.add(r.loginName);
  return DEMO_LOGINS.filter((l) => ok.has(l.loginName));
}
