/**
 * Child process of start-up (database.ts): creates a new embedded database in the directory given
 * (PostgreSQL's initdb, in WebAssembly, takes ~600 MB that would otherwise stay with the server), or
 * with no directory opens DATABASE_URL's server; applies the migrations; with `--demo` loads the demo
 * (between its two audit marks, demo.ts). Exits when done; the parent moves a new embedded database into place.
 */
import { readConfig } from '../config.js';
import { aesGcmFieldCrypto, loadFieldKey } from '../core/crypto.js';
import { migrate, openPglite, openPostgres } from '../db/index.js';

// a parent that died must not leave this running
process.on('disconnect', () => process.exit(1));

const args = process.argv.slice(2);
const demo = args.includes('--demo');
const target = args.find((a) => !a.startsWith('--'));
const config = readConfig();
const database = target ? await openPglite(target) : await openPostgres(config.databaseUrl!, 1);
try {
  await migrate(database);
  if (demo) {
    process.send?.({ phase: 'demo' });
    // imported only now: the modules the demo needs are not in memory while initdb peaks
    const { loadDemo } = await import('../demo/demo.js');
    await loadDemo({ db: database.db, crypto: aesGcmFieldCrypto(loadFieldKey(config.fieldKey, config.dataDir)) });
  }
} finally {
  await database.close();
}
process.exit(0);
