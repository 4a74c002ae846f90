import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { acquireDataDirLock } from './lock.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('refuses a data dir held by another live process, and takes over a dead one’s lock', async () => {
  const holder = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(path.join(dir, 'xieshang.pid'))}, String(process.pid)); setInterval(() => {}, 1000)`]);
  await new Promise((r) => setTimeout(r, 300));
  expect(() => acquireDataDirLock(dir)).toThrow(`正被另一个协商服务（进程号 ${holder.pid}）使用`);
  holder.kill('SIGKILL');
  await new Promise((r) => holder.on('exit', r));
  const lock = acquireDataDirLock(dir); // the holder died without cleaning up
  expect(fs.readFileSync(path.join(dir, 'xieshang.pid'), 'utf8')).toBe(String(process.pid));
  lock.release();
  expect(fs.existsSync(path.join(dir, 'xieshang.pid'))).toBe(false);
});
