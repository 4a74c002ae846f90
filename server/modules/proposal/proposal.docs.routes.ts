import type { FastifyInstance } from 'fastify';
import { ctxOf, IdParams, zapp } from '../../core/http.js';
import { compilationDocx, proposalDocx, replyLetterDocx } from './proposal.docx.js';
import { exportProposals, exportUnitReport } from './proposal.export.js';
import { ProposalExportQuery, SessionParams, UnitReportQuery } from './proposal.schema.js';

const tags = ['提案'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = { access: 'proposal.read' as const };
/** proposal.manage or figures.read (checked again in the service) */
const exporter = { access: 'figures.read' as const };
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 提案文书: the printed proposal, the reply letter, the session's compilation; the Excel lists. */
export async function proposalDocsRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/proposals/:id/document.docx',
    { config: read, schema: { tags, summary: '导出提案（Word，通用印制格式：案由、提案人、界别、情况分析建议、审查意见、交办）；看不到该提案的返回 404', params: IdParams } },
    async (req, reply) => {
      const f = await proposalDocx(ctxOf(req), req.params.id);
      return reply.header('content-type', DOCX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
    },
  );
  r.get(
    '/api/proposal-replies/:id/letter.docx',
    { config: read, schema: { tags, summary: '导出答复复文（Word：单位红头、文号、答复类别、称谓、正文、会办单位、签发人、联系人、抄送）；限提案者、答复单位、机关和领导', params: IdParams } },
    async (req, reply) => {
      const f = await replyLetterDocx(ctxOf(req), req.params.id);
      return reply.header('content-type', DOCX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
    },
  );
  r.get(
    '/api/proposal-sessions/:sessionId/compilation.docx',
    { config: read, schema: { tags, summary: '导出本次会议提案汇编（Word：封面、目录、按提案号排列的立案提案）', params: SessionParams } },
    async (req, reply) => {
      const f = await compilationDocx(ctxOf(req), req.params.sessionId);
      return reply.header('content-type', DOCX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
    },
  );
  r.get(
    '/api/proposals/export.xlsx',
    { config: exporter, schema: { tags, summary: '按列表筛选条件导出提案（Excel，最多 20000 件；记入审计日志）', querystring: ProposalExportQuery } },
    async (req, reply) => {
      const f = await exportProposals(ctxOf(req), req.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
    },
  );
  r.get(
    '/api/proposal-unit-report.xlsx',
    { config: exporter, schema: { tags, summary: '导出承办单位年度办理情况（Excel：按期答复率、答复类别、满意度；记入审计日志）', querystring: UnitReportQuery } },
    async (req, reply) => {
      const f = await exportUnitReport(ctxOf(req), req.query.year);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
    },
  );
}
