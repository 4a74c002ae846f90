import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { SessionBody, TermBody, TermView } from './term.schema.js';
import { createSession, createTerm, listTerms, setCurrentTerm } from './term.service.js';

const tags = ['届次与会议'];
const Terms = z.array(TermView);

export async function termRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/terms', { config: { access: 'structure.read' }, schema: { tags, summary: '届次及其各次会议', response: { 200: Terms, ...errorResponses } } }, async (req) =>
    listTerms(ctxOf(req)),
  );
  r.post(
    '/api/terms',
    { config: { access: 'structure.manage' }, schema: { tags, summary: '新建届次', body: TermBody, response: { 200: Terms, ...errorResponses } } },
    async (req) => createTerm(ctxOf(req), req.body),
  );
  r.post(
    '/api/terms/:id/current',
    { config: { access: 'structure.manage' }, schema: { tags, summary: '设为本届', params: IdParams, response: { 200: Terms, ...errorResponses } } },
    async (req) => setCurrentTerm(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/terms/:id/sessions',
    { config: { access: 'structure.manage' }, schema: { tags, summary: '新建本届的一次全体会议', params: IdParams, body: SessionBody, response: { 200: Terms, ...errorResponses } } },
    async (req) => createSession(ctxOf(req), req.params.id, req.body),
  );
}
