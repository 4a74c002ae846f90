import pino from 'pino';
import { buildApp } from './app.js';
import { readConfigOrExit } from './config.js';
import { startJobs } from './core/jobs.js';
import { acquireDataDirLock, type DataDirLock } from './db/lock.js';
import { activeDemoLogins, isEmpty, seedDemo } from './demo/demo.js';
import { DEMO_PASSWORD } from './demo/builders.js';
import { openDeps } from './deps.js';
import { ensureWebBuilt, webDist } from './web-build.js';

const config = readConfigOrExit();
const withDemo = process.argv.includes('--demo');
const log = pino({ level: config.logLevel });

async function main() {
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) lock = acquireDataDirLock(config.dataDir);
  await ensureWebBuilt((m) => log.info(m));
  const deps = await openDeps(config);
  const { database } = deps;
  if ((await isEmpty(database.db)) && (database.kind === 'pglite' || withDemo)) {
    log.info('空数据库：正在载入演示数据……');
    await seedDemo({ db: database.db, crypto: deps.crypto });
  }
  const app = await buildApp(deps, { logger: log, webDist, trustProxy: config.trustProxy });
  await app.listen({ port: config.port, host: config.host });
  const stopJobs = startJobs(deps, app.log);

  const url = `http://localhost:${config.port}`;
  const logins = await activeDemoLogins(database.db);
  const lines = [
    '',
    `  协商 Xieshang 已启动：${url}`,
    `  手机端：${url}/m/    接口文档：${url}/api/docs`,
    `  数据库：${database.kind === 'pglite' ? `内嵌 PGlite（${database.location}）` : `PostgreSQL（${database.location}）`}`,
  ];
  if (logins.length) {
    lines.push(`  演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const l of logins) lines.push(`    ${l.loginName.padEnd(14)}${l.who}`);
  } else if (database.kind === 'postgres' && (await isEmpty(database.db))) {
    lines.push('  数据库为空：用 npm run cli -- create-admin 创建第一个管理员，或以 npm start -- --demo 载入演示数据');
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`收到 ${signal}，正在停止服务……`);
    stopJobs();
    await app.close();
    await database.close();
    lock?.release();
    console.log('已停止，数据库已安全关闭');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(`\n启动失败：${err.message}\n`);
  if (!(err.message.startsWith('数据目录'))) log.error({ err });
  process.exit(1);
});
