import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { bulletinDocx } from './bulletin.docx.js';
import { BulletinBody, BulletinCandidate, BulletinCandidateQuery, BulletinListItem, BulletinListQuery, BulletinUpdateBody, BulletinView } from './bulletin.schema.js';
import { createBulletin, getBulletin, listBulletins, listCandidates, updateBulletin } from './bulletin.service.js';

const tags = ['社情民意信息与期刊'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const manage = { access: 'opinion.manage' as const };
const one = { 200: BulletinView, ...errorResponses };
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 社情民意 期刊: registered by opinionRoutes (one plugin for the domain). */
export async function bulletinRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/bulletins',
    { config: { access: 'opinion.review' }, schema: { tags, summary: '社情民意期刊（机关、领导）', querystring: BulletinListQuery, response: { 200: pageOf(BulletinListItem), ...errorResponses } } },
    async (req) => listBulletins(ctxOf(req), req.query),
  );
  r.get(
    '/api/bulletins/candidates',
    { config: manage, schema: { tags, summary: '可编入期刊的信息：本组织已采用（含转报）的；fresh=true 只列尚未编入本组织期刊的', querystring: BulletinCandidateQuery, response: { 200: pageOf(BulletinCandidate), ...errorResponses } } },
    async (req) => listCandidates(ctxOf(req), req.query),
  );
  r.post('/api/bulletins', { config: manage, schema: { tags, summary: '编发新一期（期号按年自动编排：第N期）', body: BulletinBody, response: one } }, async (req) =>
    createBulletin(ctxOf(req), req.body),
  );
  r.get('/api/bulletins/:id', { config: { access: 'opinion.review' }, schema: { tags, summary: '期刊详情（所收信息按顺序）', params: IdParams, response: one } }, async (req) =>
    getBulletin(ctxOf(req), req.params.id),
  );
  r.put('/api/bulletins/:id', { config: manage, schema: { tags, summary: '修改最新一期：标题（空为默认标题）、日期（同一年内）、所收信息及顺序，须全部提交', params: IdParams, body: BulletinUpdateBody, response: one } }, async (req) =>
    updateBulletin(ctxOf(req), req.params.id, req.body),
  );
  r.get('/api/bulletins/:id/docx', { config: { access: 'opinion.review' }, schema: { tags, summary: '导出 Word（红头、期号、目录、正文、反映人、报送抄送）', params: IdParams } }, async (req, reply) => {
    const f = await bulletinDocx(ctxOf(req), req.params.id);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
  });
}
