import { z } from 'zod';
import { isoDate } from '../../core/date.js';

const day = (what: string) => isoDate(what).optional();

/** A period in days (China time), by default from 1 January of this year to today. */
export const PeriodQuery = z.object({ from: day('开始日期'), to: day('结束日期') });
export type PeriodQuery = z.infer<typeof PeriodQuery>;
export const RequestFiguresQuery = PeriodQuery.extend({ townshipId: z.uuid({ message: '乡镇编号无效' }).optional() });
export type RequestFiguresQuery = z.infer<typeof RequestFiguresQuery>;
export const MemberFiguresQuery = z.object({ year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份无效').max(2100, '年份无效').optional() });
export type MemberFiguresQuery = z.infer<typeof MemberFiguresQuery>;

export const RequestStats = z.object({
  raised: z.number(),
  answered: z.number(),
  /** first answer no later than the deadline */
  answeredWithinDeadline: z.number(),
  solved: z.number(),
  rated: z.number(),
  /** 满意 and 基本满意 */
  satisfied: z.number(),
  /** satisfied / rated in percent, one decimal; null when none was rated */
  satisfactionRate: z.number().nullable(),
  /** 按期答复率: answered within the deadline / (answered + overdue unanswered), in percent; those still within it are left out */
  onTimeRate: z.number().nullable(),
  avgHoursToFirstAnswer: z.number().nullable(),
  /** not answered yet and past the deadline, now */
  overdueOpen: z.number(),
});
export type RequestStats = z.infer<typeof RequestStats>;
export const ON_TIME_RATE_HINT = '期限内首次答复的件数 ÷（已答复 + 超期未答复）';

const Named = z.object({ id: z.string(), name: z.string() });
export const RequestFigures = z.object({
  from: z.string(),
  to: z.string(),
  totals: RequestStats,
  /** per township, or per village/community of the township asked for */
  placeLevel: z.enum(['township', 'village']),
  byPlace: z.array(Named.extend(RequestStats.shape)),
  byCategory: z.array(Named.extend(RequestStats.shape)),
  monthly: z.array(z.object({ month: z.string() }).extend(RequestStats.shape)),
});
export type RequestFigures = z.infer<typeof RequestFigures>;

const PerLevel = z.object({ county: z.number(), city: z.number(), province: z.number(), national: z.number() });
export type PerLevel = z.infer<typeof PerLevel>;

export const OpinionFigures = z.object({
  from: z.string(),
  to: z.string(),
  /** submitted in the period */
  written: z.number(),
  /** distinct reports adopted at any level in the period */
  adoptedAny: z.number(),
  /** distinct reports per level, by the date of the adoption or instruction */
  adopted: PerLevel,
  instructed: PerLevel,
  declined: z.number(),
  byMember: z.array(z.object({ id: z.string(), name: z.string(), sector: z.string(), written: z.number(), adopted: z.number(), instructed: z.number() })),
  monthly: z.array(z.object({ month: z.string(), written: z.number(), adopted: z.number(), instructed: z.number() })),
});
export type OpinionFigures = z.infer<typeof OpinionFigures>;

export const MemberFigures = z.object({
  member: z.object({ id: z.string(), name: z.string(), sector: z.string() }),
  year: z.number(),
  /** concerns the member was responsible for, raised in the year */
  requests: RequestStats,
  opinions: z.object({
    /** as first author, submitted in the year */
    written: z.number(),
    /** as co-author */
    cowritten: z.number(),
    adopted: PerLevel,
    instructed: PerLevel,
  }),
});
export type MemberFigures = z.infer<typeof MemberFigures>;
