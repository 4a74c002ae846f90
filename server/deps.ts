import type { Config } from './config.js';
import { systemClock } from './core/clock.js';
import type { AppDeps } from './core/context.js';
import { aesGcmFieldCrypto, loadFieldKey } from './core/crypto.js';
import { migrate, openPglite, openPostgres } from './db/index.js';
import { encryptPlaintext } from './db/plaintext.js';

/**
 * Providers chosen in one place by environment: the database and the field encryption. The database is
 * migrated, and personal data a migration left in clear is encrypted, before anything reads it.
 */
export async function openDeps(config: Config): Promise<AppDeps> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  await migrate(database);
  const crypto = aesGcmFieldCrypto(loadFieldKey(config.fieldKey, config.dataDir));
  await encryptPlaintext(database.db, crypto);
  return { database, clock: systemClock, crypto };
}
