import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-lock-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Another server process: takes the lock with the real code, says so, then holds it until killed. */
async function holder(dataDir: string) {
  const script = path.join(tmp, `holder-${children.length}.mts`);
  fs.writeFileSync(
    script,
    `import { acquireDataDirLock } from ${JSON.stringify(pathToFileURL(path.resolve('server/db/lock.ts')).href)};
const lock = acquireDataDirLock(${JSON.stringify(dataDir)});
process.on('SIGTERM', () => { lock.release(); process.exit(0); });
console.log('locked');
setInterval(() => {}, 1000);
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`holder did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d) => String(d).includes('locked') && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`holder exited ${code}: ${err}`))));
  });
  return child;
}
const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));

it('refuses a data dir held by another live server, naming it', async () => {
  const dir = path.join(tmp, 'held');
  const child = await holder(dir);
  expect(() => acquireDataDirLock(dir)).toThrow(`数据目录 ${dir} 正被另一个协商服务（进程号 ${child.pid}）使用`);
  expect(() => acquireDataDirLock(dir)).toThrow('XIESHANG_DATA_DIR');
  // refused twice, and the holder's lock is untouched
  expect(fs.readFileSync(path.join(dir, 'xieshang.pid'), 'utf8')).toBe(String(child.pid));
});

it('takes over the lock of a server that died without cleaning up', async () => {
  const dir = path.join(tmp, 'stale');
  const child = await holder(dir);
  child.kill('SIGKILL');
  await exited(child);
  expect(fs.existsSync(path.join(dir, 'xieshang.pid'))).toBe(true); // left behind
  const lock = acquireDataDirLock(dir);
  expect(fs.readFileSync(path.join(dir, 'xieshang.pid'), 'utf8')).toBe(String(process.pid));
  lock.release();
  expect(fs.existsSync(path.join(dir, 'xieshang.pid'))).toBe(false);
});

it('is free again once the other server stops normally', async () => {
  const dir = path.join(tmp, 'stopped');
  const child = await holder(dir);
  child.kill('SIGTERM');
  await exited(child);
  expect(fs.existsSync(path.join(dir, 'xieshang.pid'))).toBe(false); // its release removed the file
  const lock = acquireDataDirLock(dir);
  lock.release();
});

it('releases only its own lock', () => {
  const dir = path.join(tmp, 'own');
  const lock = acquireDataDirLock(dir);
  fs.writeFileSync(path.join(dir, 'xieshang.pid'), '999999999'); // someone else's, e.g. after a manual clean-up
  lock.release();
  expect(fs.readFileSync(path.join(dir, 'xieshang.pid'), 'utf8')).toBe('999999999');
});
