import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(rootDir, 'web', 'dist');
const STAMP = path.join(webDist, '.source-hash');

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'dist' && e.name !== 'node_modules') yield* files(p);
    } else yield p;
  }
}

/** A hash of everything the web build reads: sources, the Vite config and the locked dependencies. */
function sourceHash() {
  const h = createHash('sha256');
  const inputs = [...files(path.join(rootDir, 'web')), path.join(rootDir, 'vite.config.ts'), path.join(rootDir, 'package-lock.json')];
  for (const f of inputs.sort()) {
    if (!fs.existsSync(f)) continue;
    h.update(path.relative(rootDir, f)).update(fs.readFileSync(f));
  }
  // the web client imports the shared zod schemas from server/modules
  for (const f of [...files(path.join(rootDir, 'server', 'modules')), ...files(path.join(rootDir, 'server', 'core'))].sort()) {
    if (/\.(schema|policy)\.ts$|pagination\.ts$/.test(f)) h.update(path.relative(rootDir, f)).update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

/** Builds the web client when it is missing or its sources changed since the last build. */
export async function ensureWebBuilt(log: (msg: string) => void = console.log) {
  const hash = sourceHash();
  const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : null;
  if (built === hash && fs.existsSync(path.join(webDist, 'index.html'))) return false;
  log(built ? '前端代码有改动，正在重新构建……' : '首次启动，正在构建前端……');
  const { build } = await import('vite');
  await build({ configFile: path.join(rootDir, 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(STAMP, hash);
  return true;
}
