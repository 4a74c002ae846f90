/**
 * The one HTTP client of the web pages: JSON in and out, the session cookie, the CSRF header on
 * writes, and the API's one error shape turned into an ApiError with its Chinese message.
 */
import type { FieldError } from '@server/core/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string) => void (csrfToken = t);

type Query = Record<string, string | number | boolean | undefined | null>;
export const withQuery = (url: string, q: Query = {}) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${url}?${s}` : url;
};

/** Called on 401 so the page can return to sign-in (set by each app shell). */
let onUnauthenticated: (e: ApiError) => void = () => {};
export const setUnauthenticatedHandler = (fn: (e: ApiError) => void) => void (onUnauthenticated = fn);

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  // a file goes as it is (the server checks what it is by its content); anything else as JSON
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = data?.error;
    const err = new ApiError(res.status, e?.code ?? 'HTTP', e?.message ?? `请求失败（${res.status}）`, e?.details ?? []);
    if (res.status === 401 && !url.endsWith('/auth/login')) onUnauthenticated(err);
    throw err;
  }
  return data as T;
}

export const get = <T>(url: string, q?: Query) => api<T>('GET', withQuery(url, q));
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
