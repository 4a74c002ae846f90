import { ensureWebBuilt } from '../server/web-build.js';

/** The browser tests click through the built pages: build them first if stale — the production bundle `npm start` serves. */
export async function setup() {
  await ensureWebBuilt(() => undefined);
}
