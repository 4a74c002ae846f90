import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPglite, openPostgres } from '../db/index.js';

/**
 * Migrates one template database per test run; each test file then gets its own copy
 * (PGlite: a restored data-dir dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export const TEMPLATE_FILE = path.resolve('.tmp/pglite-template.tar.gz');

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    const name = `xs_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), 1);
    await migrate(db);
    await db.close();
    project.provide('templateDb', name);
    return async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      // this run's own databases only (a regex: LIKE's _ would match other runs' names too)
      const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname ~ $1`, [`^xs_t[0-9a-f]{8}_${process.pid}_f$`]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openPglite(undefined);
  await migrate(db);
  const client = (db.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  fs.writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb?: string;
  }
}
