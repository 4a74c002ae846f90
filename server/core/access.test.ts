import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg } from '../demo/builders.js';
import { signIn, testApp, type TestApp } from '../test/harness.js';
import { PERMISSIONS } from './access.js';
import { buildApp } from '../app.js';
import type { Role } from '../modules/account/account.schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('every route declares who may call it', () => {
  it('walks every registered route', () => {
    const api = t.app.routeAccess.filter((r) => r.url.startsWith('/api'));
    expect(api.length).toBeGreaterThan(15);
    const undeclared = api.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const known = new Set<string>(['public', 'signedIn', ...Object.keys(PERMISSIONS)]);
    expect(api.filter((r) => !known.has(r.access!)).map((r) => r.url)).toEqual([]);
    // the only public API routes are these
    const pub = api.filter((r) => r.access === 'public' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login']);
  });

  it('refuses to register an /api route that declares nothing', async () => {
    const rogue = buildApp(t.deps, {
      plugins: [
        async (app) => {
          app.get('/api/rogue', async () => 'no access declared');
        },
      ],
    });
    await expect(rogue).rejects.toThrow('route GET /api/rogue declares no access');
  });
});

describe('role rules', () => {
  const probes = [
    { name: 'accounts', method: 'GET', url: '/api/accounts', permission: 'account.manage' },
    { name: 'audit', method: 'GET', url: '/api/audit', permission: 'audit.read' },
    { name: 'org settings', method: 'PATCH', url: '/api/orgs/current/settings', permission: 'org.manage', body: {} },
    { name: 'child orgs', method: 'GET', url: '/api/orgs/children', permission: 'org.manage' },
    { name: 'current org', method: 'GET', url: '/api/orgs/current', permission: 'org.read' },
  ] as const;

  it.each(['admin', 'staff', 'leader', 'member', 'unit'] as Role[])('%s reaches exactly what PERMISSIONS grants', async (role) => {
    const org = await buildOrg(t.b);
    const { account } = await buildAccount(t.b, { org, roles: [role] });
    const agent = await signIn(t.app, account.loginName);
    for (const p of probes) {
      const res = p.method === 'GET' ? await agent.get(p.url) : await agent.patch(p.url, 'body' in p ? p.body : {});
      const allowed = (PERMISSIONS[p.permission] as readonly Role[]).includes(role);
      expect({ probe: p.name, status: res.statusCode }).toEqual({ probe: p.name, status: allowed ? 200 : 403 });
    }
  });

  it('answers 401 to a signed-out caller and to a made-up session cookie', async () => {
    for (const url of ['/api/accounts', '/api/auth/me', '/api/audit']) {
      expect((await t.app.inject({ url })).statusCode).toBe(401);
      const forged = await t.app.inject({ url, cookies: { xs_session: 'not-a-session' } });
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.message).toBe('请先登录');
    }
  });
});
