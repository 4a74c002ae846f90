import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, Ok, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { MemberBrief } from '../member/member.schema.js';
import { CoverageView, KeeperOption, KeeperQuery, LinkCreateBody, LinkCreated, LinkListQuery, LinkView, LiaisonSchemeBody, UncoveredQuery } from './liaison.schema.js';
import { createLinks, deleteLink, liaisonCoverage, listKeepers, listLinks, listUncovered, saveScheme } from './liaison.service.js';

const tags = ['联系制度'];
const read = { access: 'liaison.read' as const };
const manage = { access: 'liaison.manage' as const };

export async function liaisonRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/liaison/coverage', { config: read, schema: { tags, summary: '联系链各级的覆盖率', response: { 200: CoverageView, ...errorResponses } } }, async (req) =>
    liaisonCoverage(ctxOf(req)),
  );
  r.put('/api/liaison/scheme', { config: manage, schema: { tags, summary: '修改本组织的联系链', body: LiaisonSchemeBody, response: { 200: CoverageView, ...errorResponses } } }, async (req) =>
    saveScheme(ctxOf(req), req.body.levels),
  );
  r.get(
    '/api/liaison/uncovered',
    { config: read, schema: { tags, summary: '某一级中尚无人联系的委员', querystring: UncoveredQuery, response: { 200: pageOf(MemberBrief), ...errorResponses } } },
    async (req) => listUncovered(ctxOf(req), req.query),
  );
  r.get(
    '/api/liaison/keepers',
    { config: read, schema: { tags, summary: '某一级可担任联系人的委员及其已联系人数', querystring: KeeperQuery, response: { 200: pageOf(KeeperOption), ...errorResponses } } },
    async (req) => listKeepers(ctxOf(req), req.query),
  );
  r.get('/api/liaison/links', { config: read, schema: { tags, summary: '联系关系', querystring: LinkListQuery, response: { 200: pageOf(LinkView), ...errorResponses } } }, async (req) =>
    listLinks(ctxOf(req), req.query),
  );
  r.post('/api/liaison/links', { config: manage, schema: { tags, summary: '确定联系人（一次可指定多名被联系委员）', body: LinkCreateBody, response: { 200: LinkCreated, ...errorResponses } } }, async (req) =>
    createLinks(ctxOf(req), req.body),
  );
  r.delete('/api/liaison/links/:id', { config: manage, schema: { tags, summary: '取消一条联系关系', params: IdParams, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await deleteLink(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
