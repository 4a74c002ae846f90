/**
 * The account list: GET /api/accounts against the same SQL through the bare driver (and the
 * single-statement form), on PostgreSQL and PGlite; and a bare Fastify for the HTTP floor.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate } from '../server/db/index.js';
import { buildAccount, buildAccounts, buildOrg } from '../server/demo/builders.js';
import { onPglite, onPostgres, settle, type BenchDb } from './databases.js';
import { cannon, CONNECTIONS, HOST, log, loop, pct, met, fmt, report, SECONDS, signIn, WARMUP_SECONDS, withCpu, type Figures } from './support.js';

const ACCOUNTS = 5000;

/**
 * What GET /api/accounts?page=1&pageSize=50 sends (server/modules/account/account.list.ts): two
 * prepared statements run side by side — the page, with each account's roles in the org, and the
 * number of members — written out for the bare driver.
 */
const PAGE_SQL = `select a.id, a.login_name, a.display_name, a.phone_enc, a.phone_hash, a.password_hash,
    a.must_change_password, a.failed_attempts, a.locked_until, a.disabled, a.last_login_at, a.created_at,
    coalesce((select json_agg(r.role order by r.role) from account_role r
      where r.account_id = a.id and r.org_id = $1), '[]'::json) as roles
  from account a
  where exists (select 1 from account_role r where r.account_id = a.id and r.org_id = $1)
  order by a.created_at, a.id
  limit $2 offset $3`;
const COUNT_SQL = `select count(*) from (select account_id from account_role where org_id = $1 group by account_id) members`;
/** The single-statement form (total by count(*) over ()): must compute every member before LIMIT. */
const WINDOW_SQL = `select a.id, a.login_name, a.display_name, a.phone_enc, a.phone_hash, a.password_hash,
    a.must_change_password, a.failed_attempts, a.locked_until, a.disabled, a.last_login_at, a.created_at,
    coalesce((select json_agg(r.role order by r.role) from account_role r
      where r.account_id = a.id and r.org_id = $1), '[]'::json) as roles,
    count(*) over () as total
  from account a
  where exists (select 1 from account_role r where r.account_id = a.id and r.org_id = $1)
  order by a.created_at, a.id
  limit 50`;

interface DbResult {
  api: Figures;
  driver: Figures;
  window: Figures;
  /** the endpoint's answer, served again as a constant by the bare Fastify benchmark */
  page: unknown;
}

async function benchAccounts({ label, database, raw }: BenchDb): Promise<DbResult> {
  log(`${label}: migrating and seeding ${ACCOUNTS.toLocaleString('en-US')} accounts`);
  await migrate(database);
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  const b = { db: database.db, crypto };
  const org = await buildOrg(b, { name: '基准测试县政协' });
  const { account: admin } = await buildAccount(b, { org, roles: ['admin'] });
  await buildAccounts(b, org, ACCOUNTS);
  await database.db.execute(sql`vacuum analyze`); // what autovacuum does within a minute of a bulk load

  const app = await buildApp({ database, clock: systemClock, crypto }, { loginRateLimit: 100_000 });
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const cookie = await signIn(address, admin.loginName);
    const listUrl = `${address}/api/accounts?page=1&pageSize=50`;

    // the bare driver must return what the endpoint returns, or the comparison means nothing
    const page = (await (await fetch(listUrl, { headers: { cookie } })).json()) as { items: { id: string }[]; total: number };
    const params = [org.id, 50, 0];
    const [rawPage, rawCount] = await Promise.all([raw.query('bench_page', PAGE_SQL, params), raw.query('bench_count', COUNT_SQL, [org.id])]);
    const windowed = await raw.query('bench_window', WINDOW_SQL, [org.id]);
    const ids = (rs: Record<string, unknown>[]) => rs.map((r) => String(r.id)).join();
    if (page.total !== ACCOUNTS + 1 || page.items.length !== 50) throw new Error(`${label}: unexpected page: total ${page.total}, ${page.items.length} items`);
    if (ids(rawPage.rows) !== ids(page.items) || Number(rawCount.rows[0].count) !== page.total)
      throw new Error(`${label}: the raw page/count differ from the endpoint's`);
    if (ids(windowed.rows) !== ids(page.items) || Number(windowed.rows[0].total) !== page.total)
      throw new Error(`${label}: the count(*) over () form differs from the endpoint's`);

    log(`${label}: GET /api/accounts, ${CONNECTIONS} connections, ${SECONDS} s`);
    await cannon(listUrl, { cookie }, WARMUP_SECONDS);
    const api = await withCpu(() => cannon(listUrl, { cookie }));
    report.rows.push({ name: `${label}: GET /api/accounts?page=1&pageSize=50 (signed in, ${ACCOUNTS.toLocaleString('en-US')} accounts)`, f: api });

    log(`${label}: the same two statements through the bare driver`);
    const pageAndCount = () => Promise.all([raw.query('bench_page', PAGE_SQL, params), raw.query('bench_count', COUNT_SQL, [org.id])]);
    await loop(pageAndCount, WARMUP_SECONDS);
    const driver = await withCpu(() => loop(pageAndCount));
    report.rows.push({ name: `${label}: same SQL, bare driver (page + count statements in parallel)`, f: driver });

    log(`${label}: single-statement form with count(*) over () through the bare driver`);
    const single = () => raw.query('bench_window', WINDOW_SQL, [org.id]);
    await loop(single, WARMUP_SECONDS);
    const window = await withCpu(() => loop(single));
    report.rows.push({ name: `${label}: single statement with count(*) over (), bare driver`, f: window });
    settle({ label, database, raw }, api, driver, window);
    return { api, driver, window, page };
  } finally {
    await app.close();
  }
}

/** A minimal Fastify: a constant, and (to price HTTP and JSON for the list's payload) the list's page as a constant. */
async function bareFastify(page: unknown): Promise<Figures> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  app.get('/page', async () => page);
  try {
    const address = await app.listen({ port: 0, host: HOST });
    log(`bare Fastify, ${CONNECTIONS} connections, ${SECONDS} s`);
    await cannon(address, {}, WARMUP_SECONDS);
    const f = await withCpu(() => cannon(address));
    delete f.pgCpu;
    report.rows.push({ name: 'bare Fastify route returning a constant', f });
    log(`bare Fastify returning the list's page as a constant, ${SECONDS} s`);
    await cannon(`${address}/page`, {}, WARMUP_SECONDS);
    const p = await withCpu(() => cannon(`${address}/page`));
    delete p.pgCpu;
    const kb = (Buffer.byteLength(JSON.stringify(page)) / 1024).toFixed(1);
    report.rows.push({ name: `bare Fastify route returning the list's page (${kb} KB JSON) as a constant object`, f: p });
    return f;
  } finally {
    await app.close();
  }
}

/** The account-list part: PostgreSQL, PGlite, bare Fastify, then its ratios. */
export async function runAccounts() {
  const pgr = await onPostgres('accounts', benchAccounts);
  const lite = await onPglite(benchAccounts);
  const bare = await bareFastify(pgr.page);

  const pgRatio = pgr.api.rps / pgr.driver.rps;
  report.ratios.push(
    ['PostgreSQL: list endpoint ÷ bare driver (requests/s)', pct(pgr.api.rps, pgr.driver.rps), '≥ 50%', met(pgRatio >= 0.5)],
    ['PostgreSQL: list endpoint p99', `${fmt(pgr.api.p99)} ms`, '< 50 ms', met(pgr.api.p99 < 50)],
    ['PostgreSQL: list endpoint ÷ count(*) over () form', pct(pgr.api.rps, pgr.window.rps), '—', '—'],
    ['PostgreSQL: list endpoint ÷ bare Fastify', pct(pgr.api.rps, bare.rps), '—', '—'],
    ['PGlite: list endpoint ÷ bare driver', pct(lite.api.rps, lite.driver.rps), '—', '—'],
    ['PGlite: list endpoint ÷ bare Fastify', pct(lite.api.rps, bare.rps), '—', '—'],
  );
}
