/**
 * npm run bench — throughput and latency of the account list API against the same SQL through the
 * bare driver and against a bare Fastify route, on the real PostgreSQL and on PGlite; then the time
 * from start to a healthy /api/health on an existing data dir, and the server's peak memory.
 * A script, never a test: it prints a Markdown table for the README's performance section.
 *
 *   BENCH_SECONDS   seconds per measurement (default 10)
 *   BENCH_PG_URL    PostgreSQL server to create the benchmark database on
 *                   (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate, openPglite, openPostgres, type Database } from '../server/db/index.js';
import { buildAccount, buildAccounts, buildOrg, DEMO_PASSWORD } from '../server/demo/builders.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
/** a short untimed run first, so the JIT, the plan cache and the pools are warm */
const WARMUP_SECONDS = Math.min(2, Math.max(1, Math.round(SECONDS / 5)));
const CONNECTIONS = 50;
const ACCOUNTS = 5000;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HOST = '127.0.0.1';

interface Figures {
  rps: number;
  /** requests completed in the run */
  requests: number;
  p50: number;
  p99: number;
  /** CPU ms per request of this process's main thread (the server, or the driver loop) */
  mainCpu?: number;
  /** CPU ms per request of all PostgreSQL server processes on the machine (PostgreSQL runs only) */
  pgCpu?: number;
}
interface Row {
  name: string;
  f: Figures;
}
const rows: Row[] = [];
const notes: string[] = [];
const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const fmtCpu = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/* ------------------------------------------------------------------ CPU accounting */

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime, in clock ticks, from a /proc/.../stat line */
const ticksOf = (stat: string) => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
};
const mainThreadTicks = () => ticksOf(fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'));
/** CPU ticks so far of each PostgreSQL server process (one per connection) */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) ticks.set(Number(d), ticksOf(stat));
    } catch {
      /* gone */
    }
  }
  return ticks;
}
/** ticks spent since `before` by the processes alive now (a pool's idle connections exit meanwhile) */
const postgresTicksSince = (before: Map<number, number>) => {
  let t = 0;
  for (const [pid, ticks] of postgresTicks()) t += ticks - (before.get(pid) ?? 0);
  return t;
};

/** busy ticks of all CPUs together, from /proc/stat */
const machineBusyTicks = () => {
  const [, user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + steal;
};
const processTicks = () => ticksOf(fs.readFileSync('/proc/self/stat', 'utf8'));
/** the most CPU (in cores) that processes other than this one and PostgreSQL took during a measurement */
let othersCores = 0;

/** Runs `measure` and adds the CPU each request cost the main thread and PostgreSQL. */
async function withCpu(measure: () => Promise<Figures>): Promise<Figures> {
  const main0 = mainThreadTicks();
  const pg0 = postgresTicks();
  const machine0 = machineBusyTicks();
  const self0 = processTicks();
  const t0 = performance.now();
  const f = await measure();
  const pgTicks = postgresTicksSince(pg0);
  const others = machineBusyTicks() - machine0 - (processTicks() - self0) - pgTicks;
  othersCores = Math.max(othersCores, (others * TICK_MS) / (performance.now() - t0));
  return { ...f, mainCpu: ((mainThreadTicks() - main0) * TICK_MS) / f.requests, pgCpu: (pgTicks * TICK_MS) / f.requests };
}

/* ------------------------------------------------------------------ load generators */

/**
 * autocannon in a worker thread: in the main thread it would share one event loop with the
 * in-process server it measures and halve what that server can do.
 */
async function cannon(url: string, headers: Record<string, string> = {}, seconds = SECONDS): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, workers: 1 });
  if (r.errors > 0 || r.non2xx > 0) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
  return { rps: r.requests.average, requests: r.requests.total, p50: r.latency.p50, p99: r.latency.p99 };
}

/** `CONNECTIONS` async loops calling `run` back to back for `seconds`; latency of each call. */
async function loop(run: () => Promise<unknown>, seconds = SECONDS): Promise<Figures> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await run();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const n = latencies.length;
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(n - 1, Math.floor(n * p))];
  return { rps: n / elapsed, requests: n, p50: q(0.5), p99: q(0.99) };
}

/* ------------------------------------------------------------------ the list endpoint's SQL */

/**
 * What GET /api/accounts?page=1&pageSize=50 sends (server/modules/account/account.list.ts): two
 * prepared statements run side by side — the page, with each account's roles in the org, and the
 * number of members — written out for the bare driver.
 */
const PAGE_SQL = `select a.id, a.login_name, a.display_name, a.phone_enc, a.phone_hash, a.password_hash,
    a.must_change_password, a.failed_attempts, a.locked_until, a.disabled, a.last_login_at, a.created_at,
    coalesce((select json_agg(r.role order by r.role) from account_role r
      where r.account_id = a.id and r.org_id = $1), '[]'::json) as roles
  from account a
  where exists (select 1 from account_role r where r.account_id = a.id and r.org_id = $1)
  order by a.created_at, a.id
  limit $2 offset $3`;
const COUNT_SQL = `select count(*) from (select account_id from account_role where org_id = $1 group by account_id) members`;
/** The single-statement form (total by count(*) over ()): must compute every member before LIMIT. */
const WINDOW_SQL = `select a.id, a.login_name, a.display_name, a.phone_enc, a.phone_hash, a.password_hash,
    a.must_change_password, a.failed_attempts, a.locked_until, a.disabled, a.last_login_at, a.created_at,
    coalesce((select json_agg(r.role order by r.role) from account_role r
      where r.account_id = a.id and r.org_id = $1), '[]'::json) as roles,
    count(*) over () as total
  from account a
  where exists (select 1 from account_role r where r.account_id = a.id and r.org_id = $1)
  order by a.created_at, a.id
  limit 50`;

interface RawDriver {
  /** a named (server-side prepared) statement where the driver has them, as drizzle's `.prepare()` */
  query(name: string, text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/* ------------------------------------------------------------------ one database */

interface DbResult {
  api: Figures;
  driver: Figures;
  window: Figures;
  /** the endpoint's answer, served again as a constant by the bare Fastify benchmark */
  page: unknown;
}

async function benchDatabase(label: string, database: Database, raw: RawDriver): Promise<DbResult> {
  log(`${label}: migrating and seeding ${ACCOUNTS.toLocaleString('en-US')} accounts`);
  await migrate(database);
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  const b = { db: database.db, crypto };
  const org = await buildOrg(b, { name: '基准测试县政协' });
  const { account: admin } = await buildAccount(b, { org, roles: ['admin'] });
  await buildAccounts(b, org, ACCOUNTS);
  await database.db.execute(sql`vacuum analyze`); // what autovacuum does within a minute of a bulk load

  const app = await buildApp({ database, clock: systemClock, crypto }, { loginRateLimit: 100_000 });
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: admin.loginName, password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('xs_session='))?.split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`${label}: sign-in failed: ${login.status} ${await login.text()}`);
    const listUrl = `${address}/api/accounts?page=1&pageSize=50`;

    // the bare driver must return what the endpoint returns, or the comparison means nothing
    const page = (await (await fetch(listUrl, { headers: { cookie } })).json()) as { items: { id: string }[]; total: number };
    const params = [org.id, 50, 0];
    const [rawPage, rawCount] = await Promise.all([raw.query('bench_page', PAGE_SQL, params), raw.query('bench_count', COUNT_SQL, [org.id])]);
    const windowed = await raw.query('bench_window', WINDOW_SQL, [org.id]);
    const ids = (rs: Record<string, unknown>[]) => rs.map((r) => String(r.id)).join();
    if (page.total !== ACCOUNTS + 1 || page.items.length !== 50) throw new Error(`${label}: unexpected page: total ${page.total}, ${page.items.length} items`);
    if (ids(rawPage.rows) !== ids(page.items) || Number(rawCount.rows[0].count) !== page.total)
      throw new Error(`${label}: the raw page/count differ from the endpoint's`);
    if (ids(windowed.rows) !== ids(page.items) || Number(windowed.rows[0].total) !== page.total)
      throw new Error(`${label}: the count(*) over () form differs from the endpoint's`);

    log(`${label}: GET /api/accounts, ${CONNECTIONS} connections, ${SECONDS} s`);
    await cannon(listUrl, { cookie }, WARMUP_SECONDS);
    const api = await withCpu(() => cannon(listUrl, { cookie }));
    rows.push({ name: `${label}: GET /api/accounts?page=1&pageSize=50 (signed in, ${ACCOUNTS.toLocaleString('en-US')} accounts)`, f: api });

    log(`${label}: the same two statements through the bare driver`);
    const pageAndCount = () => Promise.all([raw.query('bench_page', PAGE_SQL, params), raw.query('bench_count', COUNT_SQL, [org.id])]);
    await loop(pageAndCount, WARMUP_SECONDS);
    const driver = await withCpu(() => loop(pageAndCount));
    rows.push({ name: `${label}: same SQL, bare driver (page + count statements in parallel)`, f: driver });

    log(`${label}: single-statement form with count(*) over () through the bare driver`);
    const single = () => raw.query('bench_window', WINDOW_SQL, [org.id]);
    await loop(single, WARMUP_SECONDS);
    const window = await withCpu(() => loop(single));
    rows.push({ name: `${label}: single statement with count(*) over (), bare driver`, f: window });
    if (label !== 'PostgreSQL') for (const f of [api, driver, window]) delete f.pgCpu; // PGlite runs in the main thread
    return { api, driver, window, page };
  } finally {
    await app.close();
  }
}

async function benchPostgres(): Promise<{ result: DbResult; version: string }> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const version = String((await admin.query('show server_version')).rows[0].server_version);
  const dbName = `xs_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const database = await openPostgres(url.toString()); // the app's pool: 10 connections
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  pool.on('error', (err) => log(`bench pool: ${err.message}`));
  try {
    const raw: RawDriver = { query: (name, text, values) => pool.query({ name, text, values }) };
    return { result: await benchDatabase('PostgreSQL', database, raw), version };
  } finally {
    await pool.end();
    await database.close();
    // pool.end() resolves before the server has seen the connections close; forcing the drop
    // earlier would make both pools report terminated connections
    for (let i = 0; i < 50; i++) {
      const { rows: open } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
      if (open[0].n === 0) break;
      await sleep(100);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchPglite(): Promise<DbResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-pglite-'));
  try {
    const database = await openPglite(dir); // the server's own PGlite settings
    try {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      const raw: RawDriver = { query: (_name, text, params) => client.query<Record<string, unknown>>(text, params) };
      return await benchDatabase('PGlite', database, raw);
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal Fastify: a constant, and (to price HTTP and JSON for the list's payload) the list's page as a constant. */
async function bareFastify(page: unknown): Promise<Figures> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  app.get('/page', async () => page);
  try {
    const address = await app.listen({ port: 0, host: HOST });
    log(`bare Fastify, ${CONNECTIONS} connections, ${SECONDS} s`);
    await cannon(address, {}, WARMUP_SECONDS);
    const f = await withCpu(() => cannon(address));
    delete f.pgCpu;
    rows.push({ name: 'bare Fastify route returning a constant', f });
    log(`bare Fastify returning the list's page as a constant, ${SECONDS} s`);
    await cannon(`${address}/page`, {}, WARMUP_SECONDS);
    const p = await withCpu(() => cannon(`${address}/page`));
    delete p.pgCpu;
    const kb = (Buffer.byteLength(JSON.stringify(page)) / 1024).toFixed(1);
    rows.push({ name: `bare Fastify route returning the list's page (${kb} KB JSON) as a constant object`, f: p });
    return f;
  } finally {
    await app.close();
  }
}

/* ------------------------------------------------------------------ start-up and memory */

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const procStatus = (pid: number, field: 'VmHWM' | 'VmRSS') => {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** Descendant processes of `pid` (tsx runs the server in a child node process). */
function descendants(pid: number): number[] {
  const kids: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(pid)) kids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

interface Server {
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  /** ms from spawn to the first 200 from /api/health */
  healthy: Promise<number>;
}

function startServer(dataDir: string, port: number, timeoutMs: number): Server {
  const t0 = performance.now();
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, XIESHANG_DATA_DIR: dataDir, PORT: String(port), HOST, LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r((exitCode = code))));
  const healthy = (async () => {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the server exited (code ${exitCode}) before answering /api/health`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`no healthy /api/health within ${timeoutMs / 1000} s`);
      try {
        const res = await fetch(`http://${HOST}:${port}/api/health`);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await sleep(20);
    }
  })();
  return { proc, output, exited, healthy };
}

async function stopServer(s: Server) {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  const kids = descendants(s.proc.pid!);
  s.proc.kill('SIGTERM'); // tsx relays it to the server, which closes the database and exits
  const timedOut = await Promise.race([s.exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    for (const pid of [s.proc.pid!, ...kids]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await s.exited;
  }
}

const rebuiltWeb = (s: Server) => s.output.join('').includes('正在构建前端') || s.output.join('').includes('正在重新构建');

interface StartupResult {
  /** VmHWM of the first start: new PGlite cluster, demo data, and the web build when it was stale */
  firstPeakMb?: number;
  firstBuiltWeb?: boolean;
  ms?: number;
  peakMb?: number;
  sampledRssMb?: number;
  /** the tsx launcher: a second node process that `npm start` keeps alive next to the server */
  launcherMb?: number;
  why?: string;
}

/** `npm start` (tsx server/main.ts) on PGlite: once to create the data dir, then timed on the existing one. */
async function startup(): Promise<StartupResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-start-'));
  const port = await freePort();
  let current: Server | undefined;
  try {
    log('start-up: first start (creates the data dir, loads the demo data; builds the web client if stale)');
    current = startServer(dir, port, 150_000);
    try {
      await current.healthy;
    } catch (err) {
      const tail = current.output.join('').trim().split('\n').slice(-6).join(' | ');
      return { why: `first start failed: ${(err as Error).message}${rebuiltWeb(current) ? ' (while building the web client)' : ''} — ${tail.slice(0, 400)}` };
    }
    await sleep(1000); // the demo-login check runs just after listen
    const firstPeakMb = Math.max(...[current.proc.pid!, ...descendants(current.proc.pid!)].map((p) => procStatus(p, 'VmHWM')));
    const firstBuiltWeb = rebuiltWeb(current);
    await stopServer(current);

    let ms = 0;
    for (let attempt = 1; ; attempt++) {
      log(`start-up: timed start on the existing data dir${attempt > 1 ? ' (again: the web client was rebuilt)' : ''}`);
      current = startServer(dir, port, 60_000);
      ms = await current.healthy;
      if (!rebuiltWeb(current) || attempt === 3) break;
      await stopServer(current); // web sources changed meanwhile (edited concurrently): not a warm start
    }
    if (rebuiltWeb(current)) notes.push('the timed start still included a web rebuild (web sources kept changing)');

    const server = [current.proc.pid!, ...descendants(current.proc.pid!)].sort((a, b) => procStatus(b, 'VmRSS') - procStatus(a, 'VmRSS'))[0];
    let sampled = 0;
    const sampler = setInterval(() => (sampled = Math.max(sampled, procStatus(server, 'VmRSS'))), 100);
    try {
      const login = await fetch(`http://${HOST}:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'admin', password: DEMO_PASSWORD }),
      });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('xs_session='))?.split(';')[0];
      if (!cookie) throw new Error(`demo admin sign-in failed: ${login.status}`);
      const loadSeconds = Math.min(4, SECONDS);
      log(`memory: ${loadSeconds} s on /api/health, then ${loadSeconds} s on the signed-in account list`);
      await cannon(`http://${HOST}:${port}/api/health`, {}, loadSeconds);
      await cannon(`http://${HOST}:${port}/api/accounts?page=1&pageSize=50`, { cookie }, loadSeconds);
    } finally {
      clearInterval(sampler);
    }
    const peakMb = procStatus(server, 'VmHWM');
    const launcherMb = server === current.proc.pid ? undefined : procStatus(current.proc.pid!, 'VmHWM');
    return { ms, peakMb, sampledRssMb: sampled, launcherMb, firstPeakMb, firstBuiltWeb };
  } finally {
    if (current) await stopServer(current);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/* ------------------------------------------------------------------ report */

async function main() {
  const t0 = performance.now();
  const { result: pgr, version: pgVersion } = await benchPostgres();
  const lite = await benchPglite();
  const bare = await bareFastify(pgr.page);
  let start: StartupResult;
  try {
    start = await startup();
  } catch (err) {
    start = { why: (err as Error).message };
  }

  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
  const cpu = os.cpus();
  const out: string[] = [];
  out.push(`### Benchmark, ${new Date().toISOString().slice(0, 10)}`, '');
  out.push(
    `Machine: ${cpu[0].model.trim()}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; PostgreSQL ${pgVersion}. ` +
      `${CONNECTIONS} concurrent connections (loops), ${SECONDS} s per figure after ${WARMUP_SECONDS} s of warm-up; load generator, server and database share the machine.`,
    '',
  );
  out.push(
    '| measurement | requests/s | p50 ms | p99 ms | main-thread CPU ms/req | PostgreSQL CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const r of rows) out.push(`| ${r.name} | ${fmt(r.f.rps)} | ${fmt(r.f.p50)} | ${fmt(r.f.p99)} | ${fmtCpu(r.f.mainCpu)} | ${fmtCpu(r.f.pgCpu)} |`);
  out.push(
    '',
    'Main-thread CPU: the server\'s event-loop thread for the HTTP rows (autocannon runs in a worker thread), the driver loops\' thread for the bare-driver rows; PGlite executes its SQL on that thread too. PostgreSQL CPU: all PostgreSQL server processes.',
    '',
  );
  out.push('| ratio / target | value | target | status |', '|---|---:|---|---|');
  const pgRatio = pgr.api.rps / pgr.driver.rps;
  out.push(`| PostgreSQL: list endpoint ÷ bare driver (requests/s) | ${pct(pgr.api.rps, pgr.driver.rps)} | ≥ 50% | ${met(pgRatio >= 0.5)} |`);
  out.push(`| PostgreSQL: list endpoint p99 | ${fmt(pgr.api.p99)} ms | < 50 ms | ${met(pgr.api.p99 < 50)} |`);
  out.push(`| PostgreSQL: list endpoint ÷ count(*) over () form | ${pct(pgr.api.rps, pgr.window.rps)} | — | — |`);
  out.push(`| PostgreSQL: list endpoint ÷ bare Fastify | ${pct(pgr.api.rps, bare.rps)} | — | — |`);
  out.push(`| PGlite: list endpoint ÷ bare driver | ${pct(lite.api.rps, lite.driver.rps)} | — | — |`);
  out.push(`| PGlite: list endpoint ÷ bare Fastify | ${pct(lite.api.rps, bare.rps)} | — | — |`);
  if (start.ms !== undefined && start.peakMb !== undefined) {
    out.push(`| start → first 200 from /api/health (tsx server/main.ts, PGlite, existing data dir) | ${(start.ms / 1000).toFixed(2)} s | < 3 s | ${met(start.ms < 3000)} |`);
    out.push(
      `| server process peak memory (VmHWM; sampled VmRSS max ${Math.round(start.sampledRssMb ?? 0)} MB${start.launcherMb ? `; the tsx launcher process adds ${Math.round(start.launcherMb)} MB` : ''}) under load on /api/health and the list | ${Math.round(start.peakMb)} MB | < 300 MB | ${met(start.peakMb < 300)} |`,
    );
    out.push(
      `| (for information) first start's peak memory: new PGlite data dir, demo data${start.firstBuiltWeb ? ', web client build' : ''} | ${Math.round(start.firstPeakMb ?? 0)} MB | — | — |`,
    );
  } else {
    out.push(`| start → first 200 from /api/health (existing data dir) | not measurable yet | < 3 s | — |`);
    out.push(`| server peak memory under load | not measurable yet | < 300 MB | — |`);
    notes.push(`start-up and memory: ${start.why}`);
  }
  if (othersCores > 0.1)
    notes.push(
      `the machine was not idle: other processes took up to ${othersCores.toFixed(2)} of the ${cpu.length} cores during a measurement (PostgreSQL CPU per request counts every PostgreSQL process, other clients' included)`,
    );
  for (const n of notes) out.push('', `Note: ${n}`);
  console.log(`\n${out.join('\n')}\n`);
  log(`done in ${Math.round((performance.now() - t0) / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
