import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgliteDir } from './pglite-dir.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** where the data lives: a directory for PGlite, host/database for PostgreSQL (no password) */
  location: string;
  /** Number of SQL statements sent so far (tests assert lists load in a fixed number of queries). */
  queryCount(): number;
  /** A plain query for health checks and raw benchmarks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

const counter = () => {
  let n = 0;
  return { logger: { logQuery: () => void n++ }, count: () => n };
};

/** Opens PGlite in `dataDir` (or in memory when dataDir is undefined), or an existing PGlite instance. */
export async function openPglite(dataDir: string | undefined, existing?: PGlite): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = existing ?? (await PGlite.create(dataDir ? pgliteDir(dataDir) : undefined, {
      extensions: { pg_trgm },
      // PGlite lives inside our process: the default 128 MB of shared buffers alone would take the
      // server past its memory budget; the data files stay in the OS page cache anyway
      postgresqlconf: ['shared_buffers=16MB', 'wal_buffers=1MB'],
    }));
  const c = counter();
  const db = drizzlePglite({ client, schema, logger: c.logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dataDir ? pgliteDir(dataDir) : '内存',
    queryCount: c.count,
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // an idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports any lasting failure
  pool.on('error', (err) => console.error(`PostgreSQL 连接中断：${err.message}`));
  const c = counter();
  const db = drizzlePg({ client: pool, schema, logger: c.logger }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    location: `${u.hostname}:${u.port || 5432}${u.pathname}`,
    queryCount: c.count,
    ping: async () => void (await pool.query('select 1')),
    close: () => pool.end(),
  };
}

/** The advisory lock (an arbitrary constant of this app) held by the PostgreSQL process that migrates. */
const MIGRATION_LOCK = '7265431880001';

/**
 * Applies every committed migration in ./drizzle that has not run yet. On PostgreSQL several app processes
 * may start together on a new release: the first to take the lock migrates, the others wait for it and then
 * find nothing left to do (Drizzle's migrator alone would run the same migration in each, and all but one fail).
 */
export async function migrate(database: Database) {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
    return;
  }
  const client = await (database.db as unknown as { $client: pg.Pool }).$client.connect();
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    // the session lock ends with the connection too: a connection that cannot unlock is closed, not reused
    const broken = await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).then(
      () => undefined,
      (err: Error) => err,
    );
    client.release(broken);
  }
}
