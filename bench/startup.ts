/**
 * Start-up and memory: `npm start` (package.json's command) on PGlite — the first start (web build,
 * new data dir, demo) with the peak memory of the server and of each child process it runs, then
 * the time from spawn to a healthy /api/health on the existing data dir, and the server's peak
 * memory under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { STAMP } from '../server/web-build.js';
import { cannon, HOST, log, met, report, ROOT, SECONDS, signIn, sleep } from './support.js';

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

/** Descendant processes of `pid`: the web build and the database creation at a first start. */
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

/** `npm start`'s command from package.json, run on this Node as npm would. */
function startCommand(): [string, string[]] {
  const [cmd, ...args] = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.replace(/^exec /, '').split(' ');
  return [cmd === 'node' ? process.execPath : path.join(ROOT, 'node_modules/.bin', cmd), args];
}

function startServer(dataDir: string, port: number, timeoutMs: number): Server {
  const t0 = performance.now();
  const [cmd, args] = startCommand();
  const proc = spawn(cmd, args, {
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
  s.proc.kill('SIGTERM'); // the server closes the database and exits
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

/** Peak memory of a first start, per process: the server and the one-off children it runs. */
interface FirstStart {
  ms: number;
  /** VmHWM of the server process */
  serverMb: number;
  /** VmHWM of the web build (Vite) child, of the database child (initdb, migrations, demo) */
  buildMb: number;
  databaseMb: number;
  /** the largest sum of the VmRSS of all the processes at one moment (sampled every 100 ms) */
  treeMb: number;
}

/**
 * Samples the process tree of a start until it is healthy: each process's VmHWM (kept from its
 * last sample, so children that have exited count) and the sum of their VmRSS.
 */
function sampleTree(root: number) {
  const peaks = new Map<number, { mb: number; what: string }>();
  let treeMb = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of [root, ...descendants(root)]) {
      const mb = procStatus(pid, 'VmHWM');
      if (!mb) continue;
      sum += procStatus(pid, 'VmRSS');
      const what = peaks.get(pid)?.what ?? (fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '');
      peaks.set(pid, { mb: Math.max(mb, peaks.get(pid)?.mb ?? 0), what });
    }
    treeMb = Math.max(treeMb, sum);
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const peakOf = (re: RegExp) => Math.max(0, ...[...peaks.values()].filter((p) => re.test(p.what)).map((p) => p.mb));
      return { serverMb: peaks.get(root)?.mb ?? 0, buildMb: peakOf(/vite/), databaseMb: peakOf(/database\.child/), treeMb };
    },
  };
}

interface StartupResult {
  first?: FirstStart;
  ms?: number;
  peakMb?: number;
  sampledRssMb?: number;
  why?: string;
}

/** `npm start` on PGlite: a first start (web build, new data dir, demo), then timed on the existing data dir. */
async function startup(): Promise<StartupResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-start-'));
  const port = await freePort();
  let current: Server | undefined;
  try {
    log('start-up: first start (builds the web client, creates the data dir, loads the demo data)');
    fs.rmSync(STAMP, { force: true }); // a first start from a fresh clone builds the web client
    current = startServer(dir, port, 300_000);
    const sampler = sampleTree(current.proc.pid!);
    let firstMs: number;
    try {
      firstMs = await current.healthy;
    } catch (err) {
      sampler.stop();
      const tail = current.output.join('').trim().split('\n').slice(-6).join(' | ');
      return { why: `first start failed: ${(err as Error).message}${rebuiltWeb(current) ? ' (while building the web client)' : ''} — ${tail.slice(0, 400)}` };
    }
    await sleep(1000); // the demo-login check runs just after listen
    const first = { ms: firstMs, ...sampler.stop() };
    await stopServer(current);

    let ms = 0;
    for (let attempt = 1; ; attempt++) {
      log(`start-up: timed start on the existing data dir${attempt > 1 ? ' (again: the web client was rebuilt)' : ''}`);
      current = startServer(dir, port, 60_000);
      ms = await current.healthy;
      if (!rebuiltWeb(current) || attempt === 3) break;
      await stopServer(current); // web sources changed meanwhile (edited concurrently): not a warm start
    }
    if (rebuiltWeb(current)) report.notes.push('the timed start still included a web rebuild (web sources kept changing)');

    const server = current.proc.pid!;
    let sampled = 0;
    const sampler2 = setInterval(() => (sampled = Math.max(sampled, procStatus(server, 'VmRSS'))), 100);
    try {
      const cookie = await signIn(`http://${HOST}:${port}`, 'admin');
      const loadSeconds = Math.min(4, SECONDS);
      log(`memory: ${loadSeconds} s on /api/health, then ${loadSeconds} s on the signed-in account list`);
      await cannon(`http://${HOST}:${port}/api/health`, {}, loadSeconds);
      await cannon(`http://${HOST}:${port}/api/accounts?page=1&pageSize=50`, { cookie }, loadSeconds);
    } finally {
      clearInterval(sampler2);
    }
    return { ms, peakMb: procStatus(server, 'VmHWM'), sampledRssMb: sampled, first };
  } finally {
    if (current) await stopServer(current);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The start-up part: its two target rows (or why they could not be measured). */
export async function runStartup() {
  let start: StartupResult;
  try {
    start = await startup();
  } catch (err) {
    start = { why: (err as Error).message };
  }
  if (start.ms !== undefined && start.peakMb !== undefined && start.first) {
    const f = start.first;
    report.ratios.push(
      ['start → first 200 from /api/health (npm start, PGlite, existing data dir)', `${(start.ms / 1000).toFixed(2)} s`, '< 3 s', met(start.ms < 3000)],
      [
        `server process peak memory (VmHWM; sampled VmRSS max ${Math.round(start.sampledRssMb ?? 0)} MB) under load on /api/health and the list`,
        `${Math.round(start.peakMb)} MB`,
        '< 300 MB',
        met(start.peakMb < 300),
      ],
      [
        `first start (web build, new PGlite data dir, demo data; ${(f.ms / 1000).toFixed(1)} s): peak memory (VmHWM) of the server process / of the web build child / of the database child (initdb, migrations, demo); all processes together at one moment (sampled VmRSS)`,
        `${Math.round(f.serverMb)} / ${Math.round(f.buildMb)} / ${Math.round(f.databaseMb)} MB; ${Math.round(f.treeMb)} MB`,
        '—',
        '—',
      ],
    );
  } else {
    report.ratios.push(
      ['start → first 200 from /api/health (existing data dir)', 'not measurable yet', '< 3 s', '—'],
      ['server peak memory under load', 'not measurable yet', '< 300 MB', '—'],
    );
    report.notes.push(`start-up and memory: ${start.why}`);
  }
}
