import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { bulletinRoutes } from './bulletin.routes.js';
import { addRecord, decideReport, editReport, removeRecord } from './opinion.decide.js';
import { downloadReportFile, MAX_FILE_BYTES, uploadReportFile } from './opinion.files.js';
import { listReports } from './opinion.list.js';
import {
  FileParams,
  FileUploadQuery,
  OpinionBody,
  OpinionDecisionBody,
  OpinionEditBody,
  OpinionFileView,
  OpinionListItem,
  OpinionListQuery,
  OpinionRecordBody,
  OpinionUpdateBody,
  OpinionView,
  RecordParams,
} from './opinion.schema.js';
import { createReport, getReport, submitReport, updateReport } from './opinion.service.js';

const tags = ['社情民意信息与期刊'];
const write = { access: 'opinion.write' as const };
const manage = { access: 'opinion.manage' as const };
const one = { 200: OpinionView, ...errorResponses };
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function opinionRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/opinion-reports',
    {
      config: { access: 'opinion.read' },
      schema: { tags, summary: '社情民意信息列表：mine 我撰写或联名的；org 本组织的（机关、领导）；forwarded 下级转报来的', querystring: OpinionListQuery, response: { 200: pageOf(OpinionListItem), ...errorResponses } },
    },
    async (req) => listReports(ctxOf(req), req.query),
  );
  // an attachment is the request body itself (up to 10 MB), its name in ?name=
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
  r.post(
    '/api/opinion-reports/files',
    {
      config: write,
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: '上传附件（请求体为文件本身；PDF、docx、xlsx、JPG、PNG，≤ 10 MB；图片去除 EXIF）；保存信息时在 fileIds 中带上', querystring: FileUploadQuery, response: { 200: OpinionFileView, ...errorResponses } },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件本身作为请求体上传（Content-Type: application/octet-stream）');
      return uploadReportFile(ctxOf(req), req.query.name, req.body);
    },
  );
  r.post('/api/opinion-reports', { config: write, schema: { tags, summary: '撰写社情民意信息（存为草稿）', body: OpinionBody, response: one } }, async (req) =>
    createReport(ctxOf(req), req.body),
  );
  r.get('/api/opinion-reports/:id', { config: { access: 'opinion.read' }, schema: { tags, summary: '社情民意信息详情', params: IdParams, response: one } }, async (req) =>
    getReport(ctxOf(req), req.params.id),
  );
  r.put('/api/opinion-reports/:id', { config: write, schema: { tags, summary: '修改草稿或退回修改的信息（第一作者；须提交全部内容）', params: IdParams, body: OpinionUpdateBody, response: one } }, async (req) =>
    updateReport(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/opinion-reports/:id/submit', { config: write, schema: { tags, summary: '报送（第一作者）', params: IdParams, response: one } }, async (req) =>
    submitReport(ctxOf(req), req.params.id),
  );
  r.patch('/api/opinion-reports/:id', { config: manage, schema: { tags, summary: '机关编辑标题或正文（只传要改的项；修改前后记入历史和审计日志）', params: IdParams, body: OpinionEditBody, response: one } }, async (req) =>
    editReport(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/opinion-reports/:id/decision',
    { config: manage, schema: { tags, summary: '处理：adopt 采用、forward 转报上级（同时计本级采用）、decline 不予采用（须说明理由）、return 退回修改（须说明理由）', params: IdParams, body: OpinionDecisionBody, response: one } },
    async (req) => decideReport(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/opinion-reports/:id/records', { config: manage, schema: { tags, summary: '登记采用或领导批示（级别、单位或领导、内容、日期）', params: IdParams, body: OpinionRecordBody, response: one } }, async (req) =>
    addRecord(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/opinion-reports/:id/records/:recordId', { config: manage, schema: { tags, summary: '删除本单位误登记的采用或批示（本级处理产生的采用不能删除）', params: RecordParams, response: one } }, async (req) =>
    removeRecord(ctxOf(req), req.params.id, req.params.recordId),
  );
  r.get('/api/opinion-reports/:id/files/:fileId', { config: { access: 'opinion.read' }, schema: { tags, summary: '下载附件', params: FileParams } }, async (req, reply) => {
    const f = await downloadReportFile(ctxOf(req), req.params.id, req.params.fileId);
    const ascii = `attachment.${f.name.split('.').pop()}`;
    return reply.header('content-type', f.mime).header('content-disposition', attachment(f.name, ascii)).header('x-content-type-options', 'nosniff').send(f.bytes);
  });
  await bulletinRoutes(app);
}
