import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { proposalFiguresRoutes } from './proposal.figures.routes.js';
import { z } from 'zod';
import { addSupervision, decideKey, setSupervisors, supervisorOptions } from './proposal.key.js';
import { publishProposal } from './proposal.publish.js';
import { KeyBody, ProposalView, PublishBody, SupervisionBody, SupervisorsBody } from './proposal.schema.js';

const tags = ['提案'];
const manage = { access: 'proposal.manage' as const };
const one = { 200: ProposalView, ...errorResponses, 409: errorResponses[400].describe('状态不允许') };

/** 重点提案 and 答复公开 (staff); the figures and the unit report are registered from here too. */
export async function proposalKeyRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.post('/api/proposals/:id/key', { config: manage, schema: { tags, summary: '重点提案：拟定（shortlist）、按主席会议确定（approve，会议日期）、取消（drop，须说明）', params: IdParams, body: KeyBody, response: one } }, async (req) =>
    decideKey(ctxOf(req), req.params.id, req.body),
  );
  r.put('/api/proposals/:id/supervisors', { config: manage, schema: { tags, summary: '指定重点提案的督办领导（整体替换；有账号的领导可在“我督办的”中看到）', params: IdParams, body: SupervisorsBody, response: one } }, async (req) =>
    setSupervisors(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/proposal-supervisor-options',
    { config: manage, schema: { tags, summary: '可指定为督办领导并关联账号的领导（本组织“领导”角色的账号）', response: { 200: z.array(z.object({ id: z.string(), displayName: z.string() })), ...errorResponses } } },
    async (req) => supervisorOptions(ctxOf(req)),
  );
  r.post('/api/proposals/:id/supervisions', { config: manage, schema: { tags, summary: '登记重点提案的督办活动（座谈、调研、视察、督办会）', params: IdParams, body: SupervisionBody, response: one } }, async (req) =>
    addSupervision(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/proposals/:id/publication',
    { config: manage, schema: { tags, summary: '答复公开：全文、摘要或不公开（须说明理由）；提案者不同意公开的不能公开', params: IdParams, body: PublishBody, response: one } },
    async (req) => publishProposal(ctxOf(req), req.params.id, req.body),
  );
  await proposalFiguresRoutes(app);
}
