import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { ConfigError, readConfig, type TrustProxy } from '../config.js';
import { buildOrg, type OrgRow } from '../demo/builders.js';
import { buildPlace } from '../demo/groups.js';
import { ensureCategories } from '../modules/request/request.category.js';
import { testApp, type TestApp } from '../test/harness.js';
import { rowsOf } from './sql.js';

describe('XIESHANG_TRUST_PROXY', () => {
  const trust = (value: string | undefined) => readConfig({ XIESHANG_TRUST_PROXY: value }).trustProxy;

  it('is unset without a proxy, a number of hops, or the proxies’ addresses and networks', () => {
    expect(trust(undefined)).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(trust(' 10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8']);
    expect(trust('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
  });

  it('anything else stops the server from starting, saying what is expected in Chinese and English', () => {
    for (const bad of ['true', 'yes', '-1', '11', '1.5', '10.0.0.0/33', '10.0.0', 'nginx', '10.0.0.1,', '10.0.0.1/8/8', '::1/129']) {
      expect(() => trust(bad), bad).toThrow(ConfigError);
      expect(() => trust(bad), bad).toThrow(/XIESHANG_TRUST_PROXY 的值“.*”无效[\s\S]*Invalid XIESHANG_TRUST_PROXY/);
    }
  });
});

/**
 * A client behind nginx forges `X-Forwarded-For: 1.2.3.4`; nginx appends the address it saw
 * ($proxy_add_x_forwarded_for). The audit log, the sign-in rate limit and the concern limits must
 * all see that real address, never the forged one.
 */
describe('the client’s address behind proxies', () => {
  let t: TestApp;
  let org: OrgRow;
  const apps: FastifyInstance[] = [];
  const appWith = async (trustProxy: TrustProxy, loginRateLimit = 1000) => {
    const app = await buildApp(t.deps, { trustProxy, loginRateLimit });
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    t = await testApp();
    org = await buildOrg(t.b);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  let attempt = 0;
  /** A failed sign-in from `remoteAddress` with `X-Forwarded-For: xff`; the address the audit log recorded for it. */
  const auditedIp = async (app: FastifyInstance, remoteAddress: string, xff?: string) => {
    const identifier = `nobody${++attempt}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier, password: 'Wrong-password-1' },
      remoteAddress,
      headers: xff ? { 'x-forwarded-for': xff } : {},
    });
    expect(res.statusCode).toBe(401);
    const [row] = await rowsOf<{ ip: string }>(t.b.db, sql`select ip from audit_log where summary like ${`%（${identifier}）%`}`);
    return row.ip;
  };

  it('without a proxy configured, X-Forwarded-For is ignored', async () => {
    const app = await appWith(false);
    expect(await auditedIp(app, '203.0.113.7', '1.2.3.4')).toBe('203.0.113.7');
  });

  it('one hop (XIESHANG_TRUST_PROXY=1): the address nginx appended, not the one the client wrote', async () => {
    const app = await appWith(1);
    expect(await auditedIp(app, '10.0.0.5', '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(await auditedIp(app, '10.0.0.5', '203.0.113.7')).toBe('203.0.113.7');
    // several forged entries change nothing: only the right-most one is nginx's
    expect(await auditedIp(app, '10.0.0.5', '1.2.3.4, 5.6.7.8, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('two hops (a load balancer, then nginx): the address the first proxy appended', async () => {
    const app = await appWith(2);
    expect(await auditedIp(app, '10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
  });

  it('proxies by address: trusted only when the request comes from one of them', async () => {
    const app = await appWith(['10.0.0.0/8']);
    expect(await auditedIp(app, '10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    // a client reaching the server directly cannot choose its address
    expect(await auditedIp(app, '198.51.100.9', '1.2.3.4')).toBe('198.51.100.9');
  });

  it('the sign-in rate limit counts the real address, however the client varies its forged one', async () => {
    const app = await appWith(1, 3);
    const login = (forged: string, real: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'nobody', password: 'Wrong-password-1' },
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': `${forged}, ${real}` },
      });
    for (let i = 1; i <= 3; i++) expect((await login(`1.2.3.${i}`, '203.0.113.7')).statusCode).toBe(401);
    const limited = await login('1.2.3.4', '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // another office behind the same nginx is not held up
    expect((await login('1.2.3.4', '203.0.113.8')).statusCode).toBe(401);
  });

  it('a concern is counted against the real address (the per-address limits)', async () => {
    const app = await appWith(1);
    const village = await buildPlace(t.b, { org, parent: await buildPlace(t.b, { org }) });
    await ensureCategories(t.b.db, org.id);
    const [category] = await rowsOf<{ id: string }>(t.b.db, sql`select id from request_category where org_id = ${org.id} limit 1`);
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/orgs/${org.regionCode}/requests`,
      payload: { categoryId: category.id, placeId: village.id, title: '村口路灯不亮', content: '村口路灯坏了一个多月，晚上看不见路。', phone: '13912345678', consent: true },
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.7' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await rowsOf<{ ipHash: string }>(t.b.db, sql`select ip_hash as "ipHash" from request where code = ${res.json().code}`);
    expect(row.ipHash).toBe(t.deps.crypto.blindIndex('ip:203.0.113.7'));
  });
});
