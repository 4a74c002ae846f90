/**
 * The members part, on a generated org of 5,000 members: the members list (a page of 50, filtered
 * by sector) against the same SQL through the bare driver, on PostgreSQL and PGlite.
 * Each measurement is a function of the `Setup` (database, org, signed-in staff). Then, in a second
 * org, the import of 5,000 members from .xlsx and their export (members.io.ts).
 *
 *   BENCH_EXPLAIN=1   also log EXPLAIN (ANALYZE, BUFFERS) of the list's two statements
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/core/clock.js';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate } from '../server/db/index.js';
import { buildAccount, buildOrg, type Builder, type OrgRow } from '../server/demo/builders.js';
import { buildMembers } from '../server/demo/bulk.js';
import { captureQueries, onPglite, onPostgres, settle, type BenchDb, type LoggedQuery } from './databases.js';
import { ioRatios, measureImportExport } from './members.io.js';
import {
  MEMBER_ID_COLUMN, MEMBERS_COUNT_SQL, MEMBERS_PAGE_SQL, membersCountParams, membersPageParams, normalise,
} from './members.sql.js';
import { cannon, CONNECTIONS, fmt, HOST, log, loop, met, pct, report, SECONDS, signIn, WARMUP_SECONDS, withCpu, type Figures } from './support.js';

const MEMBERS = 5000;
const PAGE_SIZE = 50;
/** the list is filtered by the sector whose size is nearest this */
const SECTOR_SIZE = 250;

interface Setup {
  db: BenchDb;
  b: Builder;
  org: OrgRow;
  /** the sector the list is filtered by */
  sector: { id: string; name: string; members: number };
  address: string;
  /** session cookie of a staff account of the org */
  cookie: string;
}

interface ListFigures {
  api: Figures;
  driver: Figures;
  /** PostgreSQL only: the bare driver with named (server-side prepared) statements */
  prepared?: Figures;
}

/* ------------------------------------------------------------------ the members list */

const same = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** Where `ours` first parts from the endpoint's statement nearest to it. */
function firstDifference(ours: string, theirs: string[]) {
  const common = (t: string) => {
    let i = 0;
    while (i < ours.length && ours[i] === t[i]) i++;
    return i;
  };
  const nearest = theirs.reduce((best, t) => (common(t) > common(best) ? t : best), '');
  const at = common(nearest);
  if (at === ours.length && at === nearest.length) return 'same statement, different params';
  return `first difference at character ${at}: ours "…${ours.slice(at, at + 90)}…", the endpoint's "…${nearest.slice(at, at + 90)}…"`;
}

/**
 * Fails unless the endpoint sends exactly our two statements with our params, and the bare driver
 * returns the endpoint's ids in its order and its total: otherwise the comparison means nothing.
 */
async function checkSameQueries({ db, org, sector }: Setup, url: string, cookie: string) {
  const { result: page, queries } = await captureQueries(db.database, async () => {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${db.label}: ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { items: { id: string }[]; total: number };
  });
  const listed = queries.filter((q) => /\bfrom "member"/.test(q.sql));
  const expected: LoggedQuery[] = [
    { sql: MEMBERS_PAGE_SQL, params: membersPageParams(org.id, sector.id, PAGE_SIZE) },
    { sql: MEMBERS_COUNT_SQL, params: membersCountParams(org.id, sector.id) },
  ];
  const missing = expected.filter((e) => !listed.some((q) => normalise(q.sql) === normalise(e.sql) && same(q.params, e.params)));
  if (missing.length || listed.length !== expected.length) {
    const show = (q: LoggedQuery) => `${normalise(q.sql)}\n    params ${JSON.stringify(q.params)}`;
    throw new Error(
      `${db.label}: the members list no longer sends the SQL in bench/members.sql.ts — update it.\n` +
        missing.map((e) => `  ${firstDifference(normalise(e.sql), listed.map((q) => normalise(q.sql)))}\n`).join('') +
        `  expected:\n    ${expected.map(show).join('\n    ')}\n  the endpoint sent:\n    ${listed.map(show).join('\n    ') || '(no statement on "member")'}`,
    );
  }

  const [rawPage, rawCount] = await Promise.all([
    db.raw.queryArrays(undefined, MEMBERS_PAGE_SQL, expected[0].params),
    db.raw.queryArrays(undefined, MEMBERS_COUNT_SQL, expected[1].params),
  ]);
  if (page.total !== sector.members || page.items.length !== PAGE_SIZE)
    throw new Error(`${db.label}: unexpected members page: total ${page.total} (the sector has ${sector.members}), ${page.items.length} items`);
  const rawIds = rawPage.rows.map((r) => String(r[MEMBER_ID_COLUMN]));
  if (!same(rawIds, page.items.map((i) => i.id)) || Number(rawCount.rows[0][0]) !== page.total)
    throw new Error(`${db.label}: the bare driver's members page/count differ from the endpoint's`);
}

/** GET /api/members?page=1&pageSize=50&sectorId=… against its two statements on the bare driver. */
async function measureList(setup: Setup): Promise<ListFigures> {
  const { db, org, sector, address, cookie } = setup;
  const url = `${address}/api/members?page=1&pageSize=${PAGE_SIZE}&sectorId=${sector.id}`;
  await checkSameQueries(setup, url, cookie);
  const pageParams = membersPageParams(org.id, sector.id, PAGE_SIZE);
  const countParams = membersCountParams(org.id, sector.id);
  if (process.env.BENCH_EXPLAIN) await explain(db, pageParams, countParams);
  // PGlite runs one statement at a time for one office: at 50 connections some requests wait past
  // autocannon's 10 s timeout, so it is measured at 10, which is an office's real load
  const conns = db.label === 'PGlite' ? 10 : CONNECTIONS;
  const what = `${MEMBERS.toLocaleString('en-US')} members, ${sector.members} in the sector, ${conns} connections`;

  log(`${db.label}: GET /api/members (${what}), ${SECONDS} s`);
  await cannon(url, { cookie }, WARMUP_SECONDS, conns);
  const api = await withCpu(() => cannon(url, { cookie }, SECONDS, conns));
  report.rows.push({ name: `${db.label}: GET /api/members?page=1&pageSize=${PAGE_SIZE}&sectorId=… (signed in as staff; ${what})`, f: api });

  log(`${db.label}: the same two statements through the bare driver, unnamed as drizzle sends them`);
  const both = (page?: string, count?: string) => () =>
    Promise.all([db.raw.queryArrays(page, MEMBERS_PAGE_SQL, pageParams), db.raw.queryArrays(count, MEMBERS_COUNT_SQL, countParams)]);
  await loop(both(), WARMUP_SECONDS, conns);
  const driver = await withCpu(() => loop(both(), SECONDS, conns));
  report.rows.push({ name: `${db.label}: same SQL, bare driver (page + count statements in parallel)`, f: driver });
  settle(db, api, driver);
  if (db.label !== 'PostgreSQL') return { api, driver };

  log(`${db.label}: the same two statements as named prepared statements`);
  const named = both('bench_members_page', 'bench_members_count');
  await loop(named, WARMUP_SECONDS);
  const prepared = await withCpu(() => loop(named));
  report.rows.push({ name: `${db.label}: same SQL, bare driver, named (prepared) statements`, f: prepared });
  return { api, driver, prepared };
}

async function explain(db: BenchDb, pageParams: unknown[], countParams: unknown[]) {
  for (const [text, params] of [[MEMBERS_PAGE_SQL, pageParams], [MEMBERS_COUNT_SQL, countParams]] as const) {
    const { rows } = await db.raw.query(undefined, `explain (analyze, buffers) ${text}`, [...params]);
    log(`${db.label}: EXPLAIN ANALYZE\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
  }
}

/* ------------------------------------------------------------------ one database */

async function benchMembers(db: BenchDb) {
  log(`${db.label}: migrating and generating an org of ${MEMBERS.toLocaleString('en-US')} members`);
  await migrate(db.database);
  const crypto = aesGcmFieldCrypto(randomBytes(32).toString('hex'));
  const b: Builder = { db: db.database.db, crypto };
  const org = await buildOrg(b, { name: '基准测试县政协' });
  const { account: staff } = await buildAccount(b, { org, roles: ['staff'] });
  const t0 = performance.now();
  const { sectors } = await buildMembers(b, org, MEMBERS);
  const seedSeconds = (performance.now() - t0) / 1000;
  await db.database.db.execute(sql`vacuum analyze`); // what autovacuum does within a minute of a bulk load
  const sector = sectors.reduce((best, s) => (Math.abs(s.members - SECTOR_SIZE) < Math.abs(best.members - SECTOR_SIZE) ? s : best));

  const app = await buildApp({ database: db.database, clock: systemClock, crypto }, { loginRateLimit: 100_000 });
  try {
    const address = await app.listen({ port: 0, host: HOST });
    const setup: Setup = { db, b, org, sector, address, cookie: await signIn(address, staff.loginName) };
    const list = await measureList(setup);
    const io = await measureImportExport(db, b, address, MEMBERS);
    return { list, seedSeconds, io };
  } finally {
    await app.close();
  }
}

/** The members part: PostgreSQL, then PGlite, then its target rows. */
export async function runMembers() {
  const pgr = await onPostgres('members', benchMembers);
  const lite = await onPglite(benchMembers);

  const { api, driver, prepared } = pgr.list;
  report.ratios.push(
    // the endpoint prepares its statements, so the like-for-like driver baseline is the named one
    ['PostgreSQL: members list ÷ bare driver, both with prepared statements (requests/s)', pct(api.rps, (prepared ?? driver).rps), '≥ 50%', met(api.rps / (prepared ?? driver).rps >= 0.5)],
    ['PostgreSQL: members list p99', `${fmt(api.p99)} ms`, '< 50 ms', met(api.p99 < 50)],
  );
  report.ratios.push(['PostgreSQL: members list ÷ bare driver sending the statements unnamed (re-planned each time)', pct(api.rps, driver.rps), '—', '—']);
  report.ratios.push(
    ['PGlite: members list ÷ bare driver', pct(lite.list.api.rps, lite.list.driver.rps), '—', '—'],
    [
      `(for information) generating the ${MEMBERS.toLocaleString('en-US')} members (buildMembers: encryption, pinyin, batches of 500), PostgreSQL / PGlite`,
      `${pgr.seedSeconds.toFixed(1)} s / ${lite.seedSeconds.toFixed(1)} s`,
      '—',
      '—',
    ],
    ...ioRatios('PostgreSQL', pgr.io),
    ...ioRatios('PGlite', lite.io),
  );
}
