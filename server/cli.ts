import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { readConfig } from './config.js';
import { acquireDataDirLock } from './db/lock.js';
import { openDeps } from './deps.js';
import { account, accountRole } from './modules/account/account.table.js';
import { hashPassword, passwordProblem, temporaryPassword } from './modules/account/password.js';
import { AccountCreateBody } from './modules/account/account.schema.js';
import { OrgCreateBody, OrgLevel } from './modules/org/org.schema.js';
import { org } from './modules/org/org.table.js';
import { writeAudit } from './modules/audit/audit.service.js';
import { reindexStale } from './modules/search/search.reindex.js';

const HELP = `用法：npm run cli -- create-admin [选项]

在一个组织里创建管理员账号；数据库里还没有组织时，同时创建这个组织。
  --login <登录名>         必填，如 admin
  --name <姓名>            必填，如 周立军
  --password <密码>        可选；不填则生成临时密码（首次登录须修改）
  --region <行政区划代码>   必填，6 位数字，如 420525；已有该组织则加入它
  --org <组织全称>          新建组织时必填，如 中国人民政治协商会议远安县委员会
  --short <简称>            新建组织时必填，如 远安县政协
  --level <级别>            新建组织时：province / city / county，默认 county

       npm run cli -- reindex-search

按当前分词词典重建用旧词典建立的搜索索引（词典或分词规则更新后运行；已是最新则不做任何事）。
`;

async function createAdmin(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      region: { type: 'string' },
      org: { type: 'string' },
      short: { type: 'string' },
      level: { type: 'string', default: 'county' },
    },
  });
  const who = AccountCreateBody.pick({ loginName: true, displayName: true }).safeParse({ loginName: v.login, displayName: v.name });
  if (!who.success) throw new Error(who.error.issues.map((i) => i.message).join('；'));
  if (!v.region || !/^\d{6}$/.test(v.region)) throw new Error('请用 --region 给出 6 位行政区划代码');
  const password = v.password ?? temporaryPassword();
  const problem = passwordProblem(password, who.data.loginName);
  if (problem) throw new Error(`密码不符合要求：${problem}`);

  const config = readConfig();
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  const deps = await openDeps(config);
  try {
    const db = deps.database.db;
    const [existing] = await db.select().from(org).where(eq(org.regionCode, v.region));
    let target = existing;
    if (!target) {
      const body = OrgCreateBody.safeParse({ name: v.org, shortName: v.short, regionCode: v.region });
      if (!body.success) throw new Error(`新建组织：${body.error.issues.map((i) => i.message).join('；')}`);
      const level = OrgLevel.parse(v.level);
      [target] = await db.insert(org).values({ ...body.data, level }).returning();
    }
    const taken = await db.select({ id: account.id }).from(account).where(sql`lower(${account.loginName}) = lower(${who.data.loginName})`);
    if (taken.length) throw new Error(`登录名 ${who.data.loginName} 已被使用`);
    const [row] = await db
      .insert(account)
      .values({ ...who.data, passwordHash: await hashPassword(password), mustChangePassword: !v.password })
      .returning();
    await db.insert(accountRole).values({ orgId: target.id, accountId: row.id, role: 'admin' });
    await writeAudit(
      { db, clock: deps.clock, crypto: deps.crypto, actor: null, ip: null, userAgent: 'cli' },
      { orgId: target.id, actorName: '命令行', action: 'account.create', summary: `命令行创建管理员 ${row.displayName}（${row.loginName}）`, targetType: 'account', targetId: row.id },
    );
    console.log(`已在 ${target.name} 创建管理员 ${row.displayName}（登录名 ${row.loginName}）`);
    if (!v.password) console.log(`临时密码：${password}    首次登录须修改`);
  } finally {
    await deps.database.close();
    lock?.release();
  }
}

/** Re-segments the search rows indexed with an older dictionary (search.reindex.ts). */
async function reindexSearch() {
  const config = readConfig();
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  const deps = await openDeps(config);
  try {
    const n = await reindexStale(deps.database.db, 500, (done) => console.log(`已重建 ${done} 条……`));
    console.log(n ? `搜索索引已按新词典重建 ${n} 条` : '搜索索引已是最新，无需重建');
  } finally {
    await deps.database.close();
    lock?.release();
  }
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = { 'create-admin': createAdmin, 'reindex-search': reindexSearch };
const [command, ...rest] = process.argv.slice(2);
if (!command || !COMMANDS[command]) {
  console.log(HELP);
  process.exit(command ? 1 : 0);
}
COMMANDS[command](rest).catch((err: Error) => {
  console.error(`失败：${err.message}`);
  process.exit(1);
});
