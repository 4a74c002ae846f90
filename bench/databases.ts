/**
 * The databases the parts measure on: a fresh database on the PostgreSQL server (dropped after),
 * and PGlite in a temporary directory; each with the app's own Database and a bare driver on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../server/db/index.js';
import { log, PG_URL, report, sleep, type Figures } from './support.js';

export interface RawDriver {
  /**
   * Rows as objects. `name` makes a named (server-side prepared) statement where the driver has
   * them, as drizzle's `.prepare()`; undefined sends an unnamed one, as an unprepared drizzle query.
   */
  query(name: string | undefined, text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Rows as arrays, the way drizzle reads a select (its columns may share names: member.id, person.id). */
  queryArrays(name: string | undefined, text: string, params: unknown[]): Promise<{ rows: unknown[][] }>;
}

export interface BenchDb {
  label: 'PostgreSQL' | 'PGlite';
  database: Database;
  raw: RawDriver;
}

/** PGlite runs in the main thread: it has no PostgreSQL processes to account for. */
export const settle = (db: BenchDb, ...figures: Figures[]) => {
  if (db.label !== 'PostgreSQL') for (const f of figures) delete f.pgCpu;
};

/** A fresh database `xs_bench_<pid>_<part>` on the PostgreSQL server for `run`, dropped after. */
export async function onPostgres<T>(part: string, run: (db: BenchDb) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  report.pgVersion = String((await admin.query('show server_version')).rows[0].server_version);
  const dbName = `xs_bench_${process.pid}_${part}`;
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  let database: Database | undefined;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  pool.on('error', (err) => log(`bench pool: ${err.message}`));
  try {
    database = await openPostgres(url.toString()); // the app's pool: 10 connections
    const raw: RawDriver = {
      query: (name, text, values) => pool.query({ name, text, values }),
      queryArrays: (name, text, values) => pool.query({ name, text, values, rowMode: 'array' }),
    };
    return await run({ label: 'PostgreSQL', database, raw });
  } finally {
    await pool.end();
    await database?.close();
    // pool.end() resolves before the server has seen the connections close; forcing the drop
    // earlier would make both pools report terminated connections
    for (let i = 0; i < 50; i++) {
      const { rows: open } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
      if (open[0].n === 0) break;
      await sleep(100);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** PGlite with the server's own settings in a temporary directory for `run`, removed after. */
export async function onPglite<T>(run: (db: BenchDb) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-pglite-'));
  try {
    const database = await openPglite(dir);
    try {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      const raw: RawDriver = {
        query: (_name, text, params) => client.query<Record<string, unknown>>(text, params),
        queryArrays: (_name, text, params) => client.query<unknown[]>(text, params, { rowMode: 'array' }),
      };
      return await run({ label: 'PGlite', database, raw });
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface LoggedQuery {
  sql: string;
  params: unknown[];
}

/**
 * The statements drizzle sends while `during` runs, read from the logger the Database was opened
 * with (drizzle keeps it on the session and hands it to every query it prepares).
 */
export async function captureQueries<T>(database: Database, during: () => Promise<T>): Promise<{ result: T; queries: LoggedQuery[] }> {
  const logger = (database.db as unknown as { session?: { logger?: { logQuery(sql: string, params: unknown[]): void } } }).session?.logger;
  if (!logger) throw new Error('cannot capture the SQL: the drizzle session has no logger (drizzle internals changed?)');
  const queries: LoggedQuery[] = [];
  const original = logger.logQuery;
  logger.logQuery = function (sql, params) {
    queries.push({ sql, params: [...params] });
    original.call(this, sql, params);
  };
  try {
    return { result: await during(), queries };
  } finally {
    logger.logQuery = original;
  }
}
