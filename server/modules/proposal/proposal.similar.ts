import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can, requireAccess } from '../../core/access.js';
import { forbidden } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { similarTo } from '../search/search.similar.js';
import { rulesOf } from './proposal.access.js';
import { iso, proposerNameSql } from './proposal.item.js';
import { numberLabel, PROPOSAL_STATUS_LABELS, type ProposalStatus, type SimilarProposal, type SimilarProposalQuery } from './proposal.schema.js';
import { MEMBER_VISIBLE } from './proposal.visible.js';

type Similar = z.infer<typeof SimilarProposal>;
const LIMIT = 6;
const SNIPPET = 120;

/**
 * While a member drafts: earlier proposals of the org (filed or later, which every member may read)
 * sharing the draft's distinctive words, each with its first reply — the unit, the category and the
 * opening of the letter — so that the member sees what was asked and answered before.
 */
export async function similarProposals(ctx: Ctx, q: SimilarProposalQuery): Promise<{ items: Similar[] }> {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  if (!can(actor, 'proposal.write') && !can(actor, 'proposal.manage') && !actor.roles.includes('leader')) throw forbidden('查找相似提案供撰写和审查提案时参考，承办单位不能使用');
  if (!q.title && !q.text) return { items: [] };
  const statuses = sql.raw(`(${MEMBER_VISIBLE.map((s) => `'${s}'`).join(',')})`);
  const filters = sql`d.org_id = ${actor.orgId} and d.kind = 'proposal' and d.status in ${statuses}${q.exceptId ? sql` and d.ref_id <> ${q.exceptId}` : sql``}`;
  const found = await similarTo(ctx.db, { title: q.title, body: q.text }, filters, LIMIT, ctx.clock.now());
  if (!found.rows.length) return { items: [] };
  const rows = await rowsOf<{
    id: string;
    number: number | null;
    session: string;
    title: string;
    status: ProposalStatus;
    proposerName: string;
    text: string;
    reply: { unit: string; category: string | null; body: string; sentAt: string } | null;
  }>(
    ctx.db,
    sql`select x.id, x.number, ps.name as session, x.title, x.status, ${proposerNameSql('x')} as "proposerName",
        x.situation || ' ' || x.analysis || ' ' || x.suggestion as text,
        (select json_build_object('unit', u.name, 'category', y.category, 'body', y.body, 'sentAt', y.sent_at)
          from proposal_reply y join handling_unit u on u.id = y.unit_id
          where y.proposal_id = coalesce(x.merged_into_id, x.id) and y.status = 'sent' and y.kind = 'reply' order by y.sent_at limit 1) as reply
      from proposal x join plenary_session ps on ps.id = x.session_id
      where x.org_id = ${actor.orgId} and x.id in ${valueList(found.rows.map((r) => r.refId))}`,
  );
  const { rules } = await rulesOf(ctx.db, actor.orgId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = found.rows.flatMap((hit): Similar[] => {
    const r = byId.get(hit.refId);
    if (!r) return [];
    const words = found.words.filter((w) => r.title.includes(w) || r.text.includes(w));
    return [
      {
        id: r.id,
        numberLabel: numberLabel(r.number),
        session: r.session,
        title: r.title,
        status: r.status,
        statusLabel: PROPOSAL_STATUS_LABELS[r.status],
        proposerName: r.proposerName,
        reply: r.reply
          ? {
              unit: r.reply.unit,
              categoryLabel: r.reply.category ? (rules.replyCategories.find((c) => c.code === r.reply!.category)?.label ?? r.reply.category) : null,
              snippet: [...r.reply.body].length > SNIPPET ? `${[...r.reply.body].slice(0, SNIPPET).join('')}…` : r.reply.body,
              sentAt: iso(r.reply.sentAt)!,
            }
          : null,
        words,
      },
    ];
  });
  return { items };
}
