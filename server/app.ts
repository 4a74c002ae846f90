import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TrustProxy } from './config.js';
import { checkDeclaredAccess, type Access } from './core/access.js';
import { addressKey } from './core/address.js';
import type { AppDeps } from './core/context.js';
import { AppError, forbidden } from './core/errors.js';
import { clientErrorHandler, CSRF_HEADER, errorHandler, SESSION_COOKIE } from './core/http.js';
import { validatorCompiler } from './core/input.js';
import { loadActor } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { termRoutes } from './modules/term/term.routes.js';
import { sectorRoutes } from './modules/sector/sector.routes.js';
import { memberRoutes } from './modules/member/member.routes.js';
import { placeRoutes } from './modules/place/place.routes.js';
import { groupRoutes } from './modules/group/group.routes.js';
import { liaisonRoutes } from './modules/liaison/liaison.routes.js';
import { partyRoutes } from './modules/party/party.routes.js';
import { fileRoutes } from './modules/file/file.routes.js';
import { notificationRoutes } from './modules/notification/notification.routes.js';
import { requestRoutes } from './modules/request/request.routes.js';
import { requestPublicRoutes } from './modules/request/request.public.routes.js';
import { opinionRoutes } from './modules/opinion/opinion.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { figuresRoutes } from './modules/figures/figures.routes.js';
import { unitRoutes } from './modules/unit/unit.routes.js';
import { proposalRoutes } from './modules/proposal/proposal.routes.js';
import { proposalHandlingRoutes } from './modules/proposal/proposal.handling.routes.js';
import { proposalKeyRoutes } from './modules/proposal/proposal.key.routes.js';
import { proposalDocsRoutes } from './modules/proposal/proposal.docs.routes.js';
import { proposalPublicRoutes } from './modules/proposal/proposal.public.routes.js';

z.config(z.locales.zhCN());

export interface AppOptions {
  /** a pino logger; none means silence (tests, benchmarks) */
  logger?: FastifyBaseLogger;
  /** built web client to serve (web/dist); omitted in API tests */
  webDist?: string;
  /** sign-in attempts per IP per minute (an office behind one NAT address signs in together) */
  loginRateLimit?: number;
  /** the reverse proxies in front of the server (XIESHANG_TRUST_PROXY); none by default */
  trustProxy?: TrustProxy;
  /** extra plugins registered after the modules (tests) */
  plugins?: FastifyPluginAsync[];
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
}

/**
 * Fastify's trustProxy for our setting. Fastify 5.12 ignores a bare hop count (a number trusts no proxy at
 * all), so N hops is the function "the nearest N addresses are proxies"; an address list is passed as is.
 * Either way the client's address is the right-most X-Forwarded-For entry not trusted (proxy-addr).
 */
const proxyTrust = (t: TrustProxy) => (typeof t === 'number' ? (_address: string, hop: number) => hop < t : t);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes added by plugins (the API docs page) that are public by declaration here. */
const PUBLIC_PREFIXES = ['/api/docs'];

export async function buildApp(deps: AppDeps, opts: AppOptions = {}) {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    trustProxy: proxyTrust(opts.trustProxy ?? false),
    // Fastify's own refusals (a bad %-escape, an over-long path parameter, the HTTP parser's) in the one error shape
    frameworkErrors: errorHandler,
    clientErrorHandler,
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  /** Every /api route must say who may call it; registration fails otherwise. */
  const routes: RouteAccess[] = [];
  app.decorate('routeAccess', routes);
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (methods.every((m) => m === 'HEAD')) return;
    if (route.url.startsWith('/api')) {
      route.config ??= {};
      if (!route.config.access && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) route.config.access = 'public';
      if (!route.config.access) throw new Error(`route ${methods.join(',')} ${route.url} declares no access`);
    }
    routes.push({ method: methods.join(','), url: route.url, access: route.config?.access });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    // per address as the residents' limits count it: an IPv6 client by its /64 network
    keyGenerator: (req) => addressKey(req.ip),
    errorResponseBuilder: () => new AppError(429, 'RATE_LIMITED', '登录尝试过于频繁，请一分钟后再试'),
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      try {
        req.actor = await loadActor({ db: deps.database.db, clock: deps.clock }, token);
      } catch (err) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (access !== 'public') throw err;
      }
      if (!req.actor) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (req.actor && access !== 'public' && UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== req.actor.csrfToken) {
      throw forbidden('页面已过期，请刷新后重试（CSRF 校验失败）', 'CSRF_FAILED');
    }
    checkDeclaredAccess(access, req.actor);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: '协商 Xieshang API',
        version: '0.1.0',
        description:
          '政协履职工作平台的全部操作接口。以 Cookie 会话认证；写操作须带请求头 x-csrf-token（取自 /api/auth/me）。错误统一为 { error: { code, message, details } }，列表统一为 ?page&pageSize → { items, total, page, pageSize }。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(systemRoutes);
  await app.register(authRoutes, { loginRateLimit: opts.loginRateLimit ?? 30 });
  await app.register(orgRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(termRoutes);
  await app.register(sectorRoutes);
  await app.register(memberRoutes);
  await app.register(placeRoutes);
  await app.register(groupRoutes);
  await app.register(liaisonRoutes);
  await app.register(partyRoutes);
  await app.register(fileRoutes);
  await app.register(notificationRoutes);
  await app.register(requestRoutes);
  await app.register(requestPublicRoutes);
  await app.register(opinionRoutes);
  await app.register(searchRoutes);
  await app.register(figuresRoutes);
  await app.register(unitRoutes);
  await app.register(proposalRoutes);
  await app.register(proposalHandlingRoutes);
  await app.register(proposalKeyRoutes);
  await app.register(proposalDocsRoutes);
  await app.register(proposalPublicRoutes);
  for (const plugin of opts.plugins ?? []) await app.register(plugin);

  if (opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    const dist = opts.webDist;
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: true,
      index: 'index.html',
      redirect: true,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } });
      const page = req.url === '/m' || req.url.startsWith('/m/') ? 'm/index.html' : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: req.url.startsWith('/api') ? '接口不存在' : '页面不存在', details: [] } }),
    );
  }
  await app.ready();
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
}
