import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { containing, offsetOf, type Page } from '../../core/pagination.js';
import { rowsOf, valueList } from '../../core/sql.js';
import { maskName } from '../request/request.presenter.js';
import { orgByRegion } from '../request/request.raise.js';
import { maskNumbers } from '../search/segment.js';
import { rulesOf } from './proposal.access.js';
import { numberLabel, type ProposalRules, type PublicProposal, type PublicProposalQuery } from './proposal.schema.js';

/**
 * The public page of published replies (no account): number, session, title, category, the
 * proposers' names, the suggestion and each current reply — in full or the staff's summary — with
 * the unit, letter number and category. Never a phone number (every long digit run is removed, as
 * search removes them) and never the letter's contact person or phone.
 */

interface Row {
  id: string;
  number: number | null;
  session: string;
  title: string;
  category: string;
  proposer_name: string;
  suggestion: string;
  publish_mode: 'full' | 'summary';
  publish_summary: string | null;
  published_at: Date | string;
}
interface ReplyRow {
  proposal_id: string;
  unit: string;
  letter_no: string;
  category: string | null;
  body: string;
  contact_name: string;
  sent_at: Date | string;
  lead: boolean;
}

/** Published: in full or as a summary, and not withheld since. */
const published = sql`x.published_at is not null and x.publish_mode in ('full', 'summary')`;

const select = (orgId: string, where: SQL, page: SQL) => sql`
  select x.id, x.number, s.name as session, x.title, x.category, x.suggestion, x.publish_mode, x.publish_summary, x.published_at,
    coalesce(x.body_name, (select string_agg(pp.name, '、' order by sg.position) from proposal_signer sg join member m on m.id = sg.member_id join person pp on pp.id = m.person_id
      where sg.proposal_id = x.id and sg.status = 'confirmed'), '') as proposer_name
  from proposal x join plenary_session s on s.id = x.session_id
  where x.org_id = ${orgId} and ${published} and ${where}
  order by x.published_at desc, x.number desc nulls last, x.id ${page}`;

/** Each assignment's latest sent reply letter (not the co-handling units': they do not reply), lead first. */
const repliesOf = (ctx: Ctx, ids: string[]) =>
  ids.length
    ? rowsOf<ReplyRow>(
        ctx.db,
        sql`select * from (
            select distinct on (r.assignment_id) r.proposal_id, u.name as unit, r.letter_no, r.category, r.body, r.contact_name, r.sent_at, a.role in ('lead', 'sole') as lead
            from proposal_reply r join proposal_assignment a on a.id = r.assignment_id join handling_unit u on u.id = r.unit_id
            where r.proposal_id in ${valueList(ids)} and r.status = 'sent' and r.kind = 'reply' and a.status <> 'withdrawn' and a.role <> 'co'
            order by r.assignment_id, r.round desc, r.sent_at desc) c
          order by c.lead desc, c.sent_at, c.unit`,
      )
    : Promise.resolve([]);

/** A text as the public sees it: long digit runs (phones) gone, the letter's contact person's name masked. */
const clean = (text: string, contactName?: string) => {
  const masked = maskNumbers(text);
  return contactName && [...contactName].length >= 2 ? masked.split(contactName).join(maskName(contactName)!) : masked;
};
const iso = (v: Date | string) => new Date(v).toISOString();

function present(r: Row, replies: ReplyRow[], rules: ProposalRules): PublicProposal {
  const labelOf = (code: string | null) => (code ? (rules.replyCategories.find((c) => c.code === code)?.label ?? code) : null);
  const own = replies.filter((x) => x.proposal_id === r.id);
  const shown: PublicProposal['replies'] =
    r.publish_mode === 'summary'
      ? own.length
        ? [
            {
              unit: own.map((x) => x.unit).join('、'),
              letterNo: own.map((x) => x.letter_no).filter(Boolean).join('、'),
              categoryLabel: [...new Set(own.map((x) => labelOf(x.category)).filter((l) => l))].join('；') || null,
              text: clean(r.publish_summary ?? '', own[0].contact_name),
              mode: 'summary',
              sentAt: iso(own.map((x) => iso(x.sent_at)).sort().at(-1)!),
            },
          ]
        : []
      : own.map((x) => ({ unit: x.unit, letterNo: x.letter_no, categoryLabel: labelOf(x.category), text: clean(x.body, x.contact_name), mode: 'full', sentAt: iso(x.sent_at) }));
  return {
    id: r.id,
    numberLabel: numberLabel(r.number),
    session: r.session,
    title: clean(r.title),
    category: r.category,
    proposerName: r.proposer_name,
    suggestion: clean(r.suggestion),
    replies: shown,
    publishedAt: iso(r.published_at),
  };
}

/** Published proposals of the org, newest publication first; q matches the title. Five queries. */
export async function publicProposals(ctx: Ctx, regionCode: string, q: PublicProposalQuery): Promise<Page<PublicProposal>> {
  const o = await orgByRegion(ctx.db, regionCode);
  const { rules } = await rulesOf(ctx.db, o.id);
  const where = q.q ? sql`x.title ilike ${containing(q.q)}` : sql`true`;
  const rows = await rowsOf<Row>(ctx.db, select(o.id, where, sql`limit ${q.pageSize} offset ${offsetOf(q)}`));
  const [{ n }] = await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposal x where x.org_id = ${o.id} and ${published} and ${where}`);
  const replies = await repliesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, replies, rules)), total: n, page: q.page, pageSize: q.pageSize };
}

export async function publicProposal(ctx: Ctx, regionCode: string, id: string): Promise<PublicProposal> {
  const o = await orgByRegion(ctx.db, regionCode);
  const [r] = await rowsOf<Row>(ctx.db, select(o.id, sql`x.id = ${id}`, sql``));
  if (!r) throw notFound('该提案不存在或答复未公开');
  const { rules } = await rulesOf(ctx.db, o.id);
  return present(r, await repliesOf(ctx, [id]), rules);
}
