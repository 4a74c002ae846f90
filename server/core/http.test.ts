import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../test/harness.js';
import { account } from '../modules/account/account.table.js';
import { buildApp } from '../app.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await testApp();
  await buildAccount(t.b, { loginName: 'httpadmin', roles: ['admin'] });
  admin = await signIn(t.app, 'httpadmin');
});
afterAll(() => t.close());

const countAccounts = async () => (await t.b.db.select({ id: account.id }).from(account)).length;
const raw = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload,
    cookies: { xs_session: admin.cookie },
    headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf, ...headers },
  });

describe('bad input is a 400 (or 413) in the one error shape and changes nothing', () => {
  it('malformed JSON', async () => {
    const before = await countAccounts();
    const res = await raw('{"loginName": "zhangsan", "displayName": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON', details: [] } });
    expect(await countAccounts()).toBe(before);
  });

  it('a body over 1 MB', async () => {
    const before = await countAccounts();
    const res = await raw(JSON.stringify({ loginName: 'bigbody', displayName: 'x'.repeat(1_100_000), roles: ['member'] }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('过大');
    expect(await countAccounts()).toBe(before);
  });

  it('wrong types and values, with a Chinese message per field', async () => {
    const before = await countAccounts();
    const res = await admin.post('/api/accounts', { loginName: '张三', displayName: 5, phone: '12345', roles: ['king'] });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath.loginName).toContain('登录名须以字母开头');
    expect(byPath.displayName).toMatch(/[\u4e00-\u9fa5]/);
    expect(byPath.phone).toBe('手机号应为 11 位大陆手机号码');
    expect(byPath['roles.0']).toBe('未知的角色');
    expect(await countAccounts()).toBe(before);
  });

  it('bad query strings and unknown routes', async () => {
    const q = await admin.get('/api/accounts?page=0&pageSize=5000');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['page', 'pageSize']);
    const missing = await admin.get('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } });
    const notUuid = await admin.get('/api/accounts/abc');
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json().error.details).toEqual([{ path: 'id', message: '编号无效' }]);
  });

  it('an empty JSON body', async () => {
    const before = await countAccounts();
    const res = await raw('');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON', details: [] });
    expect(await countAccounts()).toBe(before);
  });

  it('wrong types for settings, with the field named', async () => {
    const res = await admin.patch('/api/orgs/current/settings', { idleTimeoutMinutes: '60', auditRetentionDays: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['auditRetentionDays', 'idleTimeoutMinutes']);
    for (const d of res.json().error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await admin.get('/api/orgs/current')).json().settings).toEqual({ idleTimeoutMinutes: 30, auditRetentionDays: 180 });
  });

  it('a wrong content type', async () => {
    const res = await raw('loginName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('JSON');
  });
});

describe('API surface', () => {
  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('sends them on errors too, and forbids framing', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toContain('application/json');
    const page = await t.app.inject({ url: '/no-such-page' });
    expect(page.json()).toEqual({ error: { code: 'NOT_FOUND', message: '页面不存在', details: [] } });
    for (const method of ['DELETE', 'PUT'] as const) {
      const r = await t.app.inject({ method, url: '/api/accounts' });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toBe('接口不存在');
    }
  });

  it('reports health with the database in use', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { kind: t.deps.database.kind, state: 'ok' } });
  });

  it('reports a database it cannot reach as 503, without the driver’s message', async () => {
    const down = await buildApp({ ...t.deps, database: { ...t.deps.database, ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')) } });
    try {
      const res = await down.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'error', database: { state: 'error', error: '数据库无法连接' } });
      expect(res.body).not.toContain('ECONNREFUSED');
    } finally {
      await down.close();
    }
  });

  it('answers an unexpected failure in Chinese, without internals', async () => {
    const broken = await buildApp(t.deps, {
      plugins: [
        async (app) => {
          app.get('/api/boom', { config: { access: 'public' } }, async () => {
            throw new Error('relation "secret_table" does not exist');
          });
        },
      ],
    });
    try {
      const res = await broken.inject({ url: '/api/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试；如持续出现请联系管理员', details: [] } });
      expect(res.body).not.toContain('secret_table');
    } finally {
      await broken.close();
    }
  });

  it('documents every API route in OpenAPI 3', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/accounts', '/api/accounts/{id}/roles', '/api/audit', '/api/audit/export', '/api/auth/login', '/api/orgs/current/settings']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/accounts'].post.requestBody.content['application/json'].schema.properties.loginName).toBeDefined();
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    // every route the app serves under /api is in the document, with its method and responses
    const served = t.app.routeAccess.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    for (const r of served) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      for (const method of r.method.split(',').filter((m) => m !== 'HEAD')) {
        const op = doc.paths[path]?.[method.toLowerCase()];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        expect(op.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/'))).toBe(true);
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('paginates every list the same way', async () => {
    const res = (await admin.get('/api/accounts?page=1&pageSize=1')).json();
    expect(Object.keys(res).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    const audit = (await admin.get('/api/audit?page=1&pageSize=1')).json();
    expect(Object.keys(audit).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
  });
});

it('keeps the raw phone number out of the database', async () => {
  const created = await admin.post('/api/accounts', { loginName: 'phoneowner', displayName: '赵德明', phone: '13907171234', roles: ['member'] });
  expect(created.statusCode).toBe(200);
  const [row] = await t.b.db.select().from(account).where(eq(account.loginName, 'phoneowner'));
  expect(JSON.stringify(row)).not.toContain('13907171234');
});
