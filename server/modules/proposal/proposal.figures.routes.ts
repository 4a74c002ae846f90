import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, zapp } from '../../core/http.js';
import { ProposalFiguresQuery, proposalFigures } from './proposal.figures.js';
import { unitReport } from './proposal.report.js';
import { ProposalFigures, UnitReportQuery, UnitReportRow } from './proposal.schema.js';

const tags = ['提案'];
const figures = { access: 'figures.read' as const };

/** Registered by proposalKeyRoutes. */
export async function proposalFiguresRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/proposal-figures',
    { config: figures, schema: { tags, summary: '提案统计：一次会议（默认当前征集或最近一次）各状态件数、超期、重点提案、满意率、按期答复率、分类和答复类别', querystring: ProposalFiguresQuery, response: { 200: ProposalFigures, ...errorResponses } } },
    async (req) => proposalFigures(ctxOf(req), req.query),
  );
  r.get(
    '/api/proposal-unit-report',
    { config: figures, schema: { tags, summary: '承办单位年度办理情况（当年交办的件）：交办、主办会办、答复、按期率、超期、异议、延期、答复类别、满意度、重办', querystring: UnitReportQuery, response: { 200: z.object({ year: z.number(), rows: z.array(UnitReportRow) }), ...errorResponses } } },
    async (req) => unitReport(ctxOf(req), req.query.year),
  );
}
