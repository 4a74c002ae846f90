import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg } from '../demo/builders.js';
import { signIn, testApp, type Agent, type TestApp } from '../test/harness.js';
import { PERMISSIONS, type Permission } from './access.js';
import { buildApp } from '../app.js';
import { ROLES, type Role } from '../modules/account/account.schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** a concrete URL for a route pattern: any well-formed id will do, access is checked first */
const urlOf = (pattern: string) => pattern.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');

describe('every route declares who may call it', () => {
  it('walks every registered route', () => {
    const api = t.app.routeAccess.filter((r) => r.url.startsWith('/api'));
    expect(api.length).toBeGreaterThan(15);
    const undeclared = api.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const known = new Set<string>(['public', 'signedIn', ...Object.keys(PERMISSIONS)]);
    expect(api.filter((r) => !known.has(r.access!)).map((r) => r.url)).toEqual([]);
    // the only public API routes are these
    const pub = api.filter((r) => r.access === 'public' && !r.url.startsWith('/api/docs') && !r.url.startsWith('/api/public/')).map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login']);
    // the residents' pages (no account): everything under /api/public/, and only there
    expect(api.filter((r) => r.url.startsWith('/api/public/') && r.access !== 'public').map((r) => r.url)).toEqual([]);
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
    { name: 'members', method: 'GET', url: '/api/members', permission: 'member.read' },
    { name: 'groups', method: 'GET', url: '/api/groups', permission: 'structure.read' },
    { name: 'liaison coverage', method: 'GET', url: '/api/liaison/coverage', permission: 'liaison.read' },
    { name: 'party organisations', method: 'GET', url: '/api/party-orgs', permission: 'party.read' },
    { name: 'import template', method: 'GET', url: '/api/members/import/template', permission: 'member.manage' },
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

  it('turns away a signed-out caller from every route that is not public, writes included', async () => {
    const guarded = t.app.routeAccess.filter((r) => r.url.startsWith('/api') && r.access !== 'public');
    expect(guarded.length).toBeGreaterThan(15);
    for (const r of guarded) {
      for (const method of r.method.split(',').filter((m) => m !== 'HEAD')) {
        const res = await t.app.inject({ method: method as 'GET', url: urlOf(r.url), payload: method === 'GET' ? undefined : {} });
        expect({ route: `${method} ${r.url}`, status: res.statusCode, code: res.json().error?.code }).toEqual({
          route: `${method} ${r.url}`,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    }
  });

  it('turns away, on every permission route, each role the permission leaves out', async () => {
    const org = await buildOrg(t.b);
    const agents = new Map<Role, Agent>();
    for (const role of ROLES) {
      await buildAccount(t.b, { org, loginName: `walk${role}`, roles: [role] });
      agents.set(role, await signIn(t.app, `walk${role}`));
    }
    let checked = 0;
    for (const r of t.app.routeAccess.filter((x) => x.url.startsWith('/api') && x.access && x.access in PERMISSIONS)) {
      const allowed = PERMISSIONS[r.access as Permission] as readonly Role[];
      for (const role of ROLES.filter((x) => !allowed.includes(x))) {
        const agent = agents.get(role)!;
        for (const method of r.method.split(',').filter((m) => m !== 'HEAD')) {
          const res = await t.app.inject({
            method: method as 'GET',
            url: urlOf(r.url),
            payload: method === 'GET' ? undefined : {},
            cookies: { xs_session: agent.cookie },
            headers: { 'x-csrf-token': agent.csrf },
          });
          expect({ route: `${method} ${r.url}`, role, status: res.statusCode }).toEqual({ route: `${method} ${r.url}`, role, status: 403 });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('lets an account that must change its password do nothing else', async () => {
    const org = await buildOrg(t.b);
    await buildAccount(t.b, { org, loginName: 'walknew', roles: ['admin'], mustChangePassword: true });
    const agent = await signIn(t.app, 'walknew');
    for (const r of t.app.routeAccess.filter((x) => x.url.startsWith('/api') && x.access && x.access in PERMISSIONS)) {
      for (const method of r.method.split(',').filter((m) => m !== 'HEAD')) {
        const res = await t.app.inject({
          method: method as 'GET',
          url: urlOf(r.url),
          payload: method === 'GET' ? undefined : {},
          cookies: { xs_session: agent.cookie },
          headers: { 'x-csrf-token': agent.csrf },
        });
        expect({ route: `${method} ${r.url}`, code: res.json().error?.code }).toEqual({ route: `${method} ${r.url}`, code: 'PASSWORD_CHANGE_REQUIRED' });
      }
    }
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
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
