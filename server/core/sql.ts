import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from './context.js';

/**
 * Rows of a hand-written statement (both drivers answer `{ rows }`). For queries the query builder
 * cannot express well: rule-driven CASE expressions, CTEs. Cast counts to int in the SQL.
 */
export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** `($1, $2, …)` for `x in ${valueList(ids)}` in hand-written statements; never called with an empty list. */
export const valueList = (values: string[]) => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
