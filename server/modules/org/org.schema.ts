import { z } from 'zod';
import { patchOf } from '../../core/body.js';
import type { LiaisonScheme } from '../liaison/liaison.schema.js';
import type { RequestRules } from '../request/request.schema.js';
import type { ProposalRules } from '../proposal/proposal.schema.js';
import type { WorkCalendar } from '../../core/workdays.js';

export const ORG_LEVELS = ['province', 'city', 'county'] as const;
export const OrgLevel = z.enum(ORG_LEVELS, { message: '级别只能是省级、市级或县级' });
export const ORG_LEVEL_LABELS: Record<(typeof ORG_LEVELS)[number], string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};
/** Level of a child org under a parent of the given level. */
export const CHILD_LEVEL: Record<(typeof ORG_LEVELS)[number], (typeof ORG_LEVELS)[number] | null> = {
  province: 'city',
  city: 'county',
  county: null,
};

/** Per-org rules, with the national default. Security settings have floors set by 等保三级. */
export const OrgSettings = z.object({
  idleTimeoutMinutes: z.number().int('必须是整数').min(5, '空闲超时不能少于 5 分钟').max(480, '空闲超时不能超过 480 分钟'),
  auditRetentionDays: z.number().int('必须是整数').min(180, '审计日志保留期不能少于 180 天').max(3650, '审计日志保留期不能超过 3650 天'),
});
export type OrgSettings = z.infer<typeof OrgSettings>;
export const DEFAULT_ORG_SETTINGS: OrgSettings = { idleTimeoutMinutes: 30, auditRetentionDays: 180 };
/** What org.settings holds: the settings above, and the rules other domains keep there (their own pages edit them). */
export type StoredOrgSettings = Partial<OrgSettings> & { liaisonLevels?: LiaisonScheme; requests?: RequestRules; proposals?: Partial<ProposalRules>; calendar?: WorkCalendar };
export const settingsOf = (stored: StoredOrgSettings | null | undefined): OrgSettings => ({
  idleTimeoutMinutes: stored?.idleTimeoutMinutes ?? DEFAULT_ORG_SETTINGS.idleTimeoutMinutes,
  auditRetentionDays: stored?.auditRetentionDays ?? DEFAULT_ORG_SETTINGS.auditRetentionDays,
});

export const OrgView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  level: OrgLevel,
  regionCode: z.string(),
});
export type OrgView = z.infer<typeof OrgView>;

export const OrgDetail = OrgView.extend({ settings: OrgSettings, parentName: z.string().nullable() });
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgCreateBody = z.object({
  name: z.string().trim().min(2, '请填写组织全称').max(60, '组织全称不超过 60 个字'),
  shortName: z.string().trim().min(2, '请填写简称').max(20, '简称不超过 20 个字'),
  regionCode: z.string().trim().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
});
export type OrgCreateBody = z.infer<typeof OrgCreateBody>;

export const OrgSettingsBody = patchOf(OrgSettings);
export type OrgSettingsBody = z.infer<typeof OrgSettingsBody>;
