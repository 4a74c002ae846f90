import { parseArgs, type ParseArgsConfig } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { readConfig, type Config } from './config.js';
import { pgliteDir, pgliteExists } from './db/pglite-dir.js';
import { acquireDataDirLock } from './db/lock.js';
import { openDeps } from './deps.js';
import { account, accountRole } from './modules/account/account.table.js';
import { hashPassword, passwordProblem, temporaryPassword } from './modules/account/password.js';
import { AccountCreateBody } from './modules/account/account.schema.js';
import { ORG_LEVELS, OrgCreateBody } from './modules/org/org.schema.js';
import { org } from './modules/org/org.table.js';
import { writeAudit } from './modules/audit/audit.service.js';
import { reindexStale } from './modules/search/search.reindex.js';
import { ensureEmbeddedDatabase } from './start/database.js';

const EXAMPLE = `npm run cli -- create-admin --region 420525 --org 中国人民政治协商会议远安县委员会 --short 远安县政协 --login admin --name 周立军`;

const HELP = `用法：npm run cli -- create-admin [选项]

在一个组织里创建管理员账号；数据库里还没有这个组织时，同时创建它。
  --login <登录名>         必填，如 admin
  --name <姓名>            必填，如 周立军
  --region <行政区划代码>   必填，6 位数字，如 420525；已有该组织则加入它
  --org <组织全称>          新建组织时必填，如 中国人民政治协商会议远安县委员会
  --short <简称>            新建组织时必填，如 远安县政协
  --level <级别>            新建组织时：province / city / county，默认 county
  --password <密码>        可选；不填则生成临时密码（首次登录须修改）
  --create-database        内嵌数据库（未设置 DATABASE_URL）的数据目录里还没有数据库时，新建一个（不载入演示数据）

例如：
  DATABASE_URL=postgres://… ${EXAMPLE}

数据库：设置了 DATABASE_URL 时是那台 PostgreSQL；否则是内嵌数据库，在 XIESHANG_DATA_DIR（默认 ./data）中，
与 npm start 相同（服务运行时须先停止它）。

       npm run cli -- reindex-search

按当前分词词典重建用旧词典建立的搜索索引（词典或分词规则更新后运行；已是最新则不做任何事）。
`;

/** A mistake in the command: told in one Chinese message, nothing opened or written. */
class UsageError extends Error {}

/** parseArgs with its English errors told in Chinese. */
function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = /'(-[^' ]+)/.exec(err.message)?.[1] ?? /'([^']+)'/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`不认识的选项 ${what}（npm run cli 可查看全部选项）`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`选项 ${what} 后面要跟一个值，如 ${what} 值`);
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`多余的参数“${what}”（值里有空格时请加引号）`);
    throw e;
  }
}

const missingOptions = (v: Record<string, unknown>, wanted: [name: string, label: string][]) =>
  wanted.filter(([k]) => v[k] === undefined || v[k] === '').map(([k, label]) => `--${k}（${label}）`);

/** Whether the command may open the embedded database: it must exist, or be asked for with --create-database. */
function embeddedDatabaseProblem(config: Config, create: boolean | undefined, mayCreate: boolean) {
  if (config.databaseUrl) return create ? '--create-database 只用于内嵌数据库（没有设置 DATABASE_URL 时）' : null;
  const exists = pgliteExists(config.dataDir);
  if (exists && create) return `数据目录 ${config.dataDir} 中已有数据库，不要加 --create-database`;
  if (exists || create) return null;
  return (
    `没有设置 DATABASE_URL，而数据目录 ${config.dataDir} 中还没有数据库（什么也没有创建）。\n` +
    `  要写入 PostgreSQL：DATABASE_URL=postgres://用户@主机:5432/库名 npm run cli -- …\n` +
    `  要用已有的内嵌数据库：XIESHANG_DATA_DIR=<npm start 使用的数据目录> npm run cli -- …` +
    (mayCreate ? `\n  要新建一个内嵌数据库（不载入演示数据）：加上 --create-database` : '')
  );
}

/** Opens the target database (the lock first on the embedded one; a new one made when asked), runs `work`, closes. */
async function withDatabase(config: Config, work: (deps: Awaited<ReturnType<typeof openDeps>>) => Promise<void>) {
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  try {
    if (!config.databaseUrl) await ensureEmbeddedDatabase(config.dataDir, false, { signal: new AbortController().signal, log: console.log });
    const deps = await openDeps(config);
    try {
      await work(deps);
    } finally {
      await deps.database.close();
    }
  } finally {
    lock?.release();
  }
}

/** The database written, as the server's banner names it (no password). */
function where(config: Config) {
  if (!config.databaseUrl) return `内嵌数据库（${pgliteDir(config.dataDir)}）`;
  const u = new URL(config.databaseUrl);
  return `PostgreSQL（${u.host}${u.pathname}）`;
}

async function createAdmin(argv: string[]) {
  const v = parse(argv, {
    login: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    region: { type: 'string' },
    org: { type: 'string' },
    short: { type: 'string' },
    level: { type: 'string' },
    'create-database': { type: 'boolean' },
  });
  // every check on the arguments comes before anything is opened or created
  const missing = missingOptions(v, [['login', '登录名'], ['name', '姓名'], ['region', '行政区划代码']]);
  if (missing.length) throw new UsageError(`缺少必填选项：${missing.join('、')}。\n例如：${EXAMPLE}`);
  const who = AccountCreateBody.pick({ loginName: true, displayName: true }).safeParse({ loginName: v.login, displayName: v.name });
  if (!who.success) throw new UsageError(who.error.issues.map((i) => i.message).join('；'));
  if (!/^\d{6}$/.test(v.region!)) throw new UsageError('--region 应为 6 位行政区划代码，如 420525');
  const level = v.level ?? 'county';
  if (!(ORG_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level 只能是 ${ORG_LEVELS.join('、')} 之一`);
  // --org and --short are needed only for a new org: checked here when both are given, named when missing
  const newOrg = OrgCreateBody.safeParse({ name: v.org, shortName: v.short, regionCode: v.region });
  if (v.org !== undefined && v.short !== undefined && !newOrg.success) throw new UsageError(`新建组织：${newOrg.error.issues.map((i) => i.message).join('；')}`);
  const password = v.password ?? temporaryPassword();
  const problem = passwordProblem(password, who.data.loginName);
  if (problem) throw new UsageError(`密码不符合要求：${problem}`);
  const config = readConfig();
  const dbProblem = embeddedDatabaseProblem(config, v['create-database'], true);
  if (dbProblem) throw new UsageError(dbProblem);
  const orgMissing = (why: string) => {
    const lacking = missingOptions(v, [['org', '组织全称'], ['short', '简称']]);
    return lacking.length ? new UsageError(`${why}，新建它还需要：${lacking.join('、')}。\n例如：${EXAMPLE}`) : null;
  };
  // a new database has no org yet: say so before making it
  if (v['create-database']) {
    const e = orgMissing(`新建的数据库里还没有组织`);
    if (e) throw e;
  }

  await withDatabase(config, async (deps) => {
    const db = deps.database.db;
    let [target] = await db.select().from(org).where(eq(org.regionCode, v.region!));
    if (!target) {
      const e = orgMissing(`行政区划代码 ${v.region} 的组织还不存在`);
      if (e) throw e;
      [target] = await db.insert(org).values({ ...newOrg.data!, level: level as (typeof ORG_LEVELS)[number] }).returning();
    }
    const taken = await db.select({ id: account.id }).from(account).where(sql`lower(${account.loginName}) = lower(${who.data.loginName})`);
    if (taken.length) throw new UsageError(`登录名 ${who.data.loginName} 已被使用`);
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
    console.log(`数据库：${where(config)}`);
    if (!v.password) console.log(`临时密码：${password}    首次登录须修改`);
  });
}

/** Re-segments the search rows indexed with an older dictionary (search.reindex.ts). */
async function reindexSearch(argv: string[]) {
  parse(argv, {});
  const config = readConfig();
  const dbProblem = embeddedDatabaseProblem(config, false, false);
  if (dbProblem) throw new UsageError(dbProblem);
  await withDatabase(config, async (deps) => {
    const n = await reindexStale(deps.database.db, 500, (done) => console.log(`已重建 ${done} 条……`));
    console.log(n ? `搜索索引已按新词典重建 ${n} 条` : '搜索索引已是最新，无需重建');
  });
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = { 'create-admin': createAdmin, 'reindex-search': reindexSearch };
const [command, ...rest] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || rest.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}
if (!COMMANDS[command]) {
  console.error(`不认识的命令 ${command}\n`);
  console.log(HELP);
  process.exit(1);
}
COMMANDS[command](rest).catch((err: Error) => {
  console.error(`失败：${err.message}`);
  if (!(err instanceof UsageError) && !err.message.startsWith('数据目录')) console.error(err.stack);
  process.exit(1);
});
