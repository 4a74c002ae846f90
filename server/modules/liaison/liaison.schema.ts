import { z } from 'zod';
import { PageQuery } from '../../core/pagination.js';
import { MemberBrief } from '../member/member.schema.js';

/** Who may be on either end of a liaison level. */
export const LIAISON_SELECTORS = ['party_group', 'standing', 'cpc', 'non_cpc', 'all'] as const;
export type LiaisonSelector = (typeof LIAISON_SELECTORS)[number];
export const SELECTOR_LABELS: Record<LiaisonSelector, string> = {
  party_group: '党组成员',
  standing: '常委',
  cpc: '中共党员委员',
  non_cpc: '非中共委员',
  all: '委员',
};

const selector = z.enum(LIAISON_SELECTORS, { message: '应为 党组成员、常委、中共党员委员、非中共委员 或 委员' });
export const LiaisonLevel = z.object({
  label: z.string().trim().min(4, '名称至少 4 个字').max(30, '名称不超过 30 个字'),
  keeper: selector,
  target: selector.refine((s) => s !== 'party_group', '党组成员处在联系链的最上端，不作为被联系对象'),
});
export type LiaisonLevel = z.infer<typeof LiaisonLevel>;

/**
 * The org's liaison chain, top down. Each active member (other than the party group's) falls into
 * the first level whose target they match, so every member is counted once.
 */
export const LiaisonScheme = z.array(LiaisonLevel).min(1, '联系链至少一级').max(5, '联系链最多五级');
export type LiaisonScheme = z.infer<typeof LiaisonScheme>;
/** 新河、田东、萍乡: 党组成员联系常委、常委联系党员委员、党员委员联系非中共委员. */
export const DEFAULT_LIAISON_SCHEME: LiaisonScheme = [
  { label: '党组成员联系常委', keeper: 'party_group', target: 'standing' },
  { label: '常委联系中共党员委员', keeper: 'standing', target: 'cpc' },
  { label: '中共党员委员联系非中共委员', keeper: 'cpc', target: 'non_cpc' },
];
export const LiaisonSchemeBody = z.object({ levels: LiaisonScheme });

const level = z.coerce.number({ message: '联系层级无效' }).int('联系层级无效').min(0, '联系层级无效').max(4, '联系层级无效');
export const UncoveredQuery = PageQuery.extend({ level, q: z.string().trim().max(30, '关键词不超过 30 个字').optional() });
export type UncoveredQuery = z.infer<typeof UncoveredQuery>;
export const KeeperQuery = UncoveredQuery;
export const LinkListQuery = PageQuery.extend({
  level: level.optional(),
  keeperId: z.uuid({ message: '联系人编号无效' }).optional(),
  q: z.string().trim().max(30, '关键词不超过 30 个字').optional(),
});
export type LinkListQuery = z.infer<typeof LinkListQuery>;

export const LinkCreateBody = z.object({
  keeperId: z.uuid({ message: '请选择联系人' }),
  targetIds: z.array(z.uuid({ message: '委员编号无效' })).min(1, '请选择被联系的委员').max(200, '一次最多 200 人'),
});
export type LinkCreateBody = z.infer<typeof LinkCreateBody>;

export const LevelCoverage = z.object({
  index: z.number(),
  label: z.string(),
  keeper: selector,
  target: selector,
  /** 非中共委员 148 人 */
  targets: z.number(),
  /** 已落实联系 139 人 */
  covered: z.number(),
  /** 0.939 */
  rate: z.number(),
  /** members who may keep in touch at this level */
  keepers: z.number(),
  /** e.g. "非中共委员 148 人，已落实联系 139 人，覆盖率 93.9%" */
  summary: z.string(),
});
export const CoverageView = z.object({
  levels: z.array(LevelCoverage),
  total: z.object({ targets: z.number(), covered: z.number(), rate: z.number() }),
  scheme: LiaisonScheme,
});
export type CoverageView = z.infer<typeof CoverageView>;

export const KeeperOption = MemberBrief.extend({ load: z.number() });
export const LinkView = z.object({
  id: z.string(),
  keeper: MemberBrief,
  target: MemberBrief,
  /** the chain level the target falls in now (null: the chain no longer covers them) */
  level: z.number().nullable(),
  createdAt: z.string(),
});
export type LinkView = z.infer<typeof LinkView>;
export const LinkCreated = z.object({ created: z.number(), already: z.number() });
