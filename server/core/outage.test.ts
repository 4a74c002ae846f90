import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openPostgres } from '../db/index.js';
import { buildAccount } from '../demo/builders.js';
import { signIn, testApp } from '../test/harness.js';
import { ManualClock } from './clock.js';
import { aesGcmFieldCrypto } from './crypto.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './http.js';

/** A database outage is "try again shortly" (503 with Retry-After), never a server error (500). */
const expectUnavailable = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
  expect(res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂不可用，请稍后重试', details: [] } });
};
/** /api/health says the same: the database is what is missing. */
const expectHealthDown = async (app: FastifyInstance) => {
  const health = await app.inject({ url: '/api/health' });
  expect(health.statusCode).toBe(503);
  expect(health.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
  expect(health.json()).toMatchObject({ status: 'error', database: { state: 'error', error: '数据库无法连接' } });
};

const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});
const deps = () => ({ clock: new ManualClock(), crypto: aesGcmFieldCrypto('11'.repeat(32)) });

describe('a database that cannot be reached answers 503 with Retry-After', () => {
  it('a PostgreSQL server that refuses connections (down, restarting)', async () => {
    const database = await openPostgres('postgres://postgres@127.0.0.1:1/xieshang', 2);
    const app = await buildApp({ ...deps(), database });
    apps.push(app);
    expectUnavailable(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'admin', password: 'Xieshang@2026' } }));
    // the session is looked up before anything else: a signed-in page hears the same
    expectUnavailable(await app.inject({ url: '/api/accounts', cookies: { xs_session: 'a-session-token' } }));
    expectUnavailable(await app.inject({ url: '/api/public/orgs/420525/search?q=%E8%B7%AF%E7%81%AF' }));
    await expectHealthDown(app);
    await database.close();
  });

  it.skipIf(process.env.DATABASE_URL)('PGlite closed under the app', async () => {
    const t = await testApp();
    try {
      await buildAccount(t.b, { loginName: 'outage', roles: ['admin'] });
      const admin = await signIn(t.app, 'outage');
      await t.deps.database.close();
      expectUnavailable(await admin.get('/api/accounts'));
      expectUnavailable(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'outage', password: 'Xieshang@2026' } }));
      await expectHealthDown(t.app);
    } finally {
      await t.app.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)('PostgreSQL: a query cut off by the server (terminated backend), then the database gone', async () => {
    const t = await testApp({
      plugins: [
        async (app) => {
          // a slow statement to be cut off while it runs
          app.get('/api/test/slow', { config: { access: 'public' } }, async (req) => {
            await req.server.deps.database.db.execute(sql`select pg_sleep(10)`);
            return { ok: true };
          });
        },
      ],
    });
    try {
      await buildAccount(t.b, { loginName: 'outage', roles: ['admin'] });
      const admin = await signIn(t.app, 'outage');
      expect((await admin.get('/api/accounts')).statusCode).toBe(200);
      const name = t.deps.database.location.split('/').pop()!;
      const superuser = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await superuser.connect();
      try {
        const slow = t.app.inject({ url: '/api/test/slow' });
        // wait for the statement to be running, then end its backend as an administrator would (57P01)
        for (let i = 0; i < 100; i++) {
          const { rows } = await superuser.query(`select pid from pg_stat_activity where datname = $1 and query like '%pg_sleep%' and state = 'active'`, [name]);
          if (rows.length) {
            await superuser.query('select pg_terminate_backend($1)', [rows[0].pid]);
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        expectUnavailable(await slow);
        // the pool reconnects by itself: the next request works again
        expect((await admin.get('/api/accounts')).statusCode).toBe(200);
        // now the database is gone altogether (its connections terminated, new ones refused)
        await superuser.query(`drop database ${name} with (force)`);
      } finally {
        await superuser.end();
      }
      expectUnavailable(await admin.get('/api/accounts'));
      expectUnavailable(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'outage', password: 'Xieshang@2026' } }));
      await expectHealthDown(t.app);
    } finally {
      await t.close();
    }
  });
});

describe('what counts as the database being unavailable', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });

  it('connection failures of both drivers, bare or wrapped by Drizzle', () => {
    for (const e of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('53300', 'sorry, too many clients already'),
      withCode('3D000', 'database "xs" does not exist'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('PGlite is closed'),
      new AggregateError([withCode('ECONNREFUSED')], ''),
    ]) {
      expect(isDatabaseUnavailable(e), String(e.message || e)).toBe(true);
      expect(isDatabaseUnavailable(wrapped(e))).toBe(true);
    }
  });

  it('not a failing statement or a broken rule', () => {
    for (const e of [withCode('23505'), withCode('42P01', 'relation "x" does not exist'), withCode('22P02'), new Error('boom'), null, 'text']) {
      expect(isDatabaseUnavailable(e)).toBe(false);
      expect(isDatabaseUnavailable(wrapped(e))).toBe(false);
    }
  });
});
