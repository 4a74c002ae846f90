import { z } from 'zod';
import { isoDate } from '../../core/date.js';
import { pageOf, PageQuery } from '../../core/pagination.js';

/** The kinds of item one search covers (proposals and topics join when they exist). */
export const SEARCH_KINDS = ['request', 'opinion_report', 'proposal'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<(typeof SEARCH_KINDS)[number], string> = { request: '群众诉求', opinion_report: '社情民意', proposal: '提案' };

const q = z.string({ message: '请输入搜索词' }).trim().min(1, '请输入搜索词').max(100, '搜索词不超过 100 个字');

export const SearchQuery = PageQuery.extend({
  q,
  kind: z.enum(SEARCH_KINDS, { message: '类型只能是群众诉求、社情民意或提案' }).optional(),
  status: z.string().trim().min(1).max(20, '状态无效').optional(),
  /** the category's name (环境整治) */
  category: z.string().trim().min(1).max(40, '类别无效').optional(),
  /** a township finds its villages' and communities' items too */
  placeId: z.uuid({ message: '地方编号无效' }).optional(),
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
  /** relevance: best matches first (among the most recent matches, see search.service.ts); newest: by date */
  sort: z.enum(['relevance', 'newest'], { message: '排序只能是相关度或时间' }).default('relevance'),
}).refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Highlighted text as pieces, never HTML: the page renders `hit` pieces as <mark>, so nothing can be injected. */
export const TextSegments = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type TextSegments = z.infer<typeof TextSegments>;

export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  refId: z.string(),
  title: z.string(),
  /** up to ~120 characters of the text around the first match */
  snippet: z.string(),
  titleHighlights: TextSegments,
  snippetHighlights: TextSegments,
  status: z.string(),
  category: z.string().nullable(),
  /** 鸣凤镇东庄坪社区 */
  placeName: z.string().nullable(),
  createdAt: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = pageOf(SearchHit).extend({
  /** true when total is an estimate (a common word): show "约 54,000 条" */
  totalEstimated: z.boolean(),
  /** how many of them can be paged through: the newest matches, ranked (search.sql.ts WINDOW) */
  browsable: z.number().int(),
  /** the words searched for, as segmented (shown under the box: 门牌 · 快递) */
  words: z.array(z.string()),
});
export type SearchPage = z.infer<typeof SearchPage>;

export const SimilarQuery = z.object({
  kind: z.enum(SEARCH_KINDS, { message: '类型只能是群众诉求、社情民意或提案' }),
  id: z.uuid({ message: '编号无效' }),
});

export const SimilarItems = z.object({ items: z.array(SearchHit), words: z.array(z.string()) });

/* ------------------------------------------------------------------ public (no account) */

export const RegionParams = z.object({ regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字') });

export const PublicSearchQuery = z.object({
  q,
  page: PageQuery.shape.page,
  pageSize: z.coerce.number().int('每页条数必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
});

/** A published concern in the public search: no personal data (the index never holds any). */
export const PublicSearchHit = SearchHit.pick({ refId: true, title: true, snippet: true, titleHighlights: true, snippetHighlights: true, status: true, category: true, placeName: true, createdAt: true });
export const PublicSearchPage = pageOf(PublicSearchHit).extend({ totalEstimated: z.boolean(), browsable: z.number().int() });

export const PublicSimilarQuery = z.object({
  text: z.string({ message: '请输入诉求内容' }).trim().min(2, '至少输入 2 个字').max(1000, '内容不超过 1000 个字'),
});

/** "已有 3 条类似诉求": how many of the org's concerns are alike (any state), and up to 3 published ones. */
export const PublicSimilar = z.object({
  count: z.number().int(),
  /** count reached the number looked at (search.similar.ts SIMILAR_WINDOW): show "200+" */
  countCapped: z.boolean(),
  items: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), answerSnippet: z.string().nullable() })),
});
export type PublicSimilar = z.infer<typeof PublicSimilar>;
