/**
 * What GET /api/members?page=1&pageSize=50&sectorId=… sends (listMembers in
 * server/modules/member/member.service.ts), written out for the bare driver in drizzle's own
 * spelling: members.ts checks at run time that the endpoint sends exactly these two statements, and
 * stops with both texts when it does not. To follow a change of the endpoint, edit the pieces below.
 */

const MEMBER_COLUMNS = ['id', 'org_id', 'person_id', 'sector_id', 'party', 'standing', 'position', 'work_unit', 'status', 'left_at', 'left_reason', 'created_at'];
const PERSON_COLUMNS = [
  'id', 'name', 'name_pinyin', 'name_initials', 'gender', 'birth_date', 'ethnicity',
  'phone_enc', 'phone_hash', 'id_number_enc', 'id_number_hash', 'account_id', 'created_at',
];

/** `relations` in member.service.ts: one json sub-query per relation, in its order. */
const RELATIONS: [string, string][] = [
  ['sector', `json_build_object('id', s.id, 'name', s.name)`],
  [
    'committees',
    `coalesce((select json_agg(json_build_object('id', c.id, 'name', c.short_name) order by c.sort, c.name)
       from member_committee mc join committee c on c.id = mc.committee_id where mc.member_id = "member"."id"), '[]'::json)`,
  ],
  [
    'terms',
    `coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.number)
       from member_term mt join term t on t.id = mt.term_id where mt.member_id = "member"."id"), '[]'::json)`,
  ],
  [
    'group',
    `(select json_build_object('id', g.id, 'name', g.name) from group_member gm join member_group g on g.id = gm.group_id
       where gm.member_id = "member"."id")`,
  ],
  [
    'otherOrgs',
    `coalesce((select json_agg(o.short_name order by o.short_name) from member m2 join org o on o.id = m2.org_id
       where m2.person_id = "member"."person_id" and m2.org_id <> "member"."org_id" and m2.status = 'active'), '[]'::json)`,
  ],
];

/** `listFilters` for ?sectorId= (status defaults to active): $1 org, $2 status, $3 sector. */
const FILTERS = ['"member"."org_id" = $1', '"member"."status" = $2', '"member"."sector_id" = $3'];
const WHERE = `where (${FILTERS.join(' and ')})`;
const FROM = `from "member" inner join "person" on "person"."id" = "member"."person_id"`;

const ORDER = `order by case "member"."position" when 'chair' then 0 when 'vice_chair' then 1 when 'secretary_general' then 2 else 3 end,
  s.sort, "person"."name_pinyin" asc, "member"."id" asc`;

/** The page (a prepared statement: limit and offset are parameters). Params: org, status, sector, page size, offset. */
export const MEMBERS_PAGE_SQL = `select ${MEMBER_COLUMNS.map((c) => `"member"."${c}"`).join(', ')},
  ${PERSON_COLUMNS.map((c) => `"person"."${c}"`).join(', ')},
  json_build_object(${RELATIONS.map(([key, value]) => `'${key}', ${value}`).join(',\n  ')})
  ${FROM} inner join sector s on s.id = "member"."sector_id"
  ${WHERE}
  ${ORDER}
  limit $${FILTERS.length + 1} offset $${FILTERS.length + 2}`;

/** The total (no name search, so no join to person). Params: org, status, sector. */
export const MEMBERS_COUNT_SQL = `select count(*) from "member" ${WHERE}`;

/** The page's params for `orgId` and `sectorId`. */
export const membersPageParams = (orgId: string, sectorId: string, pageSize: number) => [orgId, 'active', sectorId, pageSize, 0];
export const membersCountParams = (orgId: string, sectorId: string) => [orgId, 'active', sectorId];

/** Index of the member's id in a page row read as an array (the member's columns come first). */
export const MEMBER_ID_COLUMN = 0;
/** Index of the relations object in a page row read as an array. */
export const RELATIONS_COLUMN = MEMBER_COLUMNS.length + PERSON_COLUMNS.length;

/** Whitespace-insensitive form of a statement, for comparing ours with the endpoint's. */
export const normalise = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .trim();
