import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { RegionParams } from '../request/request.schema.js';
import { publicProposal, publicProposals } from './proposal.public.js';
import { PublicProposal, PublicProposalQuery } from './proposal.schema.js';

const tags = ['提案答复公开（公开页面，无需登录）'];
const pub = { access: 'public' as const };

export async function proposalPublicRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/public/orgs/:regionCode/proposals',
    { config: pub, schema: { tags, summary: '公开的提案及答复，按公开时间倒序；q 按案由查找（不含电话号码和联系人）', params: RegionParams, querystring: PublicProposalQuery, response: { 200: pageOf(PublicProposal), ...errorResponses } } },
    async (req) => publicProposals(ctxOf(req), req.params.regionCode, req.query),
  );
  r.get(
    '/api/public/orgs/:regionCode/proposals/:id',
    { config: pub, schema: { tags, summary: '一件公开的提案及其答复', params: RegionParams.extend({ id: IdParams.shape.id }), response: { 200: PublicProposal, ...errorResponses } } },
    async (req) => publicProposal(ctxOf(req), req.params.regionCode, req.params.id),
  );
}
