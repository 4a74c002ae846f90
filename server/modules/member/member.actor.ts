import { sql } from 'drizzle-orm';
import type { OrgActor } from '../../core/access.js';
import type { Executor } from '../../core/context.js';
import { rowsOf } from '../../core/sql.js';

/** The signed-in account's active membership of the org it acts in, or null. */
export async function actorMemberId(db: Executor, actor: OrgActor): Promise<string | null> {
  const [m] = await rowsOf<{ id: string }>(
    db,
    sql`select m.id from member m join person p on p.id = m.person_id
      where m.org_id = ${actor.orgId} and p.account_id = ${actor.accountId} and m.status = 'active'`,
  );
  return m?.id ?? null;
}
