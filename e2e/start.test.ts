import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHealthy, startServer, tempDir, type Server } from './support.js';

/** `npm start` as a user runs it: embedded database, demo data, restart, second start, clean stop. */
describe('start', () => {
  const dataDir = tempDir('xs-start-');
  const running: Server[] = [];
  afterAll(() => {
    for (const s of running) s.proc.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data dir with demo data, refuses a second start, stops cleanly and keeps data', async () => {
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
    const cookie = (
      await fetch(`${again.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'admin', password: 'Xieshang@2026' }),
      })
    ).headers.get('set-cookie')!;
    const audit = await (await fetch(`${again.url}/api/audit?action=auth.login`, { headers: { cookie: cookie.split(';')[0] } })).json();
    expect(audit.total).toBe(2); // the sign-in before the restart is still there
    again.proc.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });
});
