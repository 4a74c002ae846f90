import { z } from 'zod';
import { Role } from '../account/account.schema.js';
import { OrgView } from '../org/org.schema.js';

export const LoginBody = z.object({
  identifier: z.string({ message: '请输入登录名或手机号' }).trim().min(1, '请输入登录名或手机号').max(64, '登录名过长'),
  password: z.string({ message: '请输入密码' }).min(1, '请输入密码').max(128, '密码过长'),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string({ message: '请输入当前密码' }).min(1, '请输入当前密码').max(128),
  newPassword: z.string({ message: '请输入新密码' }).min(1, '请输入新密码').max(128, '密码不超过 64 位'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const SwitchOrgBody = z.object({ orgId: z.uuid({ message: '组织编号无效' }) });

export const MyOrg = OrgView.extend({ roles: z.array(Role) });
export const Me = z.object({
  account: z.object({
    id: z.string(),
    loginName: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  currentOrg: MyOrg.nullable(),
  orgs: z.array(MyOrg),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof Me>;
