import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { exportFigures } from './figures.export.js';
import { memberFigures } from './figures.member.js';
import { opinionFigures } from './figures.opinions.js';
import { requestFigures } from './figures.requests.js';
import { MemberFigures, MemberFiguresQuery, OpinionFigures, PeriodQuery, RequestFigures, RequestFiguresQuery } from './figures.schema.js';

const tags = ['统计'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const read = { access: 'figures.read' as const };
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function figuresRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/figures/requests',
    { config: read, schema: { tags, summary: '群众诉求统计：合计、按乡镇（指定乡镇时按村社区）、按分类、按月（默认本年 1 月 1 日至今天）', querystring: RequestFiguresQuery, response: { 200: RequestFigures, ...errorResponses } } },
    async (req) => requestFigures(ctxOf(req), req.query),
  );
  r.get(
    '/api/figures/opinions',
    { config: read, schema: { tags, summary: '社情民意统计：报送、各级采用和批示（按条）、委员排行、按月', querystring: PeriodQuery, response: { 200: OpinionFigures, ...errorResponses } } },
    async (req) => opinionFigures(ctxOf(req), req.query),
  );
  r.get(
    '/api/members/:id/figures',
    { config: { access: 'member.read' }, schema: { tags, summary: '委员履职统计（机关、领导可看任一委员；委员只能看本人）', params: IdParams, querystring: MemberFiguresQuery, response: { 200: MemberFigures, ...errorResponses } } },
    async (req) => memberFigures(ctxOf(req), req.params.id, req.query),
  );
  r.get('/api/figures/export.xlsx', { config: read, schema: { tags, summary: '导出统计（Excel：诉求按乡镇（或所选乡镇的村社区）、诉求按分类、社情民意、委员；记入审计日志）', querystring: RequestFiguresQuery } }, async (req, reply) => {
    const f = await exportFigures(ctxOf(req), req.query);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(f.name, f.ascii)).send(f.bytes);
  });
}
