import type { FastifyInstance, FastifyReply } from 'fastify';
import { CSRF_HEADER, ctxOf, errorResponses, Ok, SESSION_COOKIE, zapp } from '../../core/http.js';
import { ChangePasswordBody, LoginBody, Me, SwitchOrgBody } from './auth.schema.js';
import { z } from 'zod';
import { changePassword, loadActor, login, logout, me, switchOrg } from './auth.service.js';

const tags = ['登录与会话'];

const setSessionCookie = (reply: FastifyReply, token: string) =>
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });

export async function authRoutes(app: FastifyInstance, opts: { loginRateLimit: number }) {
  const r = zapp(app);
  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '用登录名或手机号登录',
        body: LoginBody,
        response: { 200: z.object({ mustChangePassword: z.boolean(), csrfToken: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const result = await login(ctxOf(req), req.body);
      setSessionCookie(reply, result.token);
      return { mustChangePassword: result.mustChangePassword, csrfToken: result.csrfToken };
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { access: 'signedIn' }, schema: { tags, summary: '退出登录', response: { 200: Ok } } },
    async (req, reply) => {
      await logout(ctxOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  r.get(
    '/api/auth/me',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: `当前用户、所在组织与权限；写操作须在请求头 ${CSRF_HEADER} 中带上 csrfToken`, response: { 200: Me, 401: errorResponses[401] } },
    },
    async (req) => me(ctxOf(req)),
  );
  r.post(
    '/api/auth/password',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: '修改密码（首次登录或重置后必须修改）', body: ChangePasswordBody, response: { 200: Ok, ...errorResponses } },
    },
    async (req) => {
      await changePassword(ctxOf(req), req.body);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/auth/org',
    {
      config: { access: 'signedIn' },
      schema: { tags, summary: '切换当前组织', body: SwitchOrgBody, response: { 200: Me, ...errorResponses } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      await switchOrg(ctx, req.body.orgId);
      return me({ ...ctx, actor: await loadActor(ctx, req.cookies[SESSION_COOKIE]!) });
    },
  );
}
