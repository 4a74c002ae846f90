import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/context.js';
import { fieldError } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import type { RequestRules } from './request.schema.js';
import { requestCategory } from './request.table.js';

/**
 * Routing rules of a new concern (协商到你家): the group covering its place, else the group covering
 * the place's township; the special committee its category names. No covering group: the concern
 * stays unrouted (group null) and staff route it by hand.
 */
export interface RouteFacts {
  placeGroupId: string | null;
  townshipGroupId: string | null;
  categoryCommitteeId: string | null;
}
export const pickRoute = (f: RouteFacts) => ({ groupId: f.placeGroupId ?? f.townshipGroupId ?? null, committeeId: f.categoryCommitteeId ?? null });

/** The first answer is due firstAnswerDays after raising (or after a reopening). */
export const dueAtFrom = (from: Date, rules: Pick<RequestRules, 'firstAnswerDays'>) => new Date(from.getTime() + rules.firstAnswerDays * 86_400_000);
/** A reminder goes to the responsible member from remindBeforeHours before the deadline. */
export const remindAt = (dueAt: Date, rules: Pick<RequestRules, 'remindBeforeHours'>) => new Date(dueAt.getTime() - rules.remindBeforeHours * 3_600_000);

export interface PlaceFacts {
  id: string;
  kind: string;
  fullName: string;
  townshipId: string;
  placeGroupId: string | null;
  townshipGroupId: string | null;
}

/** A place of the org with the groups covering it and its township (one query). */
export async function placeFacts(db: Executor, orgId: string, placeId: string): Promise<PlaceFacts> {
  const [p] = await rowsOf<PlaceFacts>(
    db,
    sql`select pl.id, pl.kind, coalesce(up.name, '') || pl.name as "fullName", coalesce(pl.parent_id, pl.id) as "townshipId",
        (select gp.group_id from group_place gp where gp.place_id = pl.id) as "placeGroupId",
        (select gp.group_id from group_place gp where gp.place_id = pl.parent_id) as "townshipGroupId"
      from place pl left join place up on up.id = pl.parent_id where pl.org_id = ${orgId} and pl.id = ${placeId}`,
  );
  if (!p) throw fieldError('placeId', '所选地点不存在，请重新选择乡镇和村（社区）');
  return p;
}

export async function categoryFacts(db: Executor, orgId: string, categoryId: string, activeOnly = true) {
  const [c] = await db
    .select({ id: requestCategory.id, name: requestCategory.name, committeeId: requestCategory.committeeId, active: requestCategory.active })
    .from(requestCategory)
    .where(and(eq(requestCategory.orgId, orgId), eq(requestCategory.id, categoryId)));
  if (!c || (activeOnly && !c.active)) throw fieldError('categoryId', '所选分类不存在或已停用，请重新选择');
  return c;
}

/** Where a concern raised at this place in this category goes. */
export async function routeFor(db: Executor, orgId: string, placeId: string, categoryId: string) {
  const [place, category] = [await placeFacts(db, orgId, placeId), await categoryFacts(db, orgId, categoryId)];
  return { place, category, ...pickRoute({ placeGroupId: place.placeGroupId, townshipGroupId: place.townshipGroupId, categoryCommitteeId: category.committeeId }) };
}
