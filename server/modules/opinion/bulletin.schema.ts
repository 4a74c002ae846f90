import { z } from 'zod';
import { putOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';
import { OPINION_LEVELS } from './opinion.schema.js';
import { isoDate } from '../../core/date.js';

export const MAX_BULLETIN_ITEMS = 30;

/** A numbered issue of the 社情民意 bulletin: reports this org adopted, in the order given. */
export const BulletinBody = z.object({
  title: z.string().trim().max(40, '期刊标题不超过 40 个字').optional(),
  issuedOn: isoDate('印发日期'),
  reportIds: z
    .array(z.uuid({ message: '信息编号无效' }), { message: '请选择要编入的信息' })
    .min(1, '请至少选择一条信息')
    .max(MAX_BULLETIN_ITEMS, `一期最多编入 ${MAX_BULLETIN_ITEMS} 条信息`)
    .refine((a) => new Set(a).size === a.length, '同一条信息选了两次'),
});
export type BulletinBody = z.infer<typeof BulletinBody>;
/** Changing an issue states it whole: an empty title is the default title, a title left out is refused. */
export const BulletinUpdateBody = putOf(BulletinBody);
export type BulletinUpdateBody = z.infer<typeof BulletinUpdateBody>;

export const BulletinListQuery = PageQuery.extend({
  year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份无效').max(2100, '年份无效').optional(),
});
export type BulletinListQuery = z.infer<typeof BulletinListQuery>;

export const BulletinCandidateQuery = PageQuery.extend({
  q: z.string().trim().max(60, '关键词不超过 60 个字').optional(),
  /** only reports in no bulletin of this org yet */
  fresh: z.enum(['true', 'false'], { message: 'fresh 只能是 true 或 false' }).optional(),
});
export type BulletinCandidateQuery = z.infer<typeof BulletinCandidateQuery>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const BulletinListItem = z.object({
  id: z.string(),
  year: z.number(),
  number: z.number(),
  /** 第3期 */
  numberLabel: z.string(),
  title: z.string(),
  issuedOn: z.string(),
  itemCount: z.number(),
  /** only the latest issue of the org can still be changed */
  isLatest: z.boolean(),
  createdAt: z.string(),
});
export type BulletinListItem = z.infer<typeof BulletinListItem>;

export const BulletinView = BulletinListItem.extend({
  org: Ref,
  items: z.array(z.object({ reportId: z.string(), title: z.string(), authors: z.array(Ref), status: z.string(), org: Ref })),
});
export type BulletinView = z.infer<typeof BulletinView>;

/** A report this org adopted (or adopted and forwarded), which an issue may carry. */
export const BulletinCandidate = z.object({
  id: z.string(),
  title: z.string(),
  org: Ref,
  authors: z.array(Ref),
  adoptedOn: z.string(),
  adoptedLevels: z.array(z.enum(OPINION_LEVELS)),
  /** issues of this org that already carry it */
  bulletins: z.array(z.object({ id: z.string(), year: z.number(), number: z.number() })),
});
export type BulletinCandidate = z.infer<typeof BulletinCandidate>;
