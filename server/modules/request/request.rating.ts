import { eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { updateDocState } from '../search/search.index.js';
import { addEvent, notifyAccounts, peopleFor, RESIDENT, staffOf } from './request.people.js';
import { assertRatable, byCode, trackRequest } from './request.public.js';
import { dueAtFrom } from './request.route.js';
import { rulesOf } from './request.rules.js';
import { RATING_LABELS, type RatingBody } from './request.schema.js';
import { request } from './request.table.js';

/**
 * The resident rates the answer (once per answer). 满意/基本满意 close the concern; 不满意 reopens it
 * with a new deadline, and staff (the group's liaison staff, else every staff account) and the
 * responsible member hear of it.
 */
export async function rateRequest(ctx: Ctx, code: string, b: RatingBody) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await byCode(tx, code);
    const [row] = await tx.select().from(request).where(eq(request.id, r.id)).for('update');
    assertRatable(row.status, row.rating);
    const unhappy = b.rating === 'unsatisfied';
    const rules = await rulesOf(tx, row.orgId);
    await tx
      .update(request)
      .set({
        rating: b.rating,
        ratingComment: b.comment ?? null,
        ratedAt: now,
        updatedAt: now,
        ...(unhappy ? { status: 'reopened', reopenCount: row.reopenCount + 1, dueAt: dueAtFrom(now, rules) } : { status: 'closed', closedAt: now }),
      })
      .where(eq(request.id, row.id));
    const label = RATING_LABELS[b.rating];
    await addEvent(tx, { orgId: row.orgId, requestId: row.id, kind: 'rated', by: RESIDENT, note: b.comment ? `${label}：${b.comment}` : label, data: { rating: b.rating }, at: now });
    if (unhappy) {
      await addEvent(tx, { orgId: row.orgId, requestId: row.id, kind: 'reopened', by: RESIDENT, data: { reopenCount: row.reopenCount + 1 }, at: now });
      const people = await peopleFor(tx, row.orgId, row.groupId, row.memberId);
      await notifyAccounts(
        tx,
        [people.member],
        {
          orgId: row.orgId,
          requestId: row.id,
          kind: 'request.reopened',
          title: `群众对答复不满意：${row.title}`,
          body: `查询码 ${row.code} 的群众对答复表示不满意${b.comment ? `（“${b.comment}”）` : ''}，诉求已重新打开，请跟进办理。`,
          at: now,
        },
        staffOf(people),
      );
    } else await addEvent(tx, { orgId: row.orgId, requestId: row.id, kind: 'closed', by: RESIDENT, note: `群众评价${label}`, at: now });
    await updateDocState(tx, 'request', row.id, { status: unhappy ? 'reopened' : 'closed' });
  });
  return trackRequest(ctx, code);
}
