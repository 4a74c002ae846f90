import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import { z } from 'zod';
import { UnitAccountOption, UnitAccountsBody, UnitBody, UnitDeleteResult, UnitListQuery, UnitUpdateBody, UnitView } from './unit.schema.js';
import { createUnit, deleteUnit, listUnits, myUnit, setUnitAccounts, unitAccountOptions, updateUnit } from './unit.service.js';

const tags = ['承办单位'];
const manage = { access: 'unit.manage' as const };
const errors = { ...errorResponses, 409: errorResponses[400].describe('名称重复') };
const one = { 200: UnitView, ...errors };

export async function unitRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/units',
    { config: { access: 'unit.read' }, schema: { tags, summary: '承办单位列表（含关联账号、在办和超期件数；非机关人员看到的联系电话已隐去中间四位）', querystring: UnitListQuery, response: { 200: pageOf(UnitView), ...errors } } },
    async (req) => listUnits(ctxOf(req), req.query),
  );
  r.get('/api/units/account-options', { config: manage, schema: { tags, summary: '可关联到承办单位的账号（本组织“承办单位”角色的账号及其现属单位）', response: { 200: z.array(UnitAccountOption), ...errors } } }, async (req) =>
    unitAccountOptions(ctxOf(req)),
  );
  r.get('/api/units/mine', { config: { access: 'proposal.handle' }, schema: { tags, summary: '本账号所在的承办单位', response: one } }, async (req) => myUnit(ctxOf(req)));
  r.post('/api/units', { config: manage, schema: { tags, summary: '新增承办单位（名称在本组织内不能重复）', body: UnitBody, response: one } }, async (req) => createUnit(ctxOf(req), req.body));
  r.put('/api/units/:id', { config: manage, schema: { tags, summary: '修改承办单位（含停用、重新启用；须提交全部内容）', params: IdParams, body: UnitUpdateBody, response: one } }, async (req) =>
    updateUnit(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/units/:id', { config: manage, schema: { tags, summary: '删除承办单位；已有办理记录的改为停用', params: IdParams, response: { 200: UnitDeleteResult, ...errors } } }, async (req) =>
    deleteUnit(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/units/:id/accounts',
    { config: manage, schema: { tags, summary: '设置单位的承办账号（须为本组织“承办单位”角色的账号；一个账号只属于一个单位，从其他单位调整过来会记入日志）', params: IdParams, body: UnitAccountsBody, response: one } },
    async (req) => setUnitAccounts(ctxOf(req), req.params.id, req.body),
  );
}
