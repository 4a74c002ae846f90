import { z } from 'zod';
import { PageQuery } from '../../core/pagination.js';

/** Every audited action with its Chinese label (shown in the audit log viewer and the export). */
export const AUDIT_ACTIONS = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.switch_org': '切换组织',
  'account.create': '新建账号',
  'account.attach': '添加已有账号',
  'account.update': '修改账号信息',
  'account.roles': '调整角色',
  'account.reset_password': '重置密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.unlock': '解除锁定',
  'account.view_phone': '查看完整手机号',
  'org.create': '新建下级组织',
  'org.settings': '修改组织设置',
  'audit.export': '导出审计日志',
  'term.create': '新建届次',
  'term.current': '设置本届',
  'session.create': '新建会议',
  'sector.create': '新建界别',
  'sector.update': '修改界别',
  'sector.delete': '删除界别',
  'committee.create': '新建专委会',
  'committee.update': '修改专委会',
  'member.create': '新增委员',
  'member.update': '修改委员信息',
  'member.leave': '委员离任',
  'member.view_contact': '查看委员完整联系方式',
  'member.export': '导出委员名单',
  'member.import': '导入委员名单',
  'place.create': '新增乡镇、村社区',
  'place.update': '修改乡镇、村社区',
  'place.delete': '删除乡镇、村社区',
  'group.create': '组建活动小组',
  'group.update': '修改活动小组',
  'group.members': '调整小组成员',
  'group.delete': '撤销活动小组',
  'liaison.link': '确定联系人',
  'liaison.unlink': '取消联系',
  'liaison.scheme': '修改联系制度',
  'party.create': '建立党组织',
  'party.update': '修改党组织',
  'party.delete': '撤销党组织',
  'party.member': '调整党组织成员',
  'audit.purge': '清理过期审计日志',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
const actionKeys = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export const AuditListQuery = PageQuery.extend({
  action: z.enum(actionKeys, { message: '未知的操作类型' }).optional(),
  actor: z.string().trim().max(50, '操作人不超过 50 个字').optional(),
  q: z.string().trim().max(100, '关键词不超过 100 个字').optional(),
  from: z.iso.date({ message: '开始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '结束日期格式应为 YYYY-MM-DD' }).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export const AuditExportQuery = AuditListQuery.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditEntryView = z.object({
  id: z.number(),
  createdAt: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  summary: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
