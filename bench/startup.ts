/**
 * Start-up and memory: `npm start` (tsx server/main.ts) on PGlite, the time from spawn to a healthy
 * /api/health on an existing data dir, and the server process's peak memory under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
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
    if (rebuiltWeb(current)) report.notes.push('the timed start still included a web rebuild (web sources kept changing)');

    const server = [current.proc.pid!, ...descendants(current.proc.pid!)].sort((a, b) => procStatus(b, 'VmRSS') - procStatus(a, 'VmRSS'))[0];
    let sampled = 0;
    const sampler = setInterval(() => (sampled = Math.max(sampled, procStatus(server, 'VmRSS'))), 100);
    try {
      const cookie = await signIn(`http://${HOST}:${port}`, 'admin');
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

/** The start-up part: its two target rows (or why they could not be measured). */
export async function runStartup() {
  let start: StartupResult;
  try {
    start = await startup();
  } catch (err) {
    start = { why: (err as Error).message };
  }
  if (start.ms !== undefined && start.peakMb !== undefined) {
    report.ratios.push(
      ['start → first 200 from /api/health (tsx server/main.ts, PGlite, existing data dir)', `${(start.ms / 1000).toFixed(2)} s`, '< 3 s', met(start.ms < 3000)],
      [
        `server process peak memory (VmHWM; sampled VmRSS max ${Math.round(start.sampledRssMb ?? 0)} MB${start.launcherMb ? `; the tsx launcher process adds ${Math.round(start.launcherMb)} MB` : ''}) under load on /api/health and the list`,
        `${Math.round(start.peakMb)} MB`,
        '< 300 MB',
        met(start.peakMb < 300),
      ],
      [
        `(for information) first start's peak memory: new PGlite data dir, demo data${start.firstBuiltWeb ? ', web client build' : ''}`,
        `${Math.round(start.firstPeakMb ?? 0)} MB`,
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
