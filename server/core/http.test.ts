import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg, type OrgRow } from '../demo/builders.js';
import { buildPlace } from '../demo/groups.js';
import { ensureCategories } from '../modules/request/request.category.js';
import { request } from '../modules/request/request.table.js';
import { rowsOf } from './sql.js';
import { signIn, testApp, type Agent, type TestApp } from '../test/harness.js';
import { account } from '../modules/account/account.table.js';
import { buildApp } from '../app.js';

let t: TestApp;
let admin: Agent;
let org: OrgRow;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t.b);
  await buildAccount(t.b, { org, loginName: 'httpadmin', roles: ['admin', 'staff'] });
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

  it('a body nested 100,000 arrays deep: refused at once, not after minutes of walking it', async () => {
    const started = performance.now();
    const res = await raw('['.repeat(100_000) + ']'.repeat(100_000));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(performance.now() - started).toBeLessThan(5_000);
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

describe('control characters are refused at the schema layer, once, for every string', () => {
  const refusal = (res: { statusCode: number; json(): unknown }, path: string) => {
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain('控制字符');
    expect(body.error.details.map((d) => d.path)).toEqual([path]);
  };

  it('a NUL in a sign-in name is a 400 naming the field, not a database error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'admin\u0000', password: 'x' } });
    refusal(res, 'identifier');
  });

  it('in a name on create, in an array item, in a key: refused, nothing created', async () => {
    const before = await countAccounts();
    refusal(await admin.post('/api/accounts', { loginName: 'nulname', displayName: '张\u0000三', roles: ['member'] }), 'displayName');
    refusal(await admin.post('/api/accounts', { loginName: 'nulrole', displayName: '张三', roles: ['member\u0007'] }), 'roles.0');
    refusal(await raw(JSON.stringify({ loginName: 'nulkey', displayName: '张三', roles: ['member'], 'x\u0000': 1 })), 'x\u0000');
    expect(await countAccounts()).toBe(before);
  });

  it('in every query string and path parameter, line breaks and tabs included', async () => {
    refusal(await admin.get('/api/accounts?q=%00'), 'q');
    refusal(await admin.get('/api/accounts?q=%E5%BC%A0%0A%E4%B8%89'), 'q');
    refusal(await admin.get('/api/accounts?q=a%09b'), 'q');
    refusal(await admin.get('/api/audit?actor=%7F'), 'actor');
    refusal(await t.app.inject({ url: `/api/public/orgs/${org.regionCode}/search?q=%E8%B7%AF%E7%81%AF%00` }), 'q');
    refusal(await t.app.inject({ url: '/api/public/requests/AB%00CD' }), 'code');
  });

  it('a multi-line text keeps its line breaks and tabs; other control characters in it are refused', async () => {
    const village = await buildPlace(t.b, { org, parent: await buildPlace(t.b, { org }) });
    await ensureCategories(t.b.db, org.id);
    const [category] = await rowsOf<{ id: string }>(t.b.db, sql`select id from request_category where org_id = ${org.id} limit 1`);
    const raise = (content: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/orgs/${org.regionCode}/requests`,
        payload: { categoryId: category.id, placeId: village.id, title: '村口路灯不亮', content, phone: '13912345678', consent: true },
      });
    const content = '村口路灯坏了一个多月：\r\n1.\t晚上看不见路；\n2.\t老人孩子摔过跤。';
    const ok = await raise(content);
    expect(ok.statusCode, ok.body).toBe(200);
    const [row] = await t.b.db.select({ content: request.content }).from(request).where(eq(request.code, ok.json().code));
    expect(row.content).toBe(content);
    refusal(await raise('村口路灯坏了一个多月\u0000，晚上看不见路'), 'content');
    refusal(await raise('村口路灯坏了一个多月\u001b[2J，晚上看不见路'), 'content');
    expect((await rowsOf<{ n: number }>(t.b.db, sql`select count(*)::int as n from request where org_id = ${org.id}`))[0].n).toBe(1);
  });
});

describe('dates the database cannot hold', () => {
  it('a year 0 or past 2100 is a 400 with the field named, not a database error', async () => {
    const res = await admin.post('/api/terms', { number: 12, startDate: '0000-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'startDate', message: '开始日期应在 1900 年至 2100 年之间' }]);
    const audit = await admin.get('/api/audit?from=0000-01-01');
    expect(audit.statusCode).toBe(400);
    expect(audit.json().error.details[0].path).toBe('from');
    // a list whose schema lets year 0 through still answers 400: the database's refusal is the net under the schemas
    const list = await admin.get('/api/requests?to=0000-01-01');
    expect(list.statusCode).toBe(400);
    expect(list.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('日期') });
  });
});

describe('Fastify’s own refusals come in the one error shape', () => {
  it('a bad %-escape in the path', async () => {
    const res = await admin.get('/api/accounts/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_URL', message: expect.stringContaining('网址无效'), details: [] } });
  });

  it('a path parameter over Fastify’s maximum length', async () => {
    const res = await admin.get(`/api/accounts/${'a'.repeat(200)}`);
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: { code: 'URL_TOO_LONG', message: '网址中的参数过长，请检查链接是否正确', details: [] } });
  });

  describe('over a real socket (Node’s HTTP parser, before Fastify)', () => {
    let port: number;
    beforeAll(async () => {
      port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
    });
    const send = (text: string) =>
      new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
        let data = '';
        socket.setEncoding('utf8');
        socket.on('data', (d) => (data += d));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head, ...rest] = data.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') });
        });
      });
    const shape = (body: string) => JSON.parse(body) as { error: { code: string; message: string; details: unknown[] } };

    it('headers over 16 KB: 431 in Chinese', async () => {
      const res = await send(`GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: a=${'b'.repeat(20_000)}\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(res.headers).toContain('content-type: application/json; charset=utf-8');
      expect(shape(res.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('请求头'), details: [] } });
    });

    it('a request the parser cannot read: 400 in Chinese', async () => {
      const res = await send('GARBAGE\r\n\r\n');
      expect(res.status).toBe(400);
      expect(shape(res.body)).toEqual({ error: { code: 'BAD_REQUEST', message: '请求格式无效', details: [] } });
      const nul = await send('GET /api/health HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n');
      expect(nul.status).toBe(400);
      expect(shape(nul.body).error.code).toBe('BAD_REQUEST');
    });

    it('a bad %-escape and an over-long parameter, as a browser would send them', async () => {
      const bad = await send('GET /api/accounts/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(bad.status).toBe(400);
      expect(shape(bad.body).error.code).toBe('BAD_URL');
      const long = await send(`GET /api/public/requests/${'A'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(long.status).toBe(414);
      expect(shape(long.body).error.code).toBe('URL_TOO_LONG');
    });
  });
});
