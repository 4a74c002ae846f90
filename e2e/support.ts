import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests need Debian's chromium (.ci/run installs it); without it they are reported, not silently passed. */
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  const msg = `浏览器测试需要 ${CHROMIUM}（apt-get install chromium）`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n⚠ ${msg}；本次跳过浏览器测试。\n`);
}

export const SHOTS = path.resolve('screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export interface Server {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts the real server and waits until it is healthy; a port taken between choosing it and
 * listening on it (another process on this machine) is retried on a fresh port.
 */
export async function startHealthy(dataDir: string): Promise<Server> {
  for (let attempt = 1; ; attempt++) {
    const server = await startServer(dataDir);
    try {
      await waitForHealth(server);
      return server;
    } catch (err) {
      if (attempt >= 3 || !server.output().includes('已被占用')) throw err;
    }
  }
}

/**
 * An npm script's command (package.json), so the tests run exactly what users run: `node …` runs on
 * this Node, as npm would (`exec` only makes the shell npm runs it in hand over to it).
 */
export function npmScript(name: 'start' | 'cli'): [string, string[]] {
  const [cmd, ...args] = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts[name].replace(/^exec /, '').split(' ');
  return [cmd === 'node' ? process.execPath : path.resolve('node_modules/.bin', cmd), args];
}

/** Starts the real server (`npm start`'s command, `npm start -- …extraArgs`) on a data dir of the test's own. */
export async function startServer(dataDir: string, port?: number, extraEnv: Record<string, string> = {}, extraArgs: string[] = []): Promise<Server> {
  const p = port ?? (await freePort());
  const [cmd, args] = npmScript('start');
  const proc = spawn(cmd, [...args, ...extraArgs], {
    env: { ...process.env, XIESHANG_DATA_DIR: dataDir, PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  // 'close' comes after the output is drained, so a failed start's message is never lost
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return { proc, url: `http://127.0.0.1:${p}`, output: () => out, exited };
}

export async function waitForHealth(server: Server, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.proc.exitCode !== null || server.proc.signalCode !== null) {
      const code = await server.exited;
      throw new Error(`server exited early (code ${code}, signal ${server.proc.signalCode}):\n${server.output()}`);
    }
    try {
      const r = await fetch(`${server.url}/api/health`);
      // healthy, and the start-up banner (URL and demo logins) printed
      if (r.ok && server.output().includes('已启动')) return (await r.json()) as { database: { kind: string; state: string } };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

/** The processes a process started, and theirs (Linux /proc). */
export function descendants(pid: number): number[] {
  const kids: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const list = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) kids.push(...list.split(' ').map(Number));
    }
  } catch {
    /* the process ended meanwhile */
  }
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/**
 * The real server on a data dir of the test file's own, and a browser: started before the file's
 * tests, stopped (and the data dir removed) after them.
 */
export function demoSite(prefix: string) {
  const dataDir = tempDir(prefix);
  const site = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    site.server = await startHealthy(dataDir);
    site.browser = await launch();
  });
  afterAll(async () => {
    await site.browser?.close();
    site.server?.proc.kill('SIGTERM');
    await site.server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return site;
}

/** Signs in on the console's sign-in page. */
export async function signInConsole(page: Page, url: string, identifier: string, password = 'Xieshang@2026') {
  await page.goto(`${url}/login`);
  await page.getByPlaceholder('登录名或手机号').fill(identifier);
  await page.getByPlaceholder('密码').fill(password);
  // signed in once the console has left the sign-in page (a page opened before that would abort it)
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login', { timeout: 60_000 }), page.getByRole('button', { name: /登\s*录/ }).click()]);
}
