import { sql } from 'drizzle-orm';
import type { Ctx, Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { addWorkdays, chinaDate } from '../../core/workdays.js';
import { notify } from '../notification/notification.service.js';
import { addEvent, rulesOf } from './proposal.access.js';
import { numberLabel } from './proposal.schema.js';

/** What the scheduled jobs need: the database, the clock and the field crypto (tests pass the ManualClock). */
export type JobCtx = Pick<Ctx, 'db' | 'clock' | 'crypto'>;

interface Open {
  id: string;
  org_id: string;
  proposal_id: string;
  unit_id: string;
  unit_name: string;
  role: string;
  round: number;
  due_on: string;
  number: number | null;
  title: string;
}

const accountsOfUnit = (db: Executor, unitId: string) =>
  rowsOf<{ account_id: string }>(db, sql`select ua.account_id from handling_unit_account ua join account a on a.id = ua.account_id where ua.unit_id = ${unitId} and not a.disabled`);
const staffOf = (db: Executor, orgId: string) =>
  rowsOf<{ account_id: string }>(db, sql`select distinct ar.account_id from account_role ar join account a on a.id = ar.account_id where ar.org_id = ${orgId} and ar.role = 'staff' and not a.disabled`);

/**
 * Deadline reminders, with the scheduler's other reminders, over every org with its own rules and
 * calendar: a unit still handling hears of its deadline from `remindBeforeWorkdays` working days
 * before it (the reply, or a co-handling unit's input); once the deadline has passed, the staff hear
 * of it. Each message goes once per unit, round and deadline (an approved extension is a new
 * deadline) through the outbox's dedupe key, however often and by however many processes it runs.
 * Returns the number of messages sent.
 */
export async function runProposalReminders(ctx: JobCtx) {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const orgs = await rowsOf<{ org_id: string }>(ctx.db, sql`select distinct a.org_id from proposal_assignment a join proposal p on p.id = a.proposal_id where a.status = 'handling' and p.status = 'assigned'`);
  let sent = 0;
  for (const { org_id } of orgs) {
    const { rules, calendar } = await rulesOf(ctx.db, org_id);
    const limit = addWorkdays(today, rules.remindBeforeWorkdays, calendar);
    const rows = await rowsOf<Open>(
      ctx.db,
      sql`select a.id, a.org_id, a.proposal_id, a.unit_id, u.name as unit_name, a.role, a.round, a.due_on::text, p.number, p.title
        from proposal_assignment a join proposal p on p.id = a.proposal_id join handling_unit u on u.id = a.unit_id
        where a.org_id = ${org_id} and a.status = 'handling' and p.status = 'assigned' and a.due_on <= ${limit}
        order by a.due_on`,
    );
    for (const r of rows) {
      const overdue = r.due_on < today;
      const co = r.role === 'co';
      const name = `${r.number != null ? numberLabel(r.number) : ''}《${r.title}》`;
      const key = `proposal:${r.id}:${overdue ? 'overdue' : 'due'}:${r.round}:${r.due_on}`;
      const to = overdue ? await staffOf(ctx.db, org_id) : await accountsOfUnit(ctx.db, r.unit_id);
      const what = co ? '会办意见' : '答复';
      sent += await notify(
        ctx.db,
        to.map((x) => ({
          orgId: org_id,
          accountId: x.account_id,
          kind: overdue ? 'proposal.overdue' : 'proposal.due',
          title: overdue ? `提案${what}已超期：${r.title}` : `提案${what}即将到期：${r.title}`,
          body: overdue ? `${r.unit_name}办理的提案${name}${what}期限为 ${r.due_on}，已超期，请督促办理。` : `提案${name}的${what}期限为 ${r.due_on}，请按期办理。`,
          link: `/proposals/${r.proposal_id}`,
          targetType: 'proposal',
          targetId: r.proposal_id,
          dedupeKey: `${key}:${x.account_id}`,
          at: now,
        })),
      );
    }
  }
  return sent;
}

/**
 * Invitations to co-sign that nobody answered before the proposal's coSignDueAt lapse; the first
 * proposer is told who did not answer. Nothing else is closed by time. Returns the number lapsed.
 */
export async function lapseCoSignInvitations(ctx: JobCtx) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await rowsOf<{ proposal_id: string; org_id: string; title: string; names: string[] }>(
      tx,
      sql`with lapsed as (
          update proposal_signer s set status = 'lapsed' from proposal p
          where p.id = s.proposal_id and s.status = 'invited' and p.co_sign_due_at <= ${now.toISOString()}
          returning s.proposal_id, s.member_id, p.org_id, p.title)
        select l.proposal_id, l.org_id, l.title, array_agg(pe.name order by pe.name) as names
        from lapsed l join member m on m.id = l.member_id join person pe on pe.id = m.person_id
        group by l.proposal_id, l.org_id, l.title`,
    );
    let n = 0;
    for (const r of rows) {
      n += r.names.length;
      const note = `${r.names.join('、')}未在期限内答复联名邀请`;
      await addEvent({ ...ctx, actor: null, ip: null, userAgent: 'scheduler' }, tx, null, r.proposal_id, { kind: 'cosign_lapsed', note, orgId: r.org_id });
      const [first] = await rowsOf<{ account_id: string | null }>(
        tx,
        sql`select pe.account_id from proposal_signer s join member m on m.id = s.member_id join person pe on pe.id = m.person_id where s.proposal_id = ${r.proposal_id} and s.position = 0`,
      );
      if (first?.account_id)
        await notify(tx, [
          { orgId: r.org_id, accountId: first.account_id, kind: 'proposal.cosign', title: `联名邀请已过期：${r.title}`, body: `${note}，不再列为联名提案者。`, link: `/m/proposals/${r.proposal_id}`, targetType: 'proposal', targetId: r.proposal_id, at: now },
        ]);
    }
    return n;
  });
}
