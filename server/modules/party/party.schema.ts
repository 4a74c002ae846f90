import { z } from 'zod';

export const PARTY_ORG_KINDS = ['party_group', 'organ_party_group', 'organ_party_committee', 'branch', 'temp_branch'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];
export const PARTY_ORG_KIND_LABELS: Record<PartyOrgKind, string> = {
  party_group: '党组',
  organ_party_group: '机关党组',
  organ_party_committee: '机关党委',
  branch: '党支部',
  temp_branch: '临时党支部',
};
/**
 * Where each kind of party organisation may sit (政协党组 — 机关党组 — 机关党委 — 机关党支部; the
 * temporary branches of groups under the party group). This is party rule, the same everywhere.
 */
export const PARTY_ORG_PARENTS: Record<PartyOrgKind, (PartyOrgKind | null)[]> = {
  party_group: [null],
  organ_party_group: ['party_group'],
  organ_party_committee: ['organ_party_group', 'party_group'],
  branch: ['organ_party_committee', 'organ_party_group', 'party_group'],
  temp_branch: ['party_group'],
};

export const PARTY_ROLES = ['secretary', 'deputy_secretary', 'committee_member', 'member'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
/** 党组 members are 党组书记/副书记/成员; a branch has 书记/副书记/委员 and its 党员. */
export const partyRoleLabel = (kind: PartyOrgKind, role: PartyRole) =>
  kind === 'party_group' || kind === 'organ_party_group'
    ? { secretary: '书记', deputy_secretary: '副书记', committee_member: '成员', member: '成员' }[role]
    : { secretary: '书记', deputy_secretary: '副书记', committee_member: '委员', member: '党员' }[role];

const name = z.string({ message: '请填写名称' }).trim().min(4, '名称至少 4 个字').max(40, '名称不超过 40 个字');

export const PartyOrgBody = z.object({
  kind: z.enum(PARTY_ORG_KINDS, { message: '类型应为 党组、机关党组、机关党委、党支部 或 临时党支部' }),
  name,
  parentId: z.uuid({ message: '上级党组织编号无效' }).nullable().default(null),
  /** omitted: after its siblings */
  sort: z.number().int().min(0).max(999).optional(),
});
export type PartyOrgBody = z.infer<typeof PartyOrgBody>;
export const PartyOrgUpdateBody = z.object({ name, sort: z.number().int().min(0).max(999).optional() });
export type PartyOrgUpdateBody = z.infer<typeof PartyOrgUpdateBody>;

/** Adds a committee member (委员) or an office staff member (机关干部) to a party organisation. */
export const PartyMemberBody = z
  .object({
    memberId: z.uuid({ message: '委员编号无效' }).optional(),
    accountId: z.uuid({ message: '账号编号无效' }).optional(),
    role: z.enum(PARTY_ROLES, { message: '职务应为 书记、副书记、委员 或 党员' }).default('member'),
  })
  .refine((b) => !!b.memberId !== !!b.accountId, { message: '请选择一名委员或一名机关干部', path: ['memberId'] });
export type PartyMemberBody = z.infer<typeof PartyMemberBody>;
export const PartyRoleBody = z.object({ role: z.enum(PARTY_ROLES, { message: '职务应为 书记、副书记、委员 或 党员' }) });

const Person = z.object({ id: z.string(), name: z.string() });
export const PartyOrgView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PARTY_ORG_KINDS),
  name: z.string(),
  sort: z.number(),
  group: Person.nullable(),
  secretary: Person.nullable(),
  /** officers and party members (for a temporary branch: its officers and the CPC members of its group) */
  memberCount: z.number(),
});
export type PartyOrgView = z.infer<typeof PartyOrgView>;

export const PartyPersonView = z.object({
  /** the stored membership (null for a temporary branch's members, who come from its group) */
  id: z.string().nullable(),
  kind: z.enum(['member', 'staff']),
  memberId: z.string().nullable(),
  accountId: z.string().nullable(),
  name: z.string(),
  role: z.enum(PARTY_ROLES),
  roleLabel: z.string(),
  /** 界别 · 工作单位及职务 for a member; 机关干部 for staff */
  detail: z.string(),
});
export type PartyPersonView = z.infer<typeof PartyPersonView>;
