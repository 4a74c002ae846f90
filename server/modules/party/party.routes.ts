import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { PageQuery, pageOf } from '../../core/pagination.js';
import { PartyMemberBody, PartyOrgBody, PartyOrgUpdateBody, PartyOrgView, PartyPersonView, PartyRoleBody } from './party.schema.js';
import {
  addPartyMember,
  createPartyOrg,
  createTempBranch,
  deletePartyOrg,
  listPartyMembers,
  listPartyOrgs,
  removePartyMember,
  setPartyRole,
  updatePartyOrg,
} from './party.service.js';

const tags = ['党组织'];
const manage = { access: 'party.manage' as const };
const PartyOrgs = z.array(PartyOrgView);
const MemberParams = IdParams.extend({ pomId: z.uuid({ message: '成员编号无效' }) });

export async function partyRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/party-orgs', { config: { access: 'party.read' }, schema: { tags, summary: '党组织树（党组、机关党组、机关党委、支部、临时党支部）', response: { 200: PartyOrgs, ...errorResponses } } }, async (req) =>
    listPartyOrgs(ctxOf(req)),
  );
  r.post('/api/party-orgs', { config: manage, schema: { tags, summary: '建立党组织', body: PartyOrgBody, response: { 200: PartyOrgView, ...errorResponses } } }, async (req) =>
    createPartyOrg(ctxOf(req), req.body),
  );
  r.put('/api/party-orgs/:id', { config: manage, schema: { tags, summary: '修改党组织名称', params: IdParams, body: PartyOrgUpdateBody, response: { 200: PartyOrgView, ...errorResponses } } }, async (req) =>
    updatePartyOrg(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/party-orgs/:id', { config: manage, schema: { tags, summary: '撤销党组织', params: IdParams, response: { 200: PartyOrgs, ...errorResponses } } }, async (req) =>
    deletePartyOrg(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/party-orgs/:id/members',
    { config: { access: 'party.read' }, schema: { tags, summary: '党组织的书记、委员和党员', params: IdParams, querystring: PageQuery, response: { 200: pageOf(PartyPersonView), ...errorResponses } } },
    async (req) => listPartyMembers(ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/party-orgs/:id/members',
    { config: manage, schema: { tags, summary: '加入党组织（中共党员委员或机关干部）', params: IdParams, body: PartyMemberBody, response: { 200: PartyOrgView, ...errorResponses } } },
    async (req) => addPartyMember(ctxOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/party-orgs/:id/members/:pomId',
    { config: manage, schema: { tags, summary: '调整职务', params: MemberParams, body: PartyRoleBody, response: { 200: PartyOrgView, ...errorResponses } } },
    async (req) => setPartyRole(ctxOf(req), req.params.id, req.params.pomId, req.body.role),
  );
  r.delete(
    '/api/party-orgs/:id/members/:pomId',
    { config: manage, schema: { tags, summary: '调出党组织', params: MemberParams, response: { 200: PartyOrgView, ...errorResponses } } },
    async (req) => removePartyMember(ctxOf(req), req.params.id, req.params.pomId),
  );
  r.post(
    '/api/groups/:id/temp-branch',
    { config: manage, schema: { tags, summary: '为活动小组建立临时党支部（召集人任书记，联络干部任委员）', params: IdParams, response: { 200: PartyOrgView, ...errorResponses } } },
    async (req) => createTempBranch(ctxOf(req), req.params.id),
  );
}
