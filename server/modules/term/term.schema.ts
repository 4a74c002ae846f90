import { z } from 'zod';
import { isoDate } from '../../core/date.js';

export const TermBody = z.object({
  number: z.number({ message: '请填写第几届' }).int('届次须为整数').min(1, '届次从 1 开始').max(50, '届次不超过 50'),
  startDate: isoDate('开始日期'),
  endDate: isoDate('结束日期').nullable().optional(),
  isCurrent: z.boolean().default(false),
});
export type TermBody = z.infer<typeof TermBody>;

export const SessionBody = z.object({
  number: z.number({ message: '请填写第几次会议' }).int().min(1, '会议次数从 1 开始').max(10, '一届最多 10 次会议'),
  startDate: isoDate('开始日期'),
  endDate: isoDate('结束日期').nullable().optional(),
});
export type SessionBody = z.infer<typeof SessionBody>;

export const SessionView = z.object({ id: z.string(), number: z.number(), name: z.string(), startDate: z.string(), endDate: z.string().nullable() });
export const TermView = z.object({
  id: z.string(),
  number: z.number(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  isCurrent: z.boolean(),
  sessions: z.array(SessionView),
});
export type TermView = z.infer<typeof TermView>;

const DIGITS = '零一二三四五六七八九';
/** 10 → 十, 13 → 十三, 21 → 二十一: how terms and sessions are named (第十届, 十届三次会议). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
export const termName = (n: number) => `第${chineseNumber(n)}届`;
export const sessionName = (term: number, n: number) => `${chineseNumber(term)}届${chineseNumber(n)}次会议`;
