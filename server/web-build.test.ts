import { describe, expect, it } from 'vitest';
import { staleBecause, WEB_BUILD_MODE } from './web-build.js';

/** The stamp decides whether `npm start` and the browser tests' global setup rebuild web/dist. */
describe('web build stamp', () => {
  const sources = 'a'.repeat(64);
  it('keeps the production build of the current sources', () => {
    expect(WEB_BUILD_MODE).toBe('production');
    expect(staleBecause({ mode: 'production', sources }, sources, true)).toBeNull();
  });
  it('rebuilds a build of another mode, even of the same sources (a development bundle left by an older test run)', () => {
    expect(staleBecause({ mode: 'development', sources }, sources, true)).toContain('按 production 模式重新构建');
    expect(staleBecause({ mode: 'test', sources }, sources, true)).toContain('按 production 模式重新构建');
  });
  it('rebuilds changed sources, a missing stamp (an interrupted or older build) and a missing index.html', () => {
    expect(staleBecause({ mode: 'production', sources: 'b'.repeat(64) }, sources, true)).toContain('前端代码有改动');
    expect(staleBecause(null, sources, true)).toContain('正在构建前端');
    expect(staleBecause({ mode: 'production', sources }, sources, false)).toContain('正在构建前端');
  });
});
