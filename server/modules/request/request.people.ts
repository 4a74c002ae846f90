import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';
import { notify } from '../notification/notification.service.js';
import type { EventKind } from './request.schema.js';
import { requestEvent } from './request.table.js';

/** The signed-in member (委员) of the org: their group and the group they convene. One query. */
export interface Me {
  id: string;
  name: string;
  groupId: string | null;
  /** the group they convene (召集人), if any */
  convenes: string | null;
}
export async function memberOf(db: Executor, orgId: string, accountId: string): Promise<Me | null> {
  const [me] = await rowsOf<Me>(
    db,
    sql`select m.id, p.name, gm.group_id as "groupId", (select g.id from member_group g where g.convener_id = m.id limit 1) as convenes
      from member m join person p on p.id = m.person_id left join group_member gm on gm.member_id = m.id
      where m.org_id = ${orgId} and p.account_id = ${accountId} and m.status = 'active'`,
  );
  return me ?? null;
}

/** Who hears of a concern: the responsible member's and the group convener's accounts, the group's liaison staff, the org's staff. */
export interface People {
  member: string | null;
  convener: string | null;
  liaison: string | null;
  staff: string[];
}
export async function peopleFor(db: Executor, orgId: string, groupId: string | null, memberId: string | null): Promise<People> {
  const [row] = await rowsOf<People>(
    db,
    sql`select
        (select p.account_id from member m join person p on p.id = m.person_id where m.id = ${memberId}) as member,
        (select p.account_id from member_group g join member m on m.id = g.convener_id join person p on p.id = m.person_id where g.id = ${groupId}) as convener,
        (select g.liaison_account_id from member_group g where g.id = ${groupId}) as liaison,
        coalesce((select json_agg(distinct ar.account_id) from account_role ar join account a on a.id = ar.account_id
          where ar.org_id = ${orgId} and ar.role = 'staff' and not a.disabled), '[]'::json) as staff`,
  );
  return row;
}
/** The group's liaison staff, or without one every staff account of the org. */
export const staffOf = (p: People) => (p.liaison ? [p.liaison] : p.staff);

export interface Message {
  orgId: string;
  requestId: string;
  kind: string;
  title: string;
  body?: string;
  dedupeKey?: string;
  at: Date;
}
/** One message to several accounts (members open /m/requests/<id>, staff /requests/<id>). */
export function notifyAccounts(db: Executor, accounts: (string | null)[], m: Message, staff: (string | null)[] = []) {
  const seen = new Set<string>();
  const items = [...accounts.map((a) => [a, false] as const), ...staff.map((a) => [a, true] as const)]
    .filter((x): x is readonly [string, boolean] => !!x[0] && !seen.has(x[0]) && !!seen.add(x[0]))
    .map(([accountId, isStaff]) => ({
      orgId: m.orgId,
      accountId,
      kind: m.kind,
      title: m.title,
      body: m.body,
      link: isStaff ? `/requests/${m.requestId}` : `/m/requests/${m.requestId}`,
      targetType: 'request',
      targetId: m.requestId,
      dedupeKey: m.dedupeKey ?? null,
      at: m.at,
    }));
  return notify(db, items);
}

export interface EventActor {
  accountId: string | null;
  name: string;
  /** who they were: the resident, a member, staff, or the system (jobs) */
  role: 'resident' | 'member' | 'staff' | 'system';
}
export const RESIDENT: EventActor = { accountId: null, name: '群众', role: 'resident' };
export const SYSTEM: EventActor = { accountId: null, name: '系统', role: 'system' };

export async function addEvent(db: Executor, e: { orgId: string; requestId: string; kind: EventKind; by: EventActor; note?: string | null; data?: Record<string, unknown>; at: Date }) {
  await db.insert(requestEvent).values({
    orgId: e.orgId,
    requestId: e.requestId,
    kind: e.kind,
    actorAccountId: e.by.accountId,
    actorName: e.by.name,
    note: e.note ?? null,
    data: { role: e.by.role, ...(e.data ?? {}) },
    at: e.at,
  });
}
