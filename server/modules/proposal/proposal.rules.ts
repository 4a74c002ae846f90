import { eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { mergePatch } from '../../core/body.js';
import { chinaDate, WorkCalendarBody, type WorkCalendar } from '../../core/workdays.js';
import { writeAudit } from '../audit/audit.service.js';
import { lockOrg } from '../org/org.service.js';
import { org } from '../org/org.table.js';
import { rulesOf } from './proposal.access.js';
import { ProposalRules, type ProposalRulesUpdate, type ProposalRulesView } from './proposal.schema.js';
import { pickSession, sessionsOf } from './proposal.session.js';

/**
 * The org's proposal rules (org.settings.proposals, over the national default) and its local
 * working-day calendar (org.settings.calendar), with the sessions and the one proposals go to today.
 */
async function viewOf(ctx: Ctx, db: Executor, orgId: string): Promise<ProposalRulesView> {
  const { rules, calendar } = await rulesOf(db, orgId);
  const sessions = await sessionsOf(db, orgId);
  const current = pickSession(sessions, chinaDate(ctx.clock.now()), rules.plenaryWindowDays)?.session.id ?? null;
  return { rules, calendar, sessions: sessions.map((s) => ({ ...s, current: s.id === current })) };
}

export async function getProposalRules(ctx: Ctx): Promise<ProposalRulesView> {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  return viewOf(ctx, ctx.db, actor.orgId);
}

/** A change names only what changes; the rules are checked as a whole (400 with the reason, nothing saved), the org row locked meanwhile. */
export async function updateProposalRules(ctx: Ctx, body: ProposalRulesUpdate): Promise<ProposalRulesView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  return ctx.db.transaction(async (tx) => {
    await lockOrg(tx, actor.orgId);
    const before = await rulesOf(tx, actor.orgId);
    const { calendar: cal, ...changes } = body;
    const rules = ProposalRules.parse(mergePatch(before.rules, changes));
    const calendar: WorkCalendar = WorkCalendarBody.parse(mergePatch(before.calendar, cal));
    // merged in the database: the other rules kept in settings are never overwritten by a stale copy
    await tx.update(org).set({ settings: sql`${org.settings} || ${JSON.stringify({ proposals: rules, calendar })}::jsonb` }).where(eq(org.id, actor.orgId));
    const changed = (Object.keys(rules) as (keyof ProposalRules)[]).filter((k) => JSON.stringify(rules[k]) !== JSON.stringify(before.rules[k]));
    if (JSON.stringify(calendar) !== JSON.stringify(before.calendar)) changed.push('calendar' as never);
    await writeAudit(
      ctx,
      { action: 'proposal.rules', summary: `修改提案工作规则（${changed.join('、') || '无变化'}）`, targetType: 'org', targetId: actor.orgId, before, after: { rules, calendar } },
      tx,
    );
    return viewOf(ctx, tx, actor.orgId);
  });
}
