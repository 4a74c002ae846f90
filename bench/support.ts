/**
 * What every benchmark part shares: the settings, the report being gathered, the load generators
 * and the CPU accounting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../server/demo/builders.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
/** a short untimed run first, so the JIT, the plan cache and the pools are warm */
export const WARMUP_SECONDS = Math.min(2, Math.max(1, Math.round(SECONDS / 5)));
export const CONNECTIONS = 50;
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const HOST = '127.0.0.1';

export interface Figures {
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

/** The report, filled in by the parts in the order they run. */
export const report = {
  /** measurement rows */
  rows: [] as { name: string; f: Figures }[],
  /** `| ratio / target | value | target | status |` rows, without the outer pipes */
  ratios: [] as [string, string, string, string][],
  notes: [] as string[],
  /** set once a part has used the PostgreSQL server */
  pgVersion: undefined as string | undefined,
};

export const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
export const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
export const fmtCpu = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
export const met = (ok: boolean) => (ok ? 'met' : '**not met**');
export const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
export const machine = { othersCores: 0 };

/** Runs `measure` and adds the CPU each request cost the main thread and PostgreSQL. */
export async function withCpu(measure: () => Promise<Figures>): Promise<Figures> {
  const main0 = mainThreadTicks();
  const pg0 = postgresTicks();
  const machine0 = machineBusyTicks();
  const self0 = processTicks();
  const t0 = performance.now();
  const f = await measure();
  const pgTicks = postgresTicksSince(pg0);
  const others = machineBusyTicks() - machine0 - (processTicks() - self0) - pgTicks;
  machine.othersCores = Math.max(machine.othersCores, (others * TICK_MS) / (performance.now() - t0));
  return { ...f, mainCpu: ((mainThreadTicks() - main0) * TICK_MS) / f.requests, pgCpu: (pgTicks * TICK_MS) / f.requests };
}

/* ------------------------------------------------------------------ load generators */

/**
 * autocannon in a worker thread: in the main thread it would share one event loop with the
 * in-process server it measures and halve what that server can do.
 */
export async function cannon(url: string, headers: Record<string, string> = {}, seconds = SECONDS, connections = CONNECTIONS): Promise<Figures> {
  const r = await autocannon({ url, connections, duration: seconds, headers, workers: 1 });
  if (r.errors > 0 || r.non2xx > 0)
    throw new Error(`${url}: ${r.errors} errors (${r.timeouts} timeouts after 10 s, ${r.resets} resets), ${r.non2xx} non-2xx responses; p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
  return { rps: r.requests.average, requests: r.requests.total, p50: r.latency.p50, p99: r.latency.p99 };
}

/** `connections` async loops calling `run` back to back for `seconds`; latency of each call. */
export async function loop(run: () => Promise<unknown>, seconds = SECONDS, connections = CONNECTIONS): Promise<Figures> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
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

/** A signed-in session: the cookie to send, and the CSRF token writes must carry in `x-csrf-token`. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in through the API; the session cookie and CSRF token. */
export async function signInSession(address: string, identifier: string, password = DEMO_PASSWORD): Promise<Session> {
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('xs_session='))?.split(';')[0];
  if (login.status !== 200 || !cookie) throw new Error(`sign-in as ${identifier} failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Signs in through the API; the session cookie to send. */
export const signIn = async (address: string, identifier: string, password = DEMO_PASSWORD) => (await signInSession(address, identifier, password)).cookie;
