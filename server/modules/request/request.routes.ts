import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { answerRequest } from './request.answer.js';
import { createCategory, deleteCategory, listCategories, updateCategory } from './request.category.js';
import { escalateRequests, listEscalations } from './request.escalation.js';
import { getRequestRules, updateRequestRules } from './request.rules.js';
import {
  AnswerBody,
  AssignBody,
  CategoryBody,
  CategoryUpdateBody,
  CategoryView,
  CloseBody,
  ContactView,
  EscalationBody,
  EscalationListQuery,
  EscalationView,
  HideBody,
  PublishBody,
  RequestDetailView,
  RequestListQuery,
  RequestRowView,
  RequestRules,
  RequestRulesBody,
  RouteBody,
} from './request.schema.js';
import { listRequests, requestContact, requestDetail } from './request.service.js';
import { assignRequest, claimRequest, closeRequest, hideRequest, publishRequest, routeRequest } from './request.workflow.js';

const tags = ['群众诉求（委员、机关）'];
const manage = { access: 'request.manage' as const };
/** staff/leaders and members share these; the service decides what each sees */
const shared = { access: 'signedIn' as const };
const Detail = { 200: RequestDetailView, ...errorResponses };
const Categories = { 200: z.array(CategoryView), ...errorResponses };

export async function requestRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/request-rules', { config: { access: 'request.read' }, schema: { tags, summary: '诉求办理规则（答复期限、提醒、限流、手机号保留期）', response: { 200: RequestRules, ...errorResponses } } }, async (req) =>
    getRequestRules(ctxOf(req)),
  );
  r.patch('/api/request-rules', { config: manage, schema: { tags, summary: '修改诉求办理规则（只传要改的项）', body: RequestRulesBody, response: { 200: RequestRules, ...errorResponses } } }, async (req) =>
    updateRequestRules(ctxOf(req), req.body),
  );
  r.get('/api/request-categories', { config: shared, schema: { tags, summary: '诉求分类（含停用的；首次读取时建立默认 8 类）', response: Categories } }, async (req) => listCategories(ctxOf(req)));
  r.post('/api/request-categories', { config: manage, schema: { tags, summary: '新增诉求分类（可指定专委会）', body: CategoryBody, response: Categories } }, async (req) =>
    createCategory(ctxOf(req), req.body),
  );
  r.put('/api/request-categories/:id', { config: manage, schema: { tags, summary: '修改诉求分类（名称、专委会、排序、启用，须全部提交）', params: IdParams, body: CategoryUpdateBody, response: Categories } }, async (req) =>
    updateCategory(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/request-categories/:id', { config: manage, schema: { tags, summary: '删除未使用的分类；已有诉求的分类改为停用', params: IdParams, response: Categories } }, async (req) =>
    deleteCategory(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/requests',
    { config: shared, schema: { tags, summary: '诉求列表：机关干部、领导看全部；委员看本小组（scope=group）或本人负责的（scope=mine）', querystring: RequestListQuery, response: { 200: pageOf(RequestRowView), ...errorResponses } } },
    async (req) => listRequests(ctxOf(req), req.query),
  );
  r.get('/api/requests/:id', { config: shared, schema: { tags, summary: '诉求详情（办理过程、照片、转化去向；手机号脱敏）', params: IdParams, response: Detail } }, async (req) =>
    requestDetail(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/requests/:id/contact',
    { config: shared, schema: { tags, summary: '群众完整手机号和称呼（机关干部、负责委员；记入审计日志）', params: IdParams, response: { 200: ContactView, ...errorResponses } } },
    async (req) => requestContact(ctxOf(req), req.params.id),
  );
  r.post('/api/requests/:id/claim', { config: { access: 'request.answer' }, schema: { tags, summary: '认领本小组的诉求', params: IdParams, response: Detail } }, async (req) =>
    claimRequest(ctxOf(req), req.params.id),
  );
  r.post('/api/requests/:id/assign', { config: shared, schema: { tags, summary: '指定办理委员（本小组召集人或机关干部）', params: IdParams, body: AssignBody, response: Detail } }, async (req) =>
    assignRequest(ctxOf(req), req.params.id, req.body.memberId),
  );
  r.post('/api/requests/:id/route', { config: manage, schema: { tags, summary: '改派小组、专委会或委员（机关干部）', params: IdParams, body: RouteBody, response: Detail } }, async (req) =>
    routeRequest(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/requests/:id/answer',
    { config: shared, schema: { tags, summary: '答复群众：负责委员或本小组委员；机关干部可代为答复（留痕）', params: IdParams, body: AnswerBody, response: Detail } },
    async (req) => answerRequest(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/requests/:id/publish', { config: manage, schema: { tags, summary: '公开到诉求公示（publish=false 撤回为待审核）', params: IdParams, body: PublishBody, response: Detail } }, async (req) =>
    publishRequest(ctxOf(req), req.params.id, req.body.publish),
  );
  r.post('/api/requests/:id/hide', { config: manage, schema: { tags, summary: '屏蔽（须填写原因，原因留存）', params: IdParams, body: HideBody, response: Detail } }, async (req) =>
    hideRequest(ctxOf(req), req.params.id, req.body.reason),
  );
  r.post('/api/requests/:id/close', { config: manage, schema: { tags, summary: '办结（线下已处理的重新办理诉求等）', params: IdParams, body: CloseBody, response: Detail } }, async (req) =>
    closeRequest(ctxOf(req), req.params.id, req.body.note),
  );

  r.post(
    '/api/request-escalations',
    { config: shared, schema: { tags, summary: '把诉求转为社情民意信息草稿、提案线索或协商议题候选（委员只能把本小组诉求转为社情民意信息）', body: EscalationBody, response: { 200: EscalationView, ...errorResponses } } },
    async (req) => escalateRequests(ctxOf(req), req.body),
  );
  r.get(
    '/api/request-escalations',
    { config: { access: 'request.read' }, schema: { tags, summary: '诉求转化记录（kind=proposal 提案线索、topic 协商议题候选、opinion_report 社情民意信息）', querystring: EscalationListQuery, response: { 200: pageOf(EscalationView), ...errorResponses } } },
    async (req) => listEscalations(ctxOf(req), req.query),
  );
}
