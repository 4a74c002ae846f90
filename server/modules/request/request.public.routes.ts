import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { addImageParser, bodyBytes } from '../file/file.routes.js';
import { PHOTO_BODY_LIMIT } from '../file/file.service.js';
import { newChallenge } from './request.challenge.js';
import { followedRequests, followRequest, publicList, requestForm, trackPhoto, trackRequest } from './request.public.js';
import { uploadConcernPhoto } from './request.photos.js';
import { raiseRequest } from './request.raise.js';
import { rateRequest } from './request.rating.js';
import {
  CodeParams,
  FollowBody,
  FollowedItemView,
  FollowedQuery,
  PhotoUploadQuery,
  PhotoView,
  PublicItemView,
  PublicListQuery,
  RaiseBody,
  RaiseResult,
  RatingBody,
  RegionParams,
  RequestFormView,
  TrackView,
} from './request.schema.js';

const tags = ['群众诉求（公开页面，无需登录）'];
const pub = { access: 'public' as const };
const errors = { ...errorResponses, 404: errorResponses[404], 409: errorResponses[400].describe('状态不允许'), 413: errorResponses[400].describe('内容过大'), 428: errorResponses[400].describe('需要人机验证：details[0].message 为新的挑战（JSON）'), 429: errorResponses[400].describe('提交过于频繁') };
const ChallengeView = z.object({ parameters: z.record(z.string(), z.unknown()), signature: z.string().optional() }).describe('ALTCHA 挑战（v2）');

export async function requestPublicRoutes(app: FastifyInstance) {
  const r = zapp(app);
  addImageParser(app);
  r.get('/api/public/orgs/:regionCode/request-form', { config: pub, schema: { tags, summary: '提交诉求页所需：组织、分类、乡镇村社区、个人信息收集说明、上传规则', params: RegionParams, response: { 200: RequestFormView, ...errors } } }, async (req) =>
    requestForm(ctxOf(req), req.params.regionCode),
  );
  r.post(
    '/api/public/orgs/:regionCode/photos',
    {
      config: pub,
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary:
          '上传诉求照片（请求体为 JPG/PNG 图片，≤5 MB；按内容识别，去除 EXIF/GPS，最长边 1600 像素）。同一网络地址有张数和每日字节额度；接近限额时返回 428，解题后带 ?challenge= 重新上传',
        params: RegionParams,
        querystring: PhotoUploadQuery,
        response: { 200: PhotoView, ...errors },
      },
    },
    async (req) => uploadConcernPhoto(ctxOf(req), req.params.regionCode, bodyBytes(req.body), req.query.challenge),
  );
  r.post(
    '/api/public/orgs/:regionCode/requests',
    { config: pub, schema: { tags, summary: '提交诉求 → 查询码；接近限额时返回 428 CHALLENGE_REQUIRED（details[0].message 为挑战），解题后带 challenge 重新提交', params: RegionParams, body: RaiseBody, response: { 200: RaiseResult, ...errors } } },
    async (req) => raiseRequest(ctxOf(req), req.params.regionCode, req.body),
  );
  r.get('/api/public/challenge', { config: pub, schema: { tags, summary: '新的人机验证挑战（ALTCHA，自托管；10 分钟内有效，只能用一次）', response: { 200: ChallengeView } } }, async (req) => {
    const c = await newChallenge(ctxOf(req));
    return { parameters: { ...c.parameters }, signature: c.signature };
  });
  r.get('/api/public/orgs/:regionCode/requests', { config: pub, schema: { tags, summary: '诉求公示：经审核公开的诉求与答复（不含姓名、手机号）', params: RegionParams, querystring: PublicListQuery, response: { 200: pageOf(PublicItemView), ...errors } } }, async (req) =>
    publicList(ctxOf(req), req.params.regionCode, req.query),
  );
  r.get('/api/public/requests/followed', { config: pub, schema: { tags, summary: '关注的（ids，仅公开的）和自己提交的（codes）诉求的进度', querystring: FollowedQuery, response: { 200: z.array(FollowedItemView), ...errors } } }, async (req) =>
    followedRequests(ctxOf(req), req.query),
  );
  r.get('/api/public/requests/:code', { config: pub, schema: { tags, summary: '凭查询码查看自己的诉求、答复和办理过程', params: CodeParams, response: { 200: TrackView, ...errors } } }, async (req) =>
    trackRequest(ctxOf(req), req.params.code),
  );
  r.get('/api/public/requests/:code/photos/:id', { config: pub, schema: { tags, summary: '诉求或答复的照片', params: CodeParams.extend({ id: IdParams.shape.id }) } }, async (req, reply) => {
    const f = await trackPhoto(ctxOf(req), req.params.code, req.params.id);
    return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').send(f.bytes);
  });
  r.post('/api/public/requests/:code/rating', { config: pub, schema: { tags, summary: '评价答复：满意、基本满意办结；不满意重新办理', params: CodeParams, body: RatingBody, response: { 200: TrackView, ...errors } } }, async (req) =>
    rateRequest(ctxOf(req), req.params.code, req.body),
  );
  r.post(
    '/api/public/requests/:id/follow',
    {
      config: pub,
      schema: {
        tags,
        summary: '关注公开的诉求（每台手机一次：device 为页面保存的随机标识；同一网络地址每天有上限；关注列表保存在手机上）',
        params: IdParams,
        body: FollowBody,
        response: { 200: z.object({ followCount: z.number() }), ...errors },
      },
    },
    async (req) => followRequest(ctxOf(req), req.params.id, req.body),
  );
}
