import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, readWebBuildStamp, STAMP, webDist } from '../server/web-build.js';
import { descendants, startHealthy, startServer, tempDir, type Server } from './support.js';

const signIn = async (url: string, identifier: string) =>
  (
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, password: 'Xieshang@2026' }),
    })
  ).headers
    .get('set-cookie')!
    .split(';')[0];

const total = async (url: string, cookie: string, list: string) => ((await (await fetch(`${url}${list}`, { headers: { cookie } })).json()) as { total: number }).total;

/** The scripts of the console and phone pages the server sends to a browser. */
async function servedScripts(url: string) {
  const code: string[] = [];
  for (const page of ['/', '/m/']) {
    const html = await (await fetch(`${url}${page}`)).text();
    for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) code.push(await (await fetch(new URL(src, `${url}${page}`))).text());
  }
  return code;
}

/** Output appears: the phase the server is in. */
async function waitForOutput(server: Server, text: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (server.proc.exitCode !== null || Date.now() > deadline) throw new Error(`no "${text}" in:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const gone = (pid: number) => !fs.existsSync(`/proc/${pid}`) || fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** The PostgreSQL server .ci/run starts; without it (a developer machine) that test is skipped with a warning. */
const PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = new pg.Client({ connectionString: PG });
const pgReachable = await probe.connect().then(
  () => probe.end().then(() => true),
  () => false,
);
if (!pgReachable && process.env.CI) throw new Error(`PostgreSQL (${PG}) is needed for the start test on PostgreSQL`);
if (!pgReachable) console.warn(`\n⚠ PostgreSQL (${PG}) not reachable: the start test on PostgreSQL is skipped.\n`);

/** `npm start` as a user runs it: embedded database, demo data, restart, second start, clean stop. */
describe('start', () => {
  const dirs: string[] = [];
  const running: Server[] = [];
  const dir = (prefix: string) => {
    dirs.push(tempDir(prefix));
    return dirs[dirs.length - 1];
  };
  afterAll(() => {
    for (const s of running) s.proc.kill('SIGKILL');
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('starts on an empty data dir with demo data, refuses a second start, stops cleanly and keeps data', async () => {
    const dataDir = dir('xs-start-');
    const first = await startHealthy(dataDir);
    running.push(first);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { database: object };
    expect(health.database).toMatchObject({ kind: 'pglite', state: 'ok' });
    expect(first.output()).toContain('演示账号');
    expect(first.output()).toMatch(/admin\s+周立军/);

    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'admin', password: 'Xieshang@2026' }),
    });
    expect(login.status).toBe(200);

    // the bundle users get: React's production build, stamped as such (the browser tests' global
    // setup built it under Vitest's NODE_ENV=test, and `npm start` did not build it again)
    expect(readWebBuildStamp()?.mode).toBe('production');
    const scripts = await servedScripts(first.url);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const code of scripts) expect(code).not.toContain('jsxDEV');

    const second = await startServer(dataDir);
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个协商服务');
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('数据库已安全关闭');
    expect(fs.existsSync(path.join(dataDir, 'xieshang.pid'))).toBe(false);

    const again = await startHealthy(dataDir);
    running.push(again);
    expect(again.output()).not.toContain('正在载入演示数据');
    const cookie = await signIn(again.url, 'admin');
    const audit = await (await fetch(`${again.url}/api/audit?action=auth.login`, { headers: { cookie } })).json();
    expect(audit.total).toBe(2); // the sign-in before the restart is still there
    again.proc.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('tells a taken port at once, before building, creating the database or loading the demo', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const dataDir = dir('xs-port-');
      const started = Date.now();
      const server = await startServer(dataDir, port, { LOG_LEVEL: 'info' });
      running.push(server);
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`端口 ${port} 已被占用`);
      expect(server.output()).toContain('PORT=');
      expect(server.output()).not.toMatch(/构建前端|创建内嵌数据库|演示数据/);
      expect(fs.readdirSync(dataDir)).toEqual([]); // no lock, key or database left behind
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      blocker.close();
    }
  });

  it('stops cleanly during the web build and during the demo load; the next start builds and loads the whole demo', async () => {
    const dataDir = dir('xs-stop-');
    const pidFile = path.join(dataDir, 'xieshang.pid');
    // as after a change to the web sources: the first start builds the web client
    fs.rmSync(STAMP, { force: true });

    const building = await startServer(dataDir, undefined, { LOG_LEVEL: 'info' });
    running.push(building);
    await waitForOutput(building, '正在构建前端');
    const builders = descendants(building.proc.pid!);
    expect(builders.length).toBeGreaterThan(0); // the bundler runs in a child process
    building.proc.kill('SIGTERM');
    expect(await building.exited).toBe(0);
    expect(building.output()).toContain('已停止');
    expect(fs.existsSync(pidFile)).toBe(false);
    for (const pid of builders) expect(gone(pid), `bundler process ${pid} still running`).toBe(true);
    expect(readWebBuildStamp()).toBeNull();

    const loading = await startServer(dataDir, undefined, { LOG_LEVEL: 'info' });
    running.push(loading);
    await waitForOutput(loading, '正在载入演示数据');
    const loaders = descendants(loading.proc.pid!);
    loading.proc.kill('SIGTERM');
    expect(await loading.exited).toBe(0);
    expect(loading.output()).toContain('已停止');
    expect(fs.existsSync(pidFile)).toBe(false);
    for (const pid of loaders) expect(gone(pid), `demo loader ${pid} still running`).toBe(true);
    // the half-loaded database was never moved into place
    expect(fs.readdirSync(dataDir).filter((f) => f !== 'field.key')).toEqual([]);

    const next = await startHealthy(dataDir);
    running.push(next);
    expect(next.output()).toMatch(/sunli\s+孙莉/);
    const admin = await signIn(next.url, 'admin');
    expect(await total(next.url, admin, '/api/members?pageSize=1')).toBe(172);
    expect(await total(next.url, admin, '/api/requests?pageSize=1')).toBe(60);
    expect(await total(next.url, await signIn(next.url, 'lixiulan'), '/api/proposals?pageSize=1')).toBe(37);

    // the bundle `npm start` built is the production one, and the browser tests' global setup
    // (under Vitest's NODE_ENV=test) takes it as it is
    expect(readWebBuildStamp()?.mode).toBe('production');
    for (const code of await servedScripts(next.url)) expect(code).not.toContain('jsxDEV');
    const before = fs.statSync(path.join(webDist, 'index.html')).mtimeMs;
    expect(process.env.NODE_ENV).toBe('test');
    expect(await ensureWebBuilt(() => undefined)).toBe(false);
    expect(fs.statSync(path.join(webDist, 'index.html')).mtimeMs).toBe(before);
    next.proc.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it.runIf(pgReachable)('on PostgreSQL, a demo load stopped half-way is not taken for a loaded demo by the next npm start -- --demo', async () => {
    const name = `xs_start_demo_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG);
    url.pathname = `/${name}`;
    try {
      const env = { DATABASE_URL: url.toString(), LOG_LEVEL: 'info' };
      const loading = await startServer(dir('xs-pg-'), undefined, env, ['--demo']);
      running.push(loading);
      await waitForOutput(loading, '正在载入演示数据');
      // stopped once the demo's first rows are in
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      while (Number((await db.query('select count(*) from org')).rows[0].count) === 0) await new Promise((r) => setTimeout(r, 50));
      await db.end();
      loading.proc.kill('SIGTERM');
      expect(await loading.exited).toBe(0);
      expect(loading.output()).toContain('已停止，数据库已安全关闭');

      const next = await startServer(dir('xs-pg-'), undefined, env, ['--demo']);
      running.push(next);
      expect(await Promise.race([next.exited, new Promise((r) => setTimeout(() => r('still running'), 60_000))])).toBe(1);
      expect(next.output()).toContain('中的演示数据上次没有载入完整');
      expect(next.output()).toContain('删除并重建这个数据库');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
