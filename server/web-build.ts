import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './start/child.js';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(rootDir, 'web', 'dist');
/** What the bundle in web/dist was built from, and how: written after a successful build. */
export const STAMP = path.join(webDist, '.build.json');

/**
 * The one build users get: `npm start`, the browser tests' global setup and anything else that calls
 * ensureWebBuilt produce the same production bundle whatever NODE_ENV the caller runs under (Vitest
 * sets NODE_ENV=test, and Vite builds React's development bundle under any NODE_ENV but production).
 */
export const WEB_BUILD_MODE = 'production';

export interface WebBuildStamp {
  mode: string;
  sources: string;
}

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

export function readWebBuildStamp(): WebBuildStamp | null {
  try {
    const s = JSON.parse(fs.readFileSync(STAMP, 'utf8')) as Partial<WebBuildStamp>;
    return typeof s.mode === 'string' && typeof s.sources === 'string' ? { mode: s.mode, sources: s.sources } : null;
  } catch {
    return null;
  }
}

/** Why web/dist must be (re)built, or null when it is the production build of the current sources. */
export function staleBecause(stamp: WebBuildStamp | null, sources: string, hasIndex: boolean): string | null {
  if (!stamp || !hasIndex) return '首次启动，正在构建前端……';
  if (stamp.mode !== WEB_BUILD_MODE) return `前端是 ${stamp.mode} 模式的构建，正在按 ${WEB_BUILD_MODE} 模式重新构建……`;
  if (stamp.sources !== sources) return '前端代码有改动，正在重新构建……';
  return null;
}

/**
 * Builds the web client when it is missing, stale or not the production build — in a child process
 * (Vite's command line), so the ~800 MB the bundler takes are returned when it exits. Aborting kills
 * the build; the stamp is written only after a complete one, so an interrupted build is redone.
 */
export async function ensureWebBuilt(log: (msg: string) => void, signal: AbortSignal = new AbortController().signal) {
  const sources = sourceHash();
  const why = staleBecause(readWebBuildStamp(), sources, fs.existsSync(path.join(webDist, 'index.html')));
  if (!why) return false;
  log(why);
  fs.rmSync(STAMP, { force: true });
  const vite = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  await runNode(vite, ['build', '--config', path.join(rootDir, 'vite.config.ts'), '--mode', WEB_BUILD_MODE, '--logLevel', 'warn'], '前端构建', {
    signal,
    cwd: rootDir,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.writeFileSync(STAMP, JSON.stringify({ mode: WEB_BUILD_MODE, sources } satisfies WebBuildStamp));
  return true;
}
