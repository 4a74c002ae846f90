import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { AuditEntryView, AuditExportQuery, AuditListQuery } from './audit.schema.js';
import { listAudit } from './audit.service.js';
import { exportAudit } from './audit.export.js';

const tags = ['审计日志'];

export async function auditRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: '审计日志（按操作、操作人、关键词、日期筛选）', querystring: AuditListQuery, response: { 200: pageOf(AuditEntryView), ...errorResponses } },
    },
    async (req) => listAudit(ctxOf(req), req.query),
  );
  r.get(
    '/api/audit/export',
    { config: { access: 'audit.read' }, schema: { tags, summary: '按当前筛选导出审计日志（.xlsx）', querystring: AuditExportQuery } },
    async (req, reply) => {
      const stream = await exportAudit(ctxOf(req), req.query);
      const name = encodeURIComponent(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${name}`);
      return reply.send(stream);
    },
  );
}
