import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHealthy, tempDir, type Server } from './support.js';

const cli = (dataDir: string, args: string[]) =>
  spawnSync(path.resolve('node_modules/.bin/tsx'), ['server/cli.ts', ...args], {
    env: { ...process.env, XIESHANG_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });

describe('npm run cli -- create-admin', () => {
  const dataDir = tempDir('xs-cli-');
  let server: Server | undefined;
  afterAll(async () => {
    server?.proc.kill('SIGTERM');
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first org and admin; bad input is refused with a Chinese message', async () => {
    const bad = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '4205']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('6 位行政区划代码');
    const weak = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', '--password', 'admin123']);
    expect(weak.stderr).toContain('密码不符合要求');

    const ok = cli(dataDir, [
      'create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525',
      '--org', '中国人民政治协商会议远安县委员会', '--short', '远安县政协', '--level', 'county',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('已在 中国人民政治协商会议远安县委员会 创建管理员 周立军');
    const temp = /临时密码：(\S+)/.exec(ok.stdout)![1];

    const again = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525']);
    expect(again.stderr).toContain('登录名 admin 已被使用');

    server = await startHealthy(dataDir);
    expect(server.output()).not.toContain('演示账号');
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'admin', password: temp }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).mustChangePassword).toBe(true);
  });
});
