import { ensureWebBuilt } from '../server/web-build.js';

/** The browser tests click through the built pages: build them first if stale. */
export async function setup() {
  await ensureWebBuilt(() => undefined);
}
