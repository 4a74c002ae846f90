import type { FastifyInstance } from 'fastify';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { pageOf } from '../../core/pagination.js';
import {
  AccountAttachBody,
  AccountCreateBody,
  AccountListQuery,
  AccountRolesBody,
  AccountUpdateBody,
  AccountView,
  AccountWithPassword,
  PhoneView,
} from './account.schema.js';
import {
  attachAccount,
  createAccount,
  getAccount,
  resetPassword,
  revealPhone,
  setAccountDisabled,
  setAccountRoles,
  unlockAccount,
  updateAccount,
} from './account.service.js';
import { listAccounts } from './account.list.js';

const tags = ['账号与角色'];
const config = { access: 'account.manage' as const };

export async function accountRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get(
    '/api/accounts',
    { config, schema: { tags, summary: '本组织的账号列表', querystring: AccountListQuery, response: { 200: pageOf(AccountView), ...errorResponses } } },
    async (req) => listAccounts(ctxOf(req), req.query),
  );
  r.post(
    '/api/accounts',
    {
      config,
      schema: { tags, summary: '新建账号（返回一次性初始密码，首次登录须修改）', body: AccountCreateBody, response: { 200: AccountWithPassword, ...errorResponses } },
    },
    async (req) => createAccount(ctxOf(req), req.body),
  );
  r.post(
    '/api/accounts/attach',
    { config, schema: { tags, summary: '把其他组织已有的账号加入本组织', body: AccountAttachBody, response: { 200: AccountView, ...errorResponses } } },
    async (req) => attachAccount(ctxOf(req), req.body),
  );
  r.get(
    '/api/accounts/:id',
    { config, schema: { tags, summary: '账号详情', params: IdParams, response: { 200: AccountView, ...errorResponses } } },
    async (req) => getAccount(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/accounts/:id',
    { config, schema: { tags, summary: '修改姓名、手机号', params: IdParams, body: AccountUpdateBody, response: { 200: AccountView, ...errorResponses } } },
    async (req) => updateAccount(ctxOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/accounts/:id/roles',
    {
      config,
      schema: { tags, summary: '设置在本组织的角色（空列表即移出本组织）', params: IdParams, body: AccountRolesBody, response: { 200: AccountView.nullable(), ...errorResponses } },
    },
    async (req) => setAccountRoles(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/accounts/:id/reset-password',
    { config, schema: { tags, summary: '重置密码（返回一次性临时密码）', params: IdParams, response: { 200: AccountWithPassword, ...errorResponses } } },
    async (req) => resetPassword(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/accounts/:id/disable',
    { config, schema: { tags, summary: '停用账号', params: IdParams, response: { 200: AccountView, ...errorResponses } } },
    async (req) => setAccountDisabled(ctxOf(req), req.params.id, true),
  );
  r.post(
    '/api/accounts/:id/enable',
    { config, schema: { tags, summary: '启用账号', params: IdParams, response: { 200: AccountView, ...errorResponses } } },
    async (req) => setAccountDisabled(ctxOf(req), req.params.id, false),
  );
  r.post(
    '/api/accounts/:id/unlock',
    { config, schema: { tags, summary: '解除登录锁定', params: IdParams, response: { 200: AccountView, ...errorResponses } } },
    async (req) => unlockAccount(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/accounts/:id/phone',
    { config, schema: { tags, summary: '查看完整手机号（记入审计日志）', params: IdParams, response: { 200: PhoneView, ...errorResponses } } },
    async (req) => revealPhone(ctxOf(req), req.params.id),
  );
}

