/**
 * The database the search and raise parts share: a fresh database on the PostgreSQL server with one
 * org of BENCH_SEARCH_ROWS (default 1,000,000) generated concerns' search rows, loaded once by the first
 * part that needs it and dropped by run.ts when all parts are done (releaseSearchDb).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { aesGcmFieldCrypto } from '../server/core/crypto.js';
import { migrate, openPostgres, type Database } from '../server/db/index.js';
import type { Builder } from '../server/demo/builders.js';
import { log, PG_URL, report, sleep } from './support.js';
import { loadSearchRows, type Loaded } from './search.load.js';

export const SEARCH_ROWS = Math.max(1000, Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000));
export const REGION = '429901';

export interface SearchDb {
  database: Database;
  b: Builder;
  url: string;
  loaded: Loaded;
  /** a bare pg pool on the same database, for the ILIKE baseline */
  raw: pg.Pool;
}

let shared: Promise<SearchDb> | undefined;
const dbName = `xs_bench_${process.pid}_search`;

async function open(): Promise<SearchDb> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  report.pgVersion = String((await admin.query('show server_version')).rows[0].server_version);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const database = await openPostgres(url);
  await migrate(database);
  const b: Builder = { db: database.db, crypto: aesGcmFieldCrypto(randomBytes(32).toString('hex')) };
  log(`search: generating ${SEARCH_ROWS.toLocaleString('en-US')} concerns' search rows (jieba in worker threads, indexDocs)`);
  const loaded = await loadSearchRows(database, b, url, SEARCH_ROWS, REGION);
  log(`search: loaded in ${loaded.seconds.rows.toFixed(0)} s, GIN index ${loaded.seconds.index.toFixed(0)} s; table ${loaded.sizes.table}, GIN ${loaded.sizes.gin}`);
  const raw = new pg.Pool({ connectionString: url, max: 4 });
  raw.on('error', (err) => log(`bench pool: ${err.message}`));
  return { database, b, url, loaded, raw };
}

/** The loaded database, loading it on first use. */
export const searchDb = () => (shared ??= open());

/** Drops the database if a part loaded it. */
export async function releaseSearchDb() {
  if (!shared) return;
  const s = await shared.catch(() => undefined);
  shared = undefined;
  await s?.raw.end();
  await s?.database.close();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
    if (rows[0].n === 0) break;
    await sleep(100);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
