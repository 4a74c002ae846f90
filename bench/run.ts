/**
 * npm run bench — throughput and latency of the API against the bare driver and bare Fastify, on the
 * real PostgreSQL and on PGlite; then start-up time and peak memory of the real server. A script,
 * never a test: it prints figures for the README's performance section.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate, openPglite, openPostgres, type Database } from '../server/db/index.js';
import { buildAccount, buildAccounts, buildOrg, DEMO_PASSWORD } from '../server/demo/builders.js';
import { ensureWebBuilt } from '../server/web-build.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}
const rows: { name: string; f: Figures }[] = [];
const fmt = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));

async function cannon(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** The list endpoint's two queries (the page with roles, and the total), written out for the bare driver. */
const PAGE_SQL = `select a.*, coalesce((select json_agg(r.role order by r.role) from account_role r
    where r.account_id = a.id and r.org_id = $1), '[]'::json) as roles
  from account a where exists (select 1 from account_role r where r.account_id = a.id and r.org_id = $1)
  order by a.created_at, a.id limit 50 offset 0`;
const COUNT_SQL = `select count(*) from (select account_id from account_role where org_id = $1 group by account_id) m`;

async function loop(run: () => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return { rps: latencies.length / SECONDS, p50: q(0.5), p99: q(0.99) };
}

async function benchDatabase(label: string, database: Database, raw: (sql: string, params: unknown[]) => Promise<unknown>) {
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  await migrate(database);
  const b = { db: database.db, crypto };
  const org = await buildOrg(b, { name: '基准测试县政协', regionCode: '429999' });
  await buildAccount(b, { org, roles: ['admin'], loginName: 'benchadmin' });
  await buildAccounts(b, org, 5000);
  await raw('analyze', []); // what autovacuum does within a minute of a bulk load
  const app = await buildApp({ database, clock: systemClock, crypto }, { loginRateLimit: 1_000_000 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'benchadmin', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const api = await cannon(`${address}/api/accounts?page=1&pageSize=50`, { cookie });
  rows.push({ name: `${label}: GET /api/accounts (5,000 accounts, page of 50)`, f: api });
  const driver = await loop(() => Promise.all([raw(PAGE_SQL, [org.id]), raw(COUNT_SQL, [org.id])]));
  rows.push({ name: `${label}: same query, bare driver`, f: driver });
  await app.close();
  return { api, driver };
}

async function bareFastify() {
  const app = Fastify();
  app.get('/', async () => ({ ok: true }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const f = await cannon(address);
  await app.close();
  rows.push({ name: 'bare Fastify route returning a constant', f });
  return f;
}

const peakMemoryMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
};

/** Time from `npm start` to the first healthy answer, on a data dir that already exists. */
async function startup() {
  await ensureWebBuilt(() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-start-'));
  const port = 3900 + Math.floor(Math.random() * 50);
  const start = () => {
    const t0 = performance.now();
    const proc = spawn(path.resolve('node_modules/.bin/tsx'), ['server/main.ts'], {
      env: { ...process.env, XIESHANG_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    const healthy = (async () => {
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return performance.now() - t0;
        } catch {
          /* not yet */
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    return { proc, healthy };
  };
  const stop = (proc: ReturnType<typeof spawn>) => new Promise((r) => (proc.kill('SIGTERM'), proc.on('exit', r)));
  const first = start(); // creates the data dir and loads demo data
  await first.healthy;
  await stop(first.proc);
  const second = start();
  const ms = await second.healthy;
  // the server process is tsx's child: find it to read its memory
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'admin', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  await autocannon({ url: `http://127.0.0.1:${port}/api/accounts?pageSize=50`, connections: CONNECTIONS, duration: 5, headers: { cookie } });
  const pids = [second.proc.pid!, ...childPids(second.proc.pid!)];
  const peak = Math.max(...pids.map(peakMemoryMb));
  await stop(second.proc);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, peak };
}

function childPids(pid: number): number[] {
  const kids = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
  return kids.flatMap((k) => [k, ...childPids(k)]);
}

async function main() {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const pgVersion = (await admin.query('show server_version')).rows[0].server_version as string;
  const dbName = `xs_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  let pgFigures;
  try {
    const database = await openPostgres(url.toString());
    const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
    pool.on('error', () => undefined);
    pgFigures = await benchDatabase('PostgreSQL', database, (q, p) => pool.query(q, p));
    await pool.end();
    await database.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }

  const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-pglite-'));
  const lite = await openPglite(liteDir);
  const client = (lite.db as unknown as { $client: { query(q: string, p: unknown[]): Promise<unknown> } }).$client;
  const liteFigures = await benchDatabase('PGlite', lite, (q, p) => client.query(q, p));
  await lite.close();
  fs.rmSync(liteDir, { recursive: true, force: true });

  const bare = await bareFastify();
  const start = await startup();

  const pgRatio = pgFigures.api.rps / pgFigures.driver.rps;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const cpu = os.cpus();
  console.log(`\n### Benchmark ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Machine: ${cpu[0].model}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; PostgreSQL ${pgVersion}; ${CONNECTIONS} connections, ${SECONDS} s each.\n`);
  console.log('| what | requests/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${fmt(r.f.rps)} | ${fmt(r.f.p50)} | ${fmt(r.f.p99)} |`);
  console.log('\n| ratio / target | value | target |');
  console.log('|---|---:|---|');
  console.log(`| PostgreSQL: list endpoint ÷ bare driver | ${(pgRatio * 100).toFixed(0)}% | ≥ 50%: ${met(pgRatio >= 0.5)} |`);
  console.log(`| PostgreSQL: list endpoint p99 | ${fmt(pgFigures.api.p99)} ms | < 50 ms: ${met(pgFigures.api.p99 < 50)} |`);
  console.log(`| PostgreSQL: list endpoint ÷ bare Fastify | ${((pgFigures.api.rps / bare.rps) * 100).toFixed(1)}% | — |`);
  console.log(`| PGlite: list endpoint ÷ bare driver | ${((liteFigures.api.rps / liteFigures.driver.rps) * 100).toFixed(0)}% | — |`);
  console.log(`| npm start → first healthy /api/health (existing data dir) | ${(start.ms / 1000).toFixed(2)} s | < 3 s: ${met(start.ms < 3000)} |`);
  console.log(`| server peak memory (VmHWM, under load) | ${Math.round(start.peak)} MB | < 300 MB: ${met(start.peak < 300)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
