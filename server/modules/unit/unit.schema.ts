import { z } from 'zod';
import { putOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';

/** 承办单位的类别 */
export const UNIT_KINDS = ['government', 'judicial', 'party', 'organisation', 'enterprise', 'township'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '政府部门',
  judicial: '法院检察院',
  party: '党委部门',
  organisation: '人民团体',
  enterprise: '企事业单位',
  township: '乡镇',
};

const optionalText = (what: string, max: number) => z.string({ message: `${what}应为文字` }).trim().max(max, `${what}不超过 ${max} 个字`).default('');

export const UnitBody = z.object({
  name: z.string({ message: '请填写单位名称' }).trim().min(2, '单位名称至少 2 个字').max(40, '单位名称不超过 40 个字'),
  /** 简称, e.g. 县住建局; the name when left empty */
  shortName: optionalText('单位简称', 20),
  kind: z.enum(UNIT_KINDS, { message: '单位类别只能是政府部门、法院检察院、党委部门、人民团体、企事业单位或乡镇' }).default('government'),
  contactName: optionalText('联系人', 20),
  contactPhone: z
    .string({ message: '联系电话应为文字' })
    .trim()
    .max(20, '联系电话不超过 20 个字')
    .regex(/^[0-9+\-\s()（）转]*$/, '联系电话只能包含数字、空格和“-”')
    .default(''),
  sort: z.number({ message: '排序应为数字' }).int('排序应为整数').min(0, '排序不能小于 0').max(9999, '排序不能大于 9999').default(0),
  /** an inactive unit is not offered for assignment; its history stays */
  active: z.boolean({ message: '请说明单位是否启用' }).default(true),
});
export type UnitBody = z.infer<typeof UnitBody>;
/** Changing a unit states it whole: a field left out is refused, never reset (an inactive unit is not re-activated by omission). */
export const UnitUpdateBody = putOf(UnitBody);
export type UnitUpdateBody = z.infer<typeof UnitUpdateBody>;

export const UnitAccountsBody = z.object({
  accountIds: z
    .array(z.uuid({ message: '账号编号无效' }), { message: '账号应为列表' })
    .max(20, '一个单位最多关联 20 个账号')
    .refine((a) => new Set(a).size === a.length, '账号有重复'),
});
export type UnitAccountsBody = z.infer<typeof UnitAccountsBody>;

export const UnitListQuery = PageQuery.extend({
  pageSize: z.coerce.number().int('每页条数必须是整数').min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(200),
  /** 名称或简称 */
  q: z.string().trim().max(40, '关键词不超过 40 个字').optional(),
  kind: z.enum(UNIT_KINDS, { message: '未知的单位类别' }).optional(),
  /** 'true': only units that may be assigned now */
  active: z.enum(['true', 'false'], { message: 'active 只能是 true 或 false' }).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const UnitAccountView = z.object({ id: z.string(), loginName: z.string(), displayName: z.string(), disabled: z.boolean() });
/** An account with the 'unit' role, and the unit it works for now (if any). */
export const UnitAccountOption = UnitAccountView.extend({ unit: z.object({ id: z.string(), name: z.string() }).nullable() });
export type UnitAccountOption = z.infer<typeof UnitAccountOption>;
export const UnitView = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(UNIT_KINDS),
  kindLabel: z.string(),
  contactName: z.string(),
  /** whole for the proposals office and the unit itself; masked (139****0021) for others */
  contactPhone: z.string(),
  sort: z.number(),
  active: z.boolean(),
  /** the 'unit' accounts working for it (only for the proposals office and the unit itself; empty for others) */
  accounts: z.array(UnitAccountView),
  /** assignments being handled now (办理中 or 提出异议), and of those past their deadline */
  openAssignments: z.number(),
  overdueAssignments: z.number(),
  createdAt: z.string(),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitDeleteResult = z.object({
  outcome: z.enum(['deleted', 'deactivated']),
  /** what happened, in words: deleted, or kept as inactive because it has handled proposals */
  message: z.string(),
});
export type UnitDeleteResult = z.infer<typeof UnitDeleteResult>;
