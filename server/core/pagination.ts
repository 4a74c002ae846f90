import { z } from 'zod';

/** The one pagination style: `?page=1&pageSize=20` in, `{ items, total, page, pageSize }` out. */
export const PageQuery = z.object({
  page: z.coerce.number().int('页码必须是整数').min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int('每页条数必须是整数').min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const offsetOf = (q: PageQuery) => (q.page - 1) * q.pageSize;

/** `%text%` for ILIKE, with the user's own `%`, `_` and `\` matched literally rather than as wildcards. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
