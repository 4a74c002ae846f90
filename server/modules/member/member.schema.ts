import { z } from 'zod';
import { isoDate } from '../../core/date.js';
import { patchOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';
import { idNumberProblem } from './idcard.js';

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS = { male: '男', female: '女' } as const;
export const MEMBER_POSITIONS = ['chair', 'vice_chair', 'secretary_general', 'standing', 'member'] as const;
export const POSITION_LABELS: Record<(typeof MEMBER_POSITIONS)[number], string> = {
  chair: '主席',
  vice_chair: '副主席',
  secretary_general: '秘书长',
  standing: '常委',
  member: '委员',
};
export const MEMBER_STATUSES = ['active', 'left'] as const;
/** 党派: the Communist Party, the eight democratic parties, no party, and the masses. */
export const PARTIES = ['中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派', '群众'] as const;

const uuid = (what: string) => z.uuid({ message: `${what}编号无效` });
const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位大陆手机号码'));
const idNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, c) => {
    const problem = idNumberProblem(s);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });

export const MemberBody = z.object({
  name: z.string({ message: '请填写姓名' }).trim().min(2, '姓名至少 2 个字').max(20, '姓名不超过 20 个字'),
  gender: z.enum(GENDERS, { message: '性别只能是男或女' }),
  birthDate: isoDate('出生日期').nullable().optional(),
  ethnicity: z.string().trim().regex(/^[\u4e00-\u9fa5]{1,8}族$/, '民族应写全称，如 汉族、土家族').default('汉族'),
  sectorId: uuid('界别'),
  party: z.enum(PARTIES, { message: '党派应为 中共、各民主党派、无党派 或 群众' }),
  committeeIds: z.array(uuid('专委会')).max(5, '最多属于 5 个专委会').default([]),
  termIds: z.array(uuid('届次')).default([]),
  standing: z.boolean().default(false),
  position: z.enum(MEMBER_POSITIONS, { message: '职务应为 主席、副主席、秘书长、常委 或 委员' }).default('member'),
  workUnit: z.string().trim().max(100, '工作单位及职务不超过 100 个字').default(''),
  phone: phone.nullable().optional(),
  idNumber: idNumber.nullable().optional(),
});
export type MemberBody = z.infer<typeof MemberBody>;
export const MemberUpdateBody = patchOf(MemberBody);
export type MemberUpdateBody = z.infer<typeof MemberUpdateBody>;

export const MemberLeaveBody = z.object({
  leftAt: isoDate('离任日期'),
  reason: z.string().trim().min(2, '请写明离任原因').max(200, '离任原因不超过 200 个字'),
});
export type MemberLeaveBody = z.infer<typeof MemberLeaveBody>;

export const MemberListQuery = PageQuery.extend({
  q: z.string().trim().max(30, '关键词不超过 30 个字').optional(),
  sectorId: uuid('界别').optional(),
  committeeId: uuid('专委会').optional(),
  termId: uuid('届次').optional(),
  /** a group's id, or 'none' for members in no group */
  groupId: z.union([z.literal('none'), uuid('小组')]).optional(),
  party: z.enum(PARTIES, { message: '未知的党派' }).optional(),
  standing: z.enum(['true', 'false'], { message: '常委筛选只能是 true 或 false' }).optional(),
  status: z.enum(MEMBER_STATUSES, { message: '状态只能是 active 或 left' }).default('active'),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;
export const MemberExportQuery = MemberListQuery.omit({ page: true, pageSize: true }).extend({
  /** 'full': whole phone and ID numbers (admin and staff; audited), so the file can be imported again */
  contacts: z.enum(['masked', 'full'], { message: 'contacts 只能是 masked 或 full' }).default('masked'),
});
export type MemberExportQuery = z.infer<typeof MemberExportQuery>;

const Ref = z.object({ id: z.string(), name: z.string() });
/**
 * A member as one audience sees them (member.visibility.ts): a field some readers of members may not
 * see is optional, and absent for them. Never a whole birth date, phone or ID number; those come from
 * the audited reveal.
 */
export const MemberView = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  /** the year of birth */
  birthYear: z.number().nullable(),
  /** 出生年月 "1962-07" (the member themself, leaders, staff): the day is part of the ID number, never shown */
  birthMonth: z.string().nullable().optional(),
  ethnicity: z.string(),
  sector: Ref,
  party: z.string(),
  committees: z.array(Ref),
  terms: z.array(Ref),
  /** 活动小组 / 网格 */
  group: Ref.nullable(),
  standing: z.boolean(),
  position: z.enum(MEMBER_POSITIONS),
  workUnit: z.string(),
  /** 138****0011 (the member themself, leaders, staff) */
  phoneMasked: z.string().nullable().optional(),
  /** whether an ID number is registered (the member themself, staff): none of its digits */
  idNumberOnFile: z.boolean().optional(),
  status: z.enum(MEMBER_STATUSES),
  leftAt: z.string().nullable(),
  leftReason: z.string().nullable().optional(),
  /** other orgs where this person is a member too (市县两级委员) */
  otherOrgs: z.array(z.string()),
});
export type MemberView = z.infer<typeof MemberView>;
export const MemberContact = z.object({ phone: z.string().nullable(), idNumber: z.string().nullable() });

/** A member in one line, where other domains list people (groups, liaison, party organisations). */
export const MemberBrief = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.string(),
  party: z.string(),
  position: z.enum(MEMBER_POSITIONS),
  standing: z.boolean(),
  workUnit: z.string(),
});
export type MemberBrief = z.infer<typeof MemberBrief>;

export const ImportQuery = z.object({ mode: z.enum(['check', 'apply'], { message: 'mode 只能是 check（只校验）或 apply（导入）' }).default('check') });
export const ImportResultView = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  /** new here, already members of another org (市县两级委员) */
  alsoElsewhere: z.number(),
  applied: z.boolean(),
  ignoredColumns: z.array(z.string()),
});
export type ImportResultView = z.infer<typeof ImportResultView>;
