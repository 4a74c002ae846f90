import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type AppOptions } from '../app.js';
import { ManualClock } from '../core/clock.js';
import type { AppDeps, Ctx } from '../core/context.js';
import { aesGcmFieldCrypto } from '../core/crypto.js';
import { openPglite, openPostgres, type Database } from '../db/index.js';
import { DEMO_PASSWORD, type Builder } from '../demo/builders.js';
import { TEMPLATE_FILE } from './global-setup.js';

/** A database of this test file's own, copied from the run's migrated template. */
export async function testDatabase(): Promise<Database> {
  const template = inject('templateDb');
  if (process.env.DATABASE_URL && template) {
    const name = `xs_t${randomBytes(4).toString('hex')}_${template.split('_')[2]}_f`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), 4);
    return {
      ...db,
      close: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(TEMPLATE_FILE)]), extensions: { pg_trgm } });
  return openPglite(undefined, client);
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  b: Builder;
  /** a service context acting as nobody (for direct service calls, add an actor) */
  ctx(actor?: Ctx['actor']): Ctx;
  close(): Promise<void>;
}

export async function testApp(opts: AppOptions = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = new ManualClock();
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  const deps: AppDeps = { database, clock, crypto };
  const app = await buildApp(deps, { loginRateLimit: 1000, ...opts });
  return {
    app,
    deps,
    clock,
    b: { db: database.db, crypto },
    ctx: (actor = null) => ({ db: database.db, clock, crypto, actor, ip: '127.0.0.1', userAgent: 'vitest' }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Agent {
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in through the API, as the browser does, and returns a client carrying the cookie and CSRF token. */
export async function signIn(app: FastifyInstance, identifier: string, password = DEMO_PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'xs_session')!.value;
  const agent: Agent = {
    csrf: res.json().csrfToken,
    cookie,
    get: (url) => app.inject({ method: 'GET', url, cookies: { xs_session: agent.cookie } }),
    post: (url, body, headers = {}) =>
      app.inject({ method: 'POST', url, payload: body as object, cookies: { xs_session: agent.cookie }, headers: { 'x-csrf-token': agent.csrf, ...headers } }),
    put: (url, body) => app.inject({ method: 'PUT', url, payload: body as object, cookies: { xs_session: agent.cookie }, headers: { 'x-csrf-token': agent.csrf } }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, payload: body as object, cookies: { xs_session: agent.cookie }, headers: { 'x-csrf-token': agent.csrf } }),
  };
  return agent;
}
