import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ctxOf, errorResponses, zapp } from '../../core/http.js';
import { publicSearch, publicSimilar } from './search.public.js';
import {
  PublicSearchPage,
  PublicSearchQuery,
  PublicSimilar,
  PublicSimilarQuery,
  RegionParams,
  SearchPage,
  SearchQuery,
  SimilarItems,
  SimilarQuery,
} from './search.schema.js';
import { searchItems, similarItems } from './search.service.js';

const tags = ['搜索'];
const errors = { ...errorResponses, 429: errorResponses[400].describe('搜索过于频繁') };
/** The public search is open to anyone: a little rate limit per address keeps scrapers off it. */
const publicLimit = (max: number) => ({
  access: 'public' as const,
  rateLimit: { max, timeWindow: '1 minute', errorResponseBuilder: () => new AppError(429, 'RATE_LIMITED', '搜索过于频繁，请稍后再试') },
});

export async function searchRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/search',
    {
      config: { access: 'search.read' },
      schema: { tags, summary: '搜索群众诉求与社情民意（中文分词；高亮为文本片段，不含 HTML）', querystring: SearchQuery, response: { 200: SearchPage, ...errorResponses } },
    },
    async (req) => searchItems(ctxOf(req), req.query),
  );
  r.get(
    '/api/search/similar',
    { config: { access: 'search.read' }, schema: { tags, summary: '与某一条目相似的条目（最多 8 条，不含自身）', querystring: SimilarQuery, response: { 200: SimilarItems, ...errorResponses } } },
    async (req) => similarItems(ctxOf(req), req.query.kind, req.query.id),
  );
  r.get(
    '/api/public/orgs/:regionCode/search',
    {
      config: publicLimit(60),
      schema: { tags, summary: '公开搜索：只含已审核公开的诉求，不含个人信息', params: RegionParams, querystring: PublicSearchQuery, response: { 200: PublicSearchPage, ...errors } },
    },
    async (req) => publicSearch(ctxOf(req), req.params.regionCode, req.query),
  );
  r.get(
    '/api/public/orgs/:regionCode/similar',
    {
      config: publicLimit(120),
      schema: {
        tags,
        summary: '群众填写诉求时的类似诉求（“已有 3 条类似诉求”）：数量含全部状态，列出的只有已公开的',
        params: RegionParams,
        querystring: PublicSimilarQuery,
        response: { 200: PublicSimilar, ...errors },
      },
    },
    async (req) => publicSimilar(ctxOf(req), req.params.regionCode, req.query.text),
  );
}
