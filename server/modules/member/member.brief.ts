import { sql, type SQL } from 'drizzle-orm';
import { containing } from '../../core/pagination.js';

/**
 * A member in one line (MemberBrief) as JSON, for lists in other domains. Expects the member
 * aliased as `m`, its person as `p` and its sector as `s` in the surrounding query.
 */
export const memberBriefSql = (m: SQL) =>
  sql`json_build_object('id', ${m}.id, 'name', p.name, 'sector', s.name, 'party', ${m}.party, 'position', ${m}.position,
    'standing', ${m}.standing, 'workUnit', ${m}.work_unit)`;

/** A typed name, full pinyin or initials ("zhm", "zhanghong") matched against a person. */
export function nameMatchSql(q: string, p: SQL = sql`p`): SQL {
  const latin = q.toLowerCase().replace(/\s+/g, '');
  return /^[a-z]+$/.test(latin)
    ? sql`(${p}.name_pinyin like ${`${latin}%`} or ${p}.name_initials like ${`${latin}%`})`
    : sql`${p}.name ilike ${containing(q)}`;
}
