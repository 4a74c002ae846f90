import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { MemberBody, MemberContact, MemberExportQuery, MemberLeaveBody, MemberListQuery, MemberUpdateBody, MemberView } from './member.schema.js';
import { exportMembers } from './member.export.js';
import { importMembers } from './member.import.js';
import { ImportQuery, ImportResultView } from './member.schema.js';
import { memberTemplate } from './member.template.js';
import { memberRelations, myRelations } from './member.relations.js';
import { MemberRelationsView } from './member.relations.schema.js';
import { listMembers } from './member.list.js';
import { createMember, getMember, leaveMember, myMembership, revealMemberContact, updateMember } from './member.service.js';

const tags = ['委员'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const manage = { access: 'member.manage' as const };

export async function memberRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/members',
    {
      config: { access: 'member.read' },
      schema: { tags, summary: '委员列表（按界别、专委会、届次、党派、常委筛选；按姓名、拼音或首字母搜索）', querystring: MemberListQuery, response: { 200: pageOf(MemberView), ...errorResponses } },
    },
    async (req) => listMembers(ctxOf(req), req.query),
  );
  r.get(
    '/api/members/export',
    { config: { access: 'member.read' }, schema: { tags, summary: '按当前筛选导出委员名单（.xlsx；contacts=full 含完整号码，仅管理员和机关干部，记入审计日志）', querystring: MemberExportQuery } },
    async (req, reply) => {
      const stream = await exportMembers(ctxOf(req), req.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment('委员名单.xlsx', 'members.xlsx')).send(stream);
    },
  );
  r.get(
    '/api/members/import/template',
    { config: manage, schema: { tags, summary: '委员名单导入模板（.xlsx，含本组织界别下拉列表）' } },
    async (req, reply) => reply.header('content-type', XLSX).header('content-disposition', attachment('委员名单导入模板.xlsx', 'members-template.xlsx')).send(await memberTemplate(ctxOf(req))),
  );
  // the .xlsx itself is the request body (up to 10 MB): no multipart form needed
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  r.post(
    '/api/members/import',
    {
      config: manage,
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary: '从 Excel 导入委员（请求体为 .xlsx 文件）；mode=check 只校验，mode=apply 校验通过后导入；任一行有错则不导入',
        querystring: ImportQuery,
        response: { 200: ImportResultView, ...errorResponses },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 .xlsx 文件作为请求体上传');
      return importMembers(ctxOf(req), req.body, req.query.mode);
    },
  );
  r.get(
    '/api/members/me',
    { config: { access: 'org.read' }, schema: { tags, summary: '我在当前组织的委员信息（不是委员则为 null）', response: { 200: MemberView.nullable(), ...errorResponses } } },
    async (req) => myMembership(ctxOf(req)),
  );
  r.get(
    '/api/members/me/relations',
    { config: { access: 'org.read' }, schema: { tags, summary: '我的小组、联系关系和党组织（不是委员则为 null）', response: { 200: MemberRelationsView.nullable(), ...errorResponses } } },
    async (req) => myRelations(ctxOf(req)),
  );
  r.get(
    '/api/members/:id/relations',
    { config: { access: 'member.read' }, schema: { tags, summary: '委员所在小组、联系关系（联系谁、谁联系）和党组织', params: IdParams, response: { 200: MemberRelationsView, ...errorResponses } } },
    async (req) => memberRelations(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/members/:id',
    { config: { access: 'member.read' }, schema: { tags, summary: '委员详情', params: IdParams, response: { 200: MemberView, ...errorResponses } } },
    async (req) => getMember(ctxOf(req), req.params.id),
  );
  r.post('/api/members', { config: manage, schema: { tags, summary: '新增委员', body: MemberBody, response: { 200: MemberView, ...errorResponses } } }, async (req) =>
    createMember(ctxOf(req), req.body),
  );
  r.patch(
    '/api/members/:id',
    { config: manage, schema: { tags, summary: '修改委员信息', params: IdParams, body: MemberUpdateBody, response: { 200: MemberView, ...errorResponses } } },
    async (req) => updateMember(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/members/:id/leave',
    { config: manage, schema: { tags, summary: '委员离任（保留履职记录）', params: IdParams, body: MemberLeaveBody, response: { 200: MemberView, ...errorResponses } } },
    async (req) => leaveMember(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/members/:id/contact',
    { config: { access: 'member.contact' }, schema: { tags, summary: '完整手机号和身份证号（记入审计日志）', params: IdParams, response: { 200: MemberContact, ...errorResponses } } },
    async (req) => revealMemberContact(ctxOf(req), req.params.id),
  );
}
