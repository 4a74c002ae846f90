import fs from 'node:fs';
import path from 'node:path';

/** Where PGlite keeps its database inside the data dir (no database code imported: start-up checks it first). */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pg');
/** Whether the data dir holds a database (a complete one: a new one is moved in only once it is ready). */
export const pgliteExists = (dataDir: string) => fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'));
