import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { GroupCreateBody, GroupUpdateBody, GroupMembersBody, GroupProposal, GroupProposeBody, GroupView, StaffOption } from './group.schema.js';
import { addGroupMembers, createGroup, deleteGroup, listGroups, listStaff, proposeGroup, removeGroupMember, updateGroup } from './group.service.js';

const tags = ['活动小组'];
const manage = { access: 'structure.manage' as const };
const Groups = z.array(GroupView);

export async function groupRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/groups', { config: { access: 'structure.read' }, schema: { tags, summary: '活动小组（网格）：带组领导、召集人、联络干部、专委会、联系的地方、人数', response: { 200: Groups, ...errorResponses } } }, async (req) =>
    listGroups(ctxOf(req)),
  );
  r.post(
    '/api/groups/propose',
    { config: manage, schema: { tags, summary: '按“一名主席或副主席 + 两个专委会 + 专委会联系的界别”推荐小组成员', body: GroupProposeBody, response: { 200: GroupProposal, ...errorResponses } } },
    async (req) => proposeGroup(ctxOf(req), req.body),
  );
  r.post('/api/groups', { config: manage, schema: { tags, summary: '组建活动小组', body: GroupCreateBody, response: { 200: GroupView, ...errorResponses } } }, async (req) =>
    createGroup(ctxOf(req), req.body),
  );
  r.put(
    '/api/groups/:id',
    { config: manage, schema: { tags, summary: '修改小组（名称、带组领导、召集人、联络干部、专委会、联系的地方）', params: IdParams, body: GroupUpdateBody, response: { 200: GroupView, ...errorResponses } } },
    async (req) => updateGroup(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/groups/:id', { config: manage, schema: { tags, summary: '撤销小组（成员转为未分组）', params: IdParams, response: { 200: Groups, ...errorResponses } } }, async (req) =>
    deleteGroup(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/groups/:id/members',
    { config: manage, schema: { tags, summary: '把委员加入小组（已在其他小组的须选择调入）', params: IdParams, body: GroupMembersBody, response: { 200: GroupView, ...errorResponses } } },
    async (req) => addGroupMembers(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/groups/:id/members/:memberId',
    {
      config: manage,
      schema: { tags, summary: '委员退出小组', params: IdParams.extend({ memberId: z.uuid({ message: '委员编号无效' }) }), response: { 200: GroupView, ...errorResponses } },
    },
    async (req) => removeGroupMember(ctxOf(req), req.params.id, req.params.memberId),
  );
  r.get('/api/staff', { config: { access: 'structure.read' }, schema: { tags, summary: '本组织机关干部（可任小组联络干部、党组织委员）', response: { 200: z.array(StaffOption), ...errorResponses } } }, async (req) =>
    listStaff(ctxOf(req)),
  );
}
