import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { assignProposal, objectToAssignment, settleObjection } from './proposal.assign.js';
import { decideExtension, recordContact, reportFollowUp, requestExtension, signOff } from './proposal.handle.js';
import { rateOnBehalf, rateReply } from './proposal.rating.js';
import { correctCategory, rehandle, replyToProposal } from './proposal.reply.js';
import {
  AssignBody,
  CategoryCorrectionBody,
  ContactBody,
  ExtensionBody,
  ExtensionDecisionBody,
  FollowUpBody,
  ObjectionBody,
  ObjectionDecisionBody,
  ProposalView,
  RatingBody,
  RatingOnBehalfBody,
  RehandleBody,
  ReplyBody,
  SignOffBody,
} from './proposal.schema.js';

const tags = ['提案办理（交办、承办单位、测评）'];
const manage = { access: 'proposal.manage' as const };
const handle = { access: 'proposal.handle' as const };
const one = { 200: ProposalView, ...errorResponses };

/** 交办, what a unit does with its part, the office's checks of replies, and the proposers' ratings. Every route answers the proposal as the actor sees it. */
export async function proposalHandlingRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.post('/api/proposals/:id/assign', { config: manage, schema: { tags, summary: '交办：单独办理、主办会办或分别办理', params: IdParams, body: AssignBody, response: one } }, async (req) =>
    assignProposal(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/objection', { config: handle, schema: { tags, summary: '承办单位在异议期内对交办提出异议', params: IdParams, body: ObjectionBody, response: one } }, async (req) =>
    objectToAssignment(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/proposal-assignments/:id/objection/decision',
    { config: manage, schema: { tags, summary: '处理异议：维持交办或改为其他单位办理', params: IdParams, body: ObjectionDecisionBody, response: one } },
    async (req) => settleObjection(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/extensions', { config: handle, schema: { tags, summary: '申请延期（不超过交办之日起 6 个月）', params: IdParams, body: ExtensionBody, response: one } }, async (req) =>
    requestExtension(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-extensions/:id/decision', { config: manage, schema: { tags, summary: '审批延期申请', params: IdParams, body: ExtensionDecisionBody, response: one } }, async (req) =>
    decideExtension(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/contacts', { config: handle, schema: { tags, summary: '登记与提案者的沟通情况', params: IdParams, body: ContactBody, response: one } }, async (req) =>
    recordContact(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/sign-off', { config: handle, schema: { tags, summary: '会办单位会签（将会办意见送主办单位）', params: IdParams, body: SignOffBody, response: one } }, async (req) =>
    signOff(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/reply', { config: handle, schema: { tags, summary: '答复提案者（复文，含答复类别）', params: IdParams, body: ReplyBody, response: one } }, async (req) =>
    replyToProposal(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/follow-up', { config: handle, schema: { tags, summary: '报告“正在解决”类答复的落实情况', params: IdParams, body: FollowUpBody, response: one } }, async (req) =>
    reportFollowUp(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-assignments/:id/rehandle', { config: manage, schema: { tags, summary: '退回答复，请承办单位重新办理（新的期限）', params: IdParams, body: RehandleBody, response: one } }, async (req) =>
    rehandle(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-replies/:id/category', { config: manage, schema: { tags, summary: '修改答复类别（保留承办单位原定类别）', params: IdParams, body: CategoryCorrectionBody, response: one } }, async (req) =>
    correctCategory(ctxOf(req), req.params.id, req.body),
  );
  // any signed-in role reaches the service, which answers everyone but the proposer "只有提案者本人可以测评"
  r.post('/api/proposal-replies/:id/rating', { config: { access: 'proposal.read' }, schema: { tags, summary: '提案者本人测评答复（办理工作、办理结果）', params: IdParams, body: RatingBody, response: one } }, async (req) =>
    rateReply(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposal-replies/:id/rating-on-behalf', { config: manage, schema: { tags, summary: '机关代录不使用系统的委员的测评（标明代录）', params: IdParams, body: RatingOnBehalfBody, response: one } }, async (req) =>
    rateOnBehalf(ctxOf(req), req.params.id, req.body),
  );
}
