import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { downloadProposalFile, MAX_FILE_BYTES, uploadProposalFile } from './proposal.files.js';
import { listProposals } from './proposal.list.js';
import { reviewProposal } from './proposal.review.js';
import { getProposalRules, updateProposalRules } from './proposal.rules.js';
import { CoSignResponseBody, ProposalBody, ProposalFileView, ProposalListItem, ProposalListQuery, ProposalRulesUpdate, ProposalRulesView, ProposalUpdateBody, ProposalView, ReviewBody, SimilarProposal, SimilarProposalQuery } from './proposal.schema.js';
import { createProposal, respondInvitation, submitProposal, updateProposal, withdrawProposal } from './proposal.service.js';
import { similarProposals } from './proposal.similar.js';
import { getProposal } from './proposal.view.js';

const tags = ['提案'];
const read = { access: 'proposal.read' as const };
const write = { access: 'proposal.write' as const };
const manage = { access: 'proposal.manage' as const };
const one = { 200: ProposalView, ...errorResponses };
const FileParams = z.object({ id: z.uuid({ message: '提案编号无效' }), fileId: z.uuid({ message: '附件编号无效' }) });
const FileUploadQuery = z.object({ name: z.string({ message: '请提供文件名' }).trim().min(1, '请提供文件名').max(200, '文件名过长') });
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Writing, co-signing, submitting, reviewing and reading proposals; the org's proposal rules. */
export async function proposalRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/proposals',
    {
      config: read,
      schema: {
        tags,
        summary: '提案列表：mine 我的、invitations 联名邀请、torate 待测评（委员）；unit 本单位承办（承办单位）；review 待审查、board 待交办、overdue 逾期、objections 异议和延期、key 重点、supervised 我督办的、all 全部（机关、领导）',
        querystring: ProposalListQuery,
        response: { 200: pageOf(ProposalListItem), ...errorResponses },
      },
    },
    async (req) => listProposals(ctxOf(req), req.query),
  );
  r.get(
    '/api/proposals/similar',
    { config: read, schema: { tags, summary: '撰写时查找相似的已立案提案及其答复', querystring: SimilarProposalQuery, response: { 200: z.object({ items: z.array(SimilarProposal) }), ...errorResponses } } },
    async (req) => similarProposals(ctxOf(req), req.query),
  );
  // an attachment is the request body itself (up to 10 MB), its name in ?name=; registered once per app (the opinion routes may have done so)
  if (!app.hasContentTypeParser('application/octet-stream') && !app.hasContentTypeParser('*'))
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
  r.post(
    '/api/proposals/files',
    {
      config: write,
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: '上传提案附件（请求体为文件本身；PDF、docx、xlsx、JPG、PNG，≤ 10 MB）；保存提案时在 fileIds 中带上', querystring: FileUploadQuery, response: { 200: ProposalFileView, ...errorResponses } },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件本身作为请求体上传（Content-Type: application/octet-stream）');
      return uploadProposalFile(ctxOf(req), req.query.name, req.body);
    },
  );
  r.post('/api/proposals', { config: write, schema: { tags, summary: '撰写提案（存为草稿；联名委员即时收到邀请）', body: ProposalBody, response: one } }, async (req) => createProposal(ctxOf(req), req.body));
  r.get('/api/proposals/:id', { config: read, schema: { tags, summary: '提案详情', params: IdParams, response: one } }, async (req) => getProposal(ctxOf(req), req.params.id));
  r.put('/api/proposals/:id', { config: write, schema: { tags, summary: '修改草稿或退回修改的提案（第一提案人；须提交全部内容）', params: IdParams, body: ProposalUpdateBody, response: one } }, async (req) =>
    updateProposal(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/proposals/:id/submit', { config: write, schema: { tags, summary: '提交提案（第一提案人；未答复的联名邀请到期后作废）', params: IdParams, response: one } }, async (req) =>
    submitProposal(ctxOf(req), req.params.id),
  );
  r.post('/api/proposals/:id/withdraw', { config: write, schema: { tags, summary: '撤回待审查的提案（回到草稿）', params: IdParams, response: one } }, async (req) =>
    withdrawProposal(ctxOf(req), req.params.id),
  );
  r.post('/api/proposals/:id/invitation', { config: write, schema: { tags, summary: '答复联名邀请（同意或不同意）', params: IdParams, body: CoSignResponseBody, response: one } }, async (req) =>
    respondInvitation(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/proposals/:id/review',
    { config: manage, schema: { tags, summary: '审查：file 立案、decline 不予立案、convert 转办、return 退回修改、merge 并案', params: IdParams, body: ReviewBody, response: one } },
    async (req) => reviewProposal(ctxOf(req), req.params.id, req.body),
  );
  r.get('/api/proposals/:id/files/:fileId', { config: read, schema: { tags, summary: '下载提案附件', params: FileParams } }, async (req, reply) => {
    const f = await downloadProposalFile(ctxOf(req), req.params.id, req.params.fileId);
    const ascii = `attachment.${f.name.split('.').pop()}`;
    return reply.header('content-type', f.mime).header('content-disposition', attachment(f.name, ascii)).header('x-content-type-options', 'nosniff').send(f.bytes);
  });
  r.get('/api/proposal-rules', { config: read, schema: { tags, summary: '提案工作规则、本地工作日历和各次会议', response: { 200: ProposalRulesView, ...errorResponses } } }, async (req) =>
    getProposalRules(ctxOf(req)),
  );
  r.patch('/api/proposal-rules', { config: manage, schema: { tags, summary: '修改提案工作规则（只传要改的项）和本地工作日历', body: ProposalRulesUpdate, response: { 200: ProposalRulesView, ...errorResponses } } }, async (req) =>
    updateProposalRules(ctxOf(req), req.body),
  );
}
