import type { Database, Db } from '../db/index.js';
import type { Actor } from './access.js';
import type { Clock } from './clock.js';
import type { FieldCrypto } from './crypto.js';

/** Everything a service function needs: the database, the clock, the crypto and who is asking. */
export interface Ctx {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
}

/** What the app is built from; chosen once at start-up (main.ts) or per test file. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  crypto: FieldCrypto;
}

/** A transaction or the database itself: services write audit entries in the same transaction. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
