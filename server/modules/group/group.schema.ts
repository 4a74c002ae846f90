import { z } from 'zod';
import { putOf } from '../../core/body.js';
import { MemberBrief } from '../member/member.schema.js';

const uuid = (what: string) => z.uuid({ message: `${what}编号无效` });
const ids = (what: string, max: number) => z.array(uuid(what)).max(max, `${what}最多 ${max} 个`);

export const GroupBody = z.object({
  name: z.string({ message: '请填写小组名称' }).trim().min(2, '小组名称至少 2 个字').max(30, '小组名称不超过 30 个字'),
  sort: z.number().int().min(0).max(999).default(0),
  leaderId: uuid('带组领导').nullable().default(null),
  convenerId: uuid('召集人').nullable().default(null),
  liaisonAccountId: uuid('联络干部').nullable().default(null),
  committeeIds: ids('专委会', 4).default([]),
  placeIds: ids('地方', 200).default([]),
});
export type GroupBody = z.infer<typeof GroupBody>;
export const GroupCreateBody = GroupBody.extend({ memberIds: ids('委员', 500).default([]) });
/** A change states the whole group: nothing left out is cleared by accident. */
export const GroupUpdateBody = putOf(GroupBody);
export type GroupUpdateBody = z.infer<typeof GroupUpdateBody>;
export type GroupCreateBody = z.infer<typeof GroupCreateBody>;

/** 远安 way: one chair or vice-chair + two special committees + the sectors those committees link. */
export const GroupProposeBody = z.object({
  leaderId: uuid('带组领导'),
  committeeIds: z.array(uuid('专委会')).min(1, '请至少选择一个专委会').max(3, '最多选择 3 个专委会'),
});
export type GroupProposeBody = z.infer<typeof GroupProposeBody>;

export const GroupMembersBody = z.object({
  memberIds: ids('委员', 500).min(1, '请选择委员'),
  /** members already in another group are moved here; without it they are refused */
  move: z.boolean().default(false),
});
export type GroupMembersBody = z.infer<typeof GroupMembersBody>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const GroupView = z.object({
  id: z.string(),
  name: z.string(),
  sort: z.number(),
  leader: Ref.nullable(),
  convener: Ref.nullable(),
  liaisonStaff: Ref.nullable(),
  committees: z.array(Ref),
  places: z.array(Ref),
  memberCount: z.number(),
  /** CPC members: the party members of the group's temporary branch */
  cpcCount: z.number(),
  tempBranch: Ref.nullable(),
});
export type GroupView = z.infer<typeof GroupView>;

export const GroupProposal = z.object({
  suggestedName: z.string(),
  sectors: z.array(Ref),
  /** active members of those sectors who are in no group yet, leader first */
  candidates: z.array(MemberBrief),
  /** members of those sectors already in another group (not proposed; can be moved) */
  elsewhere: z.array(z.object({ member: MemberBrief, group: Ref })),
});
export type GroupProposal = z.infer<typeof GroupProposal>;

export const StaffOption = z.object({ id: z.string(), name: z.string() });
export type StaffOption = z.infer<typeof StaffOption>;
