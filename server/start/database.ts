import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteDir, pgliteExists } from '../db/pglite-dir.js';
import { runModule } from './child.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'database.child.ts');
const CREATING = '.creating-';

export interface DatabaseWork {
  signal: AbortSignal;
  log: (msg: string) => void;
}

const onMessage = (work: DatabaseWork) => (m: unknown) => {
  if ((m as { phase?: string }).phase === 'demo') work.log('空数据库：正在载入演示数据……');
};

/**
 * Makes the embedded database of `dataDir` when it has none (the caller holds the data-dir lock) and
 * says whether it did: in a child process, in `<dataDir>/.creating-<pid>/pg` — initdb, migrations and,
 * with `demo`, the demo data — moved to `<dataDir>/pg` only once complete. A start stopped or killed
 * half-way leaves no database behind, so the next start makes it again; it removes what such a start left.
 */
export async function ensureEmbeddedDatabase(dataDir: string, demo: boolean, work: DatabaseWork) {
  if (pgliteExists(dataDir)) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  for (const e of fs.readdirSync(dataDir)) if (e.startsWith(CREATING)) fs.rmSync(path.join(dataDir, e), { recursive: true, force: true });
  // a directory without PG_VERSION holds no database (PostgreSQL cannot start on it)
  fs.rmSync(pgliteDir(dataDir), { recursive: true, force: true });
  const temp = path.join(dataDir, `${CREATING}${process.pid}`);
  work.log(`正在创建内嵌数据库（${pgliteDir(dataDir)}）${demo ? '并载入演示数据' : ''}……`);
  try {
    await runModule(CHILD, [temp, ...(demo ? ['--demo'] : [])], '创建数据库', { signal: work.signal, onMessage: onMessage(work) });
    fs.renameSync(pgliteDir(temp), pgliteDir(dataDir));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  return true;
}

/** The demo loaded into DATABASE_URL's (empty, migrated) database by a child process; a stop kills it. */
export const loadDemoInChild = (work: DatabaseWork) =>
  runModule(CHILD, ['--demo'], '载入演示数据', { signal: work.signal, onMessage: onMessage(work) });
