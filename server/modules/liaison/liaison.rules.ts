import { sql, type SQL } from 'drizzle-orm';
import type { LiaisonScheme, LiaisonSelector } from './liaison.schema.js';

/** What the chain needs to know of a member. */
export interface LiaisonFlags {
  partyGroup: boolean;
  standing: boolean;
  party: string;
}

/** Does a member with these flags fit the selector? (The same rule as `selectorSql`, for checks in code.) */
export function matchesSelector(sel: LiaisonSelector, f: LiaisonFlags): boolean {
  switch (sel) {
    case 'party_group':
      return f.partyGroup;
    case 'standing':
      return f.standing;
    case 'cpc':
      return f.party === '中共';
    case 'non_cpc':
      return f.party !== '中共';
    case 'all':
      return true;
  }
}

/** The level a member falls in: the first whose target they match; none for the party group. */
export function levelOf(scheme: LiaisonScheme, f: LiaisonFlags): number | null {
  if (f.partyGroup) return null;
  const i = scheme.findIndex((l) => matchesSelector(l.target, f));
  return i < 0 ? null : i;
}

/** Whether member `m` (an SQL alias of the member table) sits in the org's party group (党组). */
export const partyGroupSql = (m: SQL) =>
  sql`exists (select 1 from party_org_member pom join party_org po on po.id = pom.party_org_id
    where po.kind = 'party_group' and pom.member_id = ${m}.id)`;

export function selectorSql(sel: LiaisonSelector, m: SQL): SQL {
  switch (sel) {
    case 'party_group':
      return partyGroupSql(m);
    case 'standing':
      return sql`${m}.standing`;
    case 'cpc':
      return sql`${m}.party = '中共'`;
    case 'non_cpc':
      return sql`${m}.party <> '中共'`;
    case 'all':
      return sql`true`;
  }
}

/** `levelOf` in SQL: the level member `m` falls in, or null. */
export function levelSql(scheme: LiaisonScheme, m: SQL): SQL {
  const arms = scheme.map((l, i) => sql`when ${selectorSql(l.target, m)} then ${sql.raw(String(i))}`);
  return sql`(case when ${partyGroupSql(m)} then null ${sql.join(arms, sql` `)} else null end)`;
}

/**
 * Whether someone still fit to keep in touch at that level does so with member `m`: an active
 * keeper who matches the keeper selector of the level `m` falls in now.
 */
export function coveredSql(scheme: LiaisonScheme, m: SQL): SQL {
  const arms = scheme.map(
    (l, i) => sql`when ${sql.raw(String(i))} then exists (select 1 from liaison_link ll join member k on k.id = ll.keeper_id
      where ll.target_id = ${m}.id and k.status = 'active' and ${selectorSql(l.keeper, sql`k`)})`,
  );
  return sql`(case ${levelSql(scheme, m)} ${sql.join(arms, sql` `)} else false end)`;
}
