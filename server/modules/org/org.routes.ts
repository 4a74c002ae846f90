import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, zapp } from '../../core/http.js';
import { PageQuery, pageOf } from '../../core/pagination.js';
import { OrgCreateBody, OrgDetail, OrgSettingsBody, OrgView } from './org.schema.js';
import { createChildOrg, currentOrg, listChildOrgs, updateOrgSettings } from './org.service.js';

const tags = ['政协组织'];

export async function orgRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/orgs/current',
    { config: { access: 'org.read' }, schema: { tags, summary: '当前组织及其设置', response: { 200: OrgDetail, ...errorResponses } } },
    async (req) => currentOrg(ctxOf(req)),
  );
  r.patch(
    '/api/orgs/current/settings',
    {
      config: { access: 'org.manage' },
      schema: { tags, summary: '修改当前组织的设置（空闲超时、审计保留期）', body: OrgSettingsBody, response: { 200: OrgDetail, ...errorResponses } },
    },
    async (req) => updateOrgSettings(ctxOf(req), req.body),
  );
  r.get(
    '/api/orgs/children',
    { config: { access: 'org.manage' }, schema: { tags, summary: '下级组织', querystring: PageQuery, response: { 200: pageOf(OrgView), ...errorResponses } } },
    async (req) => listChildOrgs(ctxOf(req), req.query),
  );
  r.post(
    '/api/orgs/children',
    {
      config: { access: 'org.manage' },
      schema: { tags, summary: '新建下级组织（创建者成为其管理员）', body: OrgCreateBody, response: { 200: OrgView, ...errorResponses } },
    },
    async (req) => createChildOrg(ctxOf(req), req.body),
  );
}
