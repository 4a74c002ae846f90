import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { writeAudit } from '../modules/audit/audit.service.js';
import { testApp, type TestApp } from '../test/harness.js';
import { buildOrg } from './builders.js';
import { demoState } from './demo.js';

/** How start-up tells an empty database, a partly loaded demo and a loaded one apart (main.ts). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('demo state', () => {
  it('is empty without orgs, partial when a demo load began and never finished, present otherwise', async () => {
    expect(await demoState(t.b.db)).toBe('empty');
    const ctx = { ...t.b, clock: systemClock, actor: null, ip: null, userAgent: 'test' };
    // a load stopped after its first rows
    await writeAudit(ctx, { orgId: null, actorName: '系统', action: 'demo.load', summary: '开始载入演示数据' });
    await buildOrg(t.b);
    expect(await demoState(t.b.db)).toBe('partial');
    await writeAudit(ctx, { orgId: null, actorName: '系统', action: 'demo.loaded', summary: '演示数据载入完成' });
    expect(await demoState(t.b.db)).toBe('present');
  });
});
