import { z } from 'zod';
import { patchOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';

/** The roles of PRODUCT.md; what each may do is in server/core/access.ts. */
export const ROLES = ['admin', 'staff', 'leader', 'member', 'unit'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  staff: '机关干部',
  leader: '主席/副主席/秘书长',
  member: '委员',
  unit: '承办单位',
};
export const Role = z.enum(ROLES, { message: '未知的角色' });

const loginName = z
  .string({ message: '请填写登录名' })
  .trim()
  .min(3, '登录名至少 3 个字符')
  .max(32, '登录名不超过 32 个字符')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '登录名须以字母开头，只能包含字母、数字、下划线、点和短横线');
const displayName = z.string({ message: '请填写姓名' }).trim().min(2, '姓名至少 2 个字').max(30, '姓名不超过 30 个字');
const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位大陆手机号码'));
const roles = z.array(Role, { message: '请选择角色' }).max(5).refine((r) => new Set(r).size === r.length, '角色不能重复');

export const AccountListQuery = PageQuery.extend({
  q: z.string().trim().max(50, '关键词不超过 50 个字').optional(),
  role: Role.optional(),
  status: z.enum(['active', 'disabled', 'locked'], { message: '未知的状态' }).optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;

export const AccountCreateBody = z.object({
  loginName,
  displayName,
  phone: phone.optional(),
  roles: roles.min(1, '至少选择一个角色'),
});
export type AccountCreateBody = z.infer<typeof AccountCreateBody>;

export const AccountAttachBody = z.object({
  identifier: z.string({ message: '请填写登录名或手机号' }).trim().min(3, '请填写登录名或手机号').max(32),
  roles: roles.min(1, '至少选择一个角色'),
});
export type AccountAttachBody = z.infer<typeof AccountAttachBody>;

/** Name and phone (null clears it), each on its own. */
export const AccountUpdateBody = patchOf(z.object({ displayName, phone: phone.nullable() }));
export type AccountUpdateBody = z.infer<typeof AccountUpdateBody>;

export const AccountRolesBody = z.object({ roles });
export type AccountRolesBody = z.infer<typeof AccountRolesBody>;

export const AccountView = z.object({
  id: z.string(),
  loginName: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(Role),
  status: z.enum(['active', 'disabled', 'locked']),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;

/** Returned once, when an account is created or its password reset: the admin hands it over. */
export const AccountWithPassword = z.object({ account: AccountView, temporaryPassword: z.string() });
export const PhoneView = z.object({ phone: z.string().nullable() });
