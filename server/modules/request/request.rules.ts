import { eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import { mergePatch } from '../../core/body.js';
import type { Ctx, Executor } from '../../core/context.js';
import { writeAudit } from '../audit/audit.service.js';
import { lockOrg } from '../org/org.service.js';
import { org } from '../org/org.table.js';
import { RequestRules, requestRulesOf, type RequestRulesBody } from './request.schema.js';

/** The org's rules for concerns (deadlines, limits, retention), over the national defaults. */
export async function rulesOf(db: Executor, orgId: string): Promise<RequestRules> {
  const [row] = await db.select({ settings: org.settings }).from(org).where(eq(org.id, orgId));
  return requestRulesOf(row?.settings.requests);
}

/** SQL reading one rule of the org aliased `o`, with the default (for the jobs, which run over every org). */
export const ruleSql = (key: keyof RequestRules, fallback: number) => sql`coalesce((o.settings->'requests'->>${key})::int, ${fallback})`;

export async function getRequestRules(ctx: Ctx) {
  const actor = requireAccess(ctx.actor, 'request.read');
  return rulesOf(ctx.db, actor.orgId);
}

/** A change names only the rules that change; the result is checked as a whole (the org row locked meanwhile). */
export async function updateRequestRules(ctx: Ctx, body: RequestRulesBody) {
  const actor = requireAccess(ctx.actor, 'request.manage');
  return ctx.db.transaction(async (tx) => {
    const before = requestRulesOf((await lockOrg(tx, actor.orgId)).settings.requests);
    const after = RequestRules.parse(mergePatch(before, body));
    // merged in the database: the other sections of settings are never overwritten by a stale copy
    await tx.update(org).set({ settings: sql`${org.settings} || ${JSON.stringify({ requests: after })}::jsonb` }).where(eq(org.id, actor.orgId));
    const changed = (Object.keys(after) as (keyof RequestRules)[]).filter((k) => after[k] !== before[k]);
    await writeAudit(ctx, { action: 'request.rules', summary: `修改诉求办理规则（${changed.join('、') || '无变化'}）`, targetType: 'org', targetId: actor.orgId, before, after }, tx);
    return after;
  });
}
