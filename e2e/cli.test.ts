import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmScript, startHealthy, tempDir, type Server } from './support.js';

/** `npm run cli -- …` as an admin runs it, without DATABASE_URL, on a data dir of the test's own. */
const cli = (dataDir: string, args: string[]) => {
  const [cmd, script] = npmScript('cli');
  return spawnSync(cmd, [...script, ...args], { env: { ...process.env, DATABASE_URL: '', XIESHANG_DATA_DIR: dataDir }, encoding: 'utf8' });
};
const ORG = ['--org', '中国人民政治协商会议远安县委员会', '--short', '远安县政协'];

describe('npm run cli -- create-admin', () => {
  const dataDir = tempDir('xs-cli-');
  let server: Server | undefined;
  afterAll(async () => {
    server?.proc.kill('SIGTERM');
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the missing or wrong options in Chinese, with an example, and creates nothing', () => {
    const none = cli(dataDir, ['create-admin']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('缺少必填选项：--login（登录名）、--name（姓名）、--region（行政区划代码）');
    expect(none.stderr).toContain('例如：npm run cli -- create-admin --region 420525');
    expect(none.stderr).not.toMatch(/Invalid input|expected string/);

    const noOrg = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', '--create-database']);
    expect(noOrg.status).toBe(1);
    expect(noOrg.stderr).toContain('新建它还需要：--org（组织全称）、--short（简称）');
    expect(noOrg.stderr).not.toMatch(/Invalid input|expected string/);
    const noShort = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', '--create-database', '--org', '中国人民政治协商会议远安县委员会']);
    expect(noShort.stderr).toContain('新建它还需要：--short（简称）。');

    expect(cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '4205']).stderr).toContain('6 位行政区划代码');
    expect(cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', '--password', 'admin123']).stderr).toContain('密码不符合要求');
    expect(cli(dataDir, ['create-admin', '--login', 'admin', '--nmae', '周立军']).stderr).toContain('不认识的选项 --nmae');
    expect(cli(dataDir, ['create-admin', '--region']).stderr).toContain('选项 --region 后面要跟一个值');
    expect(cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', ...ORG, '--level', 'town']).stderr).toContain('--level 只能是 province、city、county');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('without DATABASE_URL on a data dir without a database, creates nothing unless --create-database is given', () => {
    // as in a checkout whose ./data does not exist, for an admin who forgot DATABASE_URL
    const checkout = tempDir('xs-checkout-');
    const data = path.join(checkout, 'data');
    try {
      const mistaken = cli(data, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', ...ORG]);
      expect(mistaken.status).toBe(1);
      expect(mistaken.stderr).toContain(`数据目录 ${data} 中还没有数据库（什么也没有创建）`);
      expect(mistaken.stderr).toContain('DATABASE_URL=postgres://');
      expect(mistaken.stderr).toContain('--create-database');
      expect(fs.readdirSync(checkout)).toEqual([]); // no stray data dir
      const reindex = cli(data, ['reindex-search']);
      expect(reindex.status).toBe(1);
      expect(reindex.stderr).toContain('中还没有数据库');
      expect(fs.readdirSync(checkout)).toEqual([]);
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('creates the first org and admin in a new embedded database; the server starts on it without the demo', async () => {
    const ok = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', ...ORG, '--level', 'county', '--create-database']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('已在 中国人民政治协商会议远安县委员会 创建管理员 周立军');
    expect(ok.stdout).toContain(`数据库：内嵌数据库（${path.join(dataDir, 'pg')}）`);
    const temp = /临时密码：(\S+)/.exec(ok.stdout)![1];

    expect(cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525', '--create-database']).stderr).toContain('中已有数据库，不要加 --create-database');
    const again = cli(dataDir, ['create-admin', '--login', 'admin', '--name', '周立军', '--region', '420525']);
    expect(again.stderr).toContain('登录名 admin 已被使用');
    const noOrg = cli(dataDir, ['create-admin', '--login', 'cityadmin', '--name', '马晓东', '--region', '420500']);
    expect(noOrg.stderr).toContain('行政区划代码 420500 的组织还不存在，新建它还需要：--org（组织全称）、--short（简称）');

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
