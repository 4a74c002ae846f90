import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z, ZodError } from 'zod';
import type { Access, Actor } from './access.js';
import type { AppDeps, Ctx } from './context.js';
import { AppError, type FieldError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required for every route under /api (see app.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export const zapp = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export const SESSION_COOKIE = 'xs_session';
export const CSRF_HEADER = 'x-csrf-token';

export const ctxOf = (req: FastifyRequest): Ctx => ({
  ...req.server.deps,
  db: req.server.deps.database.db,
  actor: req.actor,
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** The one error shape, documented in OpenAPI and used by every route. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export const errorResponses = {
  400: ErrorBody.describe('输入有误'),
  401: ErrorBody.describe('未登录或登录已失效'),
  403: ErrorBody.describe('没有权限'),
  404: ErrorBody.describe('不存在'),
};
export const Ok = z.object({ ok: z.literal(true) });
export const IdParams = z.object({ id: z.uuid({ message: '编号无效' }) });

const send = (reply: FastifyReply, status: number, code: string, message: string, details: FieldError[] = []) =>
  reply.status(status).send({ error: { code, message, details } });

const pathOf = (p: string) => p.replace(/^\//, '').replace(/\//g, '.');

/** A PostgreSQL error's SQLSTATE, bare (PGlite, pg) or wrapped by Drizzle (DrizzleQueryError.cause). */
const pgCode = (err: unknown) => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e.cause?.code ?? e.code;
};
const isUniqueViolation = (err: unknown) => pgCode(err) === '23505';

/** Maps every failure to the one error shape with a Chinese message; nothing reaches a user as a stack trace. */
export function errorHandler(err: FastifyError | AppError | ZodError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(reply, err.status, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? '格式不正确' }));
    const msg = details.length === 1 ? details[0].message : `提交的内容有 ${details.length} 处错误：${details[0].message}等`;
    return send(reply, 400, 'VALIDATION_FAILED', msg, details);
  }
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return send(reply, 400, 'VALIDATION_FAILED', details[0]?.message ?? '提交的内容有误', details);
  }
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, 400, 'MALFORMED_JSON', '请求体不是合法的 JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, 413, 'BODY_TOO_LARGE', `提交的内容过大（上限 ${Math.round((req.routeOptions.bodyLimit ?? 1024 * 1024) / 1024 / 1024)} MB）`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以 JSON 提交');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send(reply, 400, 'BAD_CONTENT_LENGTH', '请求长度与内容不符');
  }
  if (err instanceof SyntaxError) return send(reply, 400, 'MALFORMED_JSON', '请求体不是合法的 JSON');
  // two requests raced past the same uniqueness check (a double-clicked submit): the unique index
  // decided, and the loser hears so instead of a server error
  if (isUniqueViolation(err)) return send(reply, 409, 'CONFLICT', '该记录已存在（可能是重复提交），请刷新后查看');
  // a row this change refers to was removed (or another row came to refer to it) meanwhile
  if (pgCode(err) === '23503') return send(reply, 409, 'CONFLICT', '相关记录刚被他人修改，请刷新后重试');
  // two people changing the same records at once (deadlock, serialization): nothing was saved
  if (pgCode(err) === '40P01' || pgCode(err) === '40001') return send(reply, 409, 'CONFLICT', '有人同时在修改相关记录，本次操作未保存，请刷新后重试');
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 429) return send(reply, 429, 'RATE_LIMITED', '操作过于频繁，请稍后再试');
  if (status >= 400 && status < 500) return send(reply, status, 'BAD_REQUEST', '请求无效');
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员');
}
