import { eq, sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { chinaDate } from '../../core/workdays.js';
import type { Db } from '../../db/index.js';
import { writeAudit } from '../audit/audit.service.js';
import { addEvent, loadProposal, notifyProposers } from './proposal.access.js';
import { PUBLISH_MODE_LABELS, type ProposalView, type PublishBody } from './proposal.schema.js';
import { proposal, proposalEvent } from './proposal.table.js';
import { getProposal } from './proposal.view.js';
import { assertAction } from './proposal.workflow.js';

/**
 * 答复公开: staff publish a replied proposal's replies in full or as a summary, or withhold them with a
 * reason — only where the proposers agreed to publication (mayPublish). What staff leave undecided is
 * published in full by the daily job once publishDueOn (publishWorkdays after the reply) has come.
 */

export const NOT_PUBLISHABLE = '提案者不同意公开，不能公开答复';

export async function publishProposal(ctx: Ctx, id: string, b: PublishBody): Promise<ProposalView> {
  const actor = requireAccess(ctx.actor, 'proposal.manage');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, actor, id, true);
    assertAction(p.status, 'publish');
    if (b.mode !== 'withheld' && !p.mayPublish) throw conflict(NOT_PUBLISHABLE);
    // the reply answers the proposals merged into this one too: each of their proposers must allow it
    const [refusing] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from proposal m where m.merged_into_id = ${id} and not m.may_publish`);
    if (b.mode !== 'withheld' && refusing.n) throw conflict('并入本案的提案中有提案者不同意公开，不能公开答复');
    const now = ctx.clock.now();
    const set =
      b.mode === 'withheld'
        ? { publishMode: b.mode, publishSummary: null, publishedAt: null, withheldReason: b.reason }
        : { publishMode: b.mode, publishSummary: b.mode === 'summary' ? b.summary : null, publishedAt: p.publishedAt ?? now, withheldReason: null };
    await tx
      .update(proposal)
      .set({ ...set, updatedAt: now })
      .where(eq(proposal.id, id));
    const label = PUBLISH_MODE_LABELS[b.mode];
    const title = `《${p.title}》`;
    if (b.mode === 'withheld') {
      await addEvent(ctx, tx, actor, id, { kind: 'withheld', note: b.reason });
    } else {
      await addEvent(ctx, tx, actor, id, { kind: 'published', note: b.mode === 'summary' ? `${label}：${b.summary}` : label });
      if (!p.publishedAt) await notifyProposers(tx, id, { kind: 'proposal.published', title: `您的提案${title}的答复已公开（${label}）`, at: now });
    }
    const before = { publishMode: p.publishMode, publishSummary: p.publishSummary, publishedAt: p.publishedAt, withheldReason: p.withheldReason };
    await writeAudit(ctx, { action: 'proposal.publish', summary: `提案${title}答复${label}${b.mode === 'withheld' ? `：${b.reason}` : ''}`, targetType: 'proposal', targetId: id, before, after: set }, tx);
  });
  return getProposal(ctx, id);
}

/**
 * The daily job: publishes in full the replied proposals whose publishDueOn has come (China date),
 * that the proposers allowed to publish and that staff left undecided. Returns how many it published.
 */
export async function publishDue(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const rows = await rowsOf<{ id: string; org_id: string; title: string }>(
      tx,
      sql`update proposal set publish_mode = 'full', published_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        where publish_mode is null and may_publish and status in ('replied', 'closed')
          and not exists (select 1 from proposal m where m.merged_into_id = proposal.id and not m.may_publish)
          and publish_due_on is not null and publish_due_on <= ${chinaDate(now)}::date
        returning id, org_id, title`,
    );
    if (!rows.length) return 0;
    await tx.insert(proposalEvent).values(
      rows.map((r) => ({ orgId: r.org_id, proposalId: r.id, kind: 'published', actorName: '系统', note: `${PUBLISH_MODE_LABELS.full}（到期自动公开）`, at: now })),
    );
    for (const r of rows) await notifyProposers(tx, r.id, { kind: 'proposal.published', title: `您的提案《${r.title}》的答复已公开（全文公开）`, at: now });
    return rows.length;
  });
}
