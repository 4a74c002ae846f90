import pino from 'pino';
import { readConfigOrExit } from './config.js';
import { acquireDataDirLock } from './db/lock.js';
import { StoppedError } from './start/child.js';
import { ensureEmbeddedDatabase, loadDemoInChild } from './start/database.js';
import { checkPort, listenProblem, StartProblem } from './start/port.js';
import { ensureWebBuilt, webDist } from './web-build.js';

const config = readConfigOrExit();
const withDemo = process.argv.includes('--demo');
const log = pino({ level: config.logLevel });

/**
 * SIGINT/SIGTERM are handled from the first moment: whatever phase start-up is in, the work under way
 * stops (a child build or database load is killed) and what is open is closed, in reverse order.
 */
const stop = new AbortController();
const opened: { what: string; close: () => unknown }[] = [];
const onSignal = (signal: NodeJS.Signals) => {
  if (stop.signal.aborted) return;
  console.log(`收到 ${signal}，正在停止服务……`);
  stop.abort(new StoppedError());
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function closeAll() {
  for (const o of opened.splice(0).reverse()) {
    try {
      await o.close();
    } catch (err) {
      log.error({ err }, `closing ${o.what} failed`);
    }
  }
}

async function start(signal: AbortSignal) {
  // a taken port is told before the minutes of a first start, not after
  await checkPort(config.port, config.host);
  if (!config.databaseUrl) {
    const lock = acquireDataDirLock(config.dataDir);
    opened.push({ what: 'data-dir lock', close: () => lock.release() });
  }
  const say = (m: string) => log.info(m);
  await ensureWebBuilt(say, signal);
  if (!config.databaseUrl) await ensureEmbeddedDatabase(config.dataDir, true, { signal, log: say });
  signal.throwIfAborted();
  // the app is loaded only now, so the server process stays small while the children above run
  const [{ buildApp }, { openDeps }, { startJobs }, { activeDemoLogins, demoState, isEmpty }, { DEMO_PASSWORD }] = await Promise.all([
    import('./app.js'),
    import('./deps.js'),
    import('./core/jobs.js'),
    import('./demo/demo.js'),
    import('./demo/builders.js'),
  ]);
  const deps = await openDeps(config);
  const { database } = deps;
  opened.push({ what: 'database', close: () => database.close() });
  signal.throwIfAborted();
  if (database.kind === 'postgres' && withDemo) {
    const state = await demoState(database.db);
    if (state === 'partial')
      throw new StartProblem(`PostgreSQL 数据库（${database.location}）中的演示数据上次没有载入完整（载入中途停止）。\n请换一个空数据库，或删除并重建这个数据库，再运行 npm start -- --demo`);
    if (state === 'empty') await loadDemoInChild({ signal, log: say });
  }
  const app = await buildApp(deps, { logger: log, webDist, trustProxy: config.trustProxy });
  opened.push({ what: 'server', close: () => app.close() });
  signal.throwIfAborted();
  await app.listen({ port: config.port, host: config.host }).catch((err: NodeJS.ErrnoException) => {
    throw listenProblem(err, config.port, config.host);
  });
  const stopJobs = startJobs(deps, app.log);
  opened.push({ what: 'jobs', close: stopJobs });

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
  } else if (await isEmpty(database.db)) {
    lines.push(`  数据库为空：用 npm run cli -- create-admin 创建第一个管理员${database.kind === 'postgres' ? '，或以 npm start -- --demo 载入演示数据' : ''}`);
  }
  console.log(lines.join('\n') + '\n');
}

async function main() {
  try {
    await start(stop.signal);
    if (!stop.signal.aborted) await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
  } catch (err) {
    // a phase cut short by the stop (or a child stopped by the same Ctrl-C) is a stop, not a failure
    if (!(err instanceof StoppedError) && !stop.signal.aborted) {
      await closeAll();
      const e = err as Error;
      console.error(`\n启动失败：${e.message}\n`);
      if (!(e instanceof StartProblem) && !e.message.startsWith('数据目录')) log.error({ err });
      process.exit(1);
    }
  }
  const databaseOpen = opened.some((o) => o.what === 'database');
  await closeAll();
  console.log(databaseOpen ? '已停止，数据库已安全关闭' : '已停止');
  process.exit(0);
}

void main();
