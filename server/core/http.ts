import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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

/** At most this many field errors are listed (an array of 10,000 bad items is one mistake, not 10,000). */
const MAX_DETAILS = 50;
const validationFailed = (reply: FastifyReply, all: FieldError[]) => {
  const details = all.slice(0, MAX_DETAILS);
  const msg = all.length <= 1 ? (details[0]?.message ?? '提交的内容有误') : `提交的内容有 ${all.length} 处错误：${details[0].message}等`;
  return send(reply, 400, 'VALIDATION_FAILED', msg, details);
};

/** A PostgreSQL error's SQLSTATE, bare (PGlite, pg) or wrapped by Drizzle (DrizzleQueryError.cause). */
const pgCode = (err: unknown) => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e.cause?.code ?? e.code;
};
const isUniqueViolation = (err: unknown) => pgCode(err) === '23505';

/** Socket errors of a database server that is down, unreachable or gone (pg; AggregateError when several addresses were tried). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/**
 * SQLSTATEs of a database that cannot serve us now: class 08 (connection exception), class 53 (too many
 * connections, out of memory or disk), 57P01–57P05 (shut down, crashed, starting up, database dropped,
 * idle session ended), 3D000 (the database no longer exists).
 */
const UNAVAILABLE_STATE = /^(08...|53...|57P0[1-5]|3D000)$/;
/** The drivers' own words for a lost connection, a full pool, or a closed client (pg, pg-pool, PGlite). */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|PGlite is clos(ed|ing))/;

/** Whether a failure means the database cannot be reached, looking through Drizzle's and pg-pool's wrapping. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [err];
  while (queue.length) {
    const e = queue.shift() as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_STATE.test(e.code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    queue.push(e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}
/** Seconds a client is asked to wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** Maps every failure to the one error shape with a Chinese message; nothing reaches a user as a stack trace. */
export function errorHandler(err: FastifyError | AppError | ZodError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(reply, err.status, err.code, err.message, err.details);
  // the validator's refusals: a zod schema's, or a control character's (input.ts)
  if ((err as FastifyError).validation) {
    return validationFailed(reply, (err as FastifyError).validation!.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? '格式不正确' })));
  }
  // a ZodError thrown by a service
  if (err instanceof ZodError) return validationFailed(reply, err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
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
    // Fastify's own router errors (frameworkErrors in app.ts)
    case 'FST_ERR_BAD_URL':
      return send(reply, 400, 'BAD_URL', '网址无效：含有无法识别的编码（如不完整的 % 转义），请检查链接是否完整');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send(reply, 414, 'URL_TOO_LONG', '网址中的参数过长，请检查链接是否正确');
  }
  if (err instanceof SyntaxError) return send(reply, 400, 'MALFORMED_JSON', '请求体不是合法的 JSON');
  // two requests raced past the same uniqueness check (a double-clicked submit): the unique index
  // decided, and the loser hears so instead of a server error
  if (isUniqueViolation(err)) return send(reply, 409, 'CONFLICT', '该记录已存在（可能是重复提交），请刷新后查看');
  // a row this change refers to was removed (or another row came to refer to it) meanwhile
  if (pgCode(err) === '23503') return send(reply, 409, 'CONFLICT', '相关记录刚被他人修改，请刷新后重试');
  // two people changing the same records at once (deadlock, serialization): nothing was saved
  if (pgCode(err) === '40P01' || pgCode(err) === '40001') return send(reply, 409, 'CONFLICT', '有人同时在修改相关记录，本次操作未保存，请刷新后重试');
  // a date or time the database cannot hold (year 0, say) that a schema let through: the input was wrong, and
  // nothing was saved; the schemas refuse such dates themselves (core/date.ts), this is the net under them
  if (pgCode(err) === '22007' || pgCode(err) === '22008') {
    req.log.warn({ err }, 'date refused by the database');
    return send(reply, 400, 'VALIDATION_FAILED', '日期超出可处理的范围（应在 1900 年至 2100 年之间）');
  }
  // the database is down, restarting or unreachable: nothing was saved, and trying again later will work
  if (isDatabaseUnavailable(err)) {
    req.log.error({ err }, 'database unavailable');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return send(reply, 503, 'SERVICE_UNAVAILABLE', '服务暂不可用，请稍后重试');
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 429) return send(reply, 429, 'RATE_LIMITED', '操作过于频繁，请稍后再试');
  if (status >= 400 && status < 500) return send(reply, status, 'BAD_REQUEST', '请求无效');
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员');
}

/** Node's HTTP parser refusals (before Fastify sees a request): the one error shape, written to the socket. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头或网址过长（常见原因：本站 Cookie 过多），请清除本站 Cookie 后重试'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求超时，请重试'],
};

/** Fastify's clientErrorHandler with our shape and Chinese messages; otherwise as Fastify's default does. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  // the peer reset or closed the connection: no one is left to answer
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'BAD_REQUEST', '请求格式无效'];
  const body = JSON.stringify({ error: { code, message, details: [] } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
