/** The one error type of the API. Every failure reaches the client as `{ error: { code, message, details } }`. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
  /** Fastify reads this when an AppError is thrown from a plugin (e.g. the rate limiter). */
  get statusCode() {
    return this.status;
  }
}

export const fieldError = (path: string, message: string) =>
  new AppError(400, 'BAD_REQUEST', message, [{ path, message }]);
export const unauthenticated = (message = '请先登录', code = 'UNAUTHENTICATED') => new AppError(401, code, message);
export const forbidden = (message = '没有权限执行此操作', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (message = '记录不存在') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (message: string, details: FieldError[] = []) => new AppError(409, 'CONFLICT', message, details);
