import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { addDays } from '../../core/workdays.js';
import type { ProposalKind } from './proposal.schema.js';

/**
 * Which session a proposal belongs to, and whether it is a 大会提案 or a 平时提案, by the day it is
 * written and submitted: the session whose collection window [start − plenaryWindowDays, end] holds
 * the day makes it 'plenary'; otherwise it is 'interim', of the latest session that began before.
 * And the numbers given on filing: 1, 2, 3… per session.
 */
export interface SessionRow {
  id: string;
  name: string;
  termId: string;
  startDate: string;
  endDate: string | null;
}

export async function sessionsOf(db: Executor, orgId: string): Promise<SessionRow[]> {
  return rowsOf<SessionRow>(
    db,
    sql`select s.id, s.name, s.term_id as "termId", s.start_date::text as "startDate", s.end_date::text as "endDate"
      from plenary_session s where s.org_id = ${orgId} order by s.start_date desc, s.number desc`,
  );
}

/** The pure rule: the session and kind for `today` among `sessions` (any order); null when no session fits. */
export function pickSession(sessions: SessionRow[], today: string, windowDays: number): { session: SessionRow; kind: ProposalKind } | null {
  const byStart = [...sessions].sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  const open = byStart.find((s) => addDays(s.startDate, -windowDays) <= today && today <= (s.endDate ?? s.startDate));
  if (open) return { session: open, kind: 'plenary' };
  const before = byStart.find((s) => s.startDate < today);
  return before ? { session: before, kind: 'interim' } : null;
}

export const NO_SESSION = '尚未设置届次会议，暂不能提交提案';

/** The session and kind of a proposal written or submitted today; 409 when the org has no session yet. */
export async function sessionFor(db: Executor, orgId: string, today: string, windowDays: number) {
  const picked = pickSession(await sessionsOf(db, orgId), today, windowDays);
  if (!picked) throw new AppError(409, 'NO_SESSION', NO_SESSION);
  return { sessionId: picked.session.id, termId: picked.session.termId, kind: picked.kind, sessionName: picked.session.name };
}

/** The next 立案号 of a session; the session's numbering is serialised by a transaction lock. */
export async function nextNumber(tx: Executor, sessionId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`proposal-number:${sessionId}`}))`);
  const [r] = await rowsOf<{ n: number }>(tx, sql`select coalesce(max(number), 0)::int + 1 as n from proposal where session_id = ${sessionId}`);
  return r.n;
}
