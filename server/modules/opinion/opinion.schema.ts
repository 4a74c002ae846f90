import { z } from 'zod';
import { patchOf, putOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';
import { isoDate } from '../../core/date.js';

export const OPINION_STATUSES = ['draft', 'submitted', 'returned', 'adopted', 'forwarded', 'declined'] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];
export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  adopted: '已采用',
  forwarded: '已转报上级',
  declined: '不予采用',
};

export const RECORD_KINDS = ['adopted', 'instructed'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RECORD_KIND_LABELS: Record<RecordKind, string> = { adopted: '采用', instructed: '批示' };
export const OPINION_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];
export const OPINION_LEVEL_LABELS: Record<OpinionLevel, string> = { county: '县级', city: '市级', province: '省级', national: '全国' };

export const MAX_CO_AUTHORS = 5;
export const MAX_FILES = 10;

const title = z.string({ message: '请填写标题' }).trim().min(4, '标题至少 4 个字').max(60, '标题不超过 60 个字');
const body = z.string({ message: '请填写正文' }).trim().min(50, '正文至少 50 个字').max(5000, '正文不超过 5000 个字');
const ids = (what: string, max: number) =>
  z
    .array(z.uuid({ message: `${what}编号无效` }), { message: `${what}应为列表` })
    .max(max, `${what}最多 ${max} 个`)
    .refine((a) => new Set(a).size === a.length, `${what}有重复`);

/** What a member writes: the writer is the first author, co-authors follow in the order given. */
export const OpinionBody = z.object({
  title,
  body,
  coAuthorIds: ids('联名委员', MAX_CO_AUTHORS).default([]),
  fileIds: ids('附件', MAX_FILES).default([]),
});
export type OpinionBody = z.infer<typeof OpinionBody>;
/** Changing a draft states it whole: co-authors and attachments left out are refused, not emptied. */
export const OpinionUpdateBody = putOf(OpinionBody);
export type OpinionUpdateBody = z.infer<typeof OpinionUpdateBody>;

/** Staff edit the title or the text of a report in their queue, or both (the member's wording stays in the audit log). */
export const OpinionEditBody = patchOf(OpinionBody.pick({ title: true, body: true }));
export type OpinionEditBody = z.infer<typeof OpinionEditBody>;

const reason = z.string({ message: '请填写理由' }).trim().min(2, '请填写理由（至少 2 个字）').max(500, '理由不超过 500 个字');
export const OpinionDecisionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('adopt'), note: z.string().trim().max(500, '说明不超过 500 个字').optional() }),
    z.object({ action: z.literal('forward'), note: z.string().trim().max(500, '说明不超过 500 个字').optional() }),
    z.object({ action: z.literal('decline'), reason }),
    z.object({ action: z.literal('return'), reason }),
  ],
  { message: '处理方式只能是采用、转报上级、不予采用或退回修改' },
);
export type OpinionDecisionBody = z.infer<typeof OpinionDecisionBody>;

export const OpinionRecordBody = z
  .object({
    kind: z.enum(RECORD_KINDS, { message: '类型只能是采用或批示' }),
    level: z.enum(OPINION_LEVELS, { message: '级别只能是县级、市级、省级或全国' }),
    byName: z.string({ message: '请填写采用单位或批示领导' }).trim().min(2, '请填写采用单位或批示领导').max(60, '不超过 60 个字'),
    text: z.string().trim().max(2000, '批示内容不超过 2000 个字').default(''),
    on: isoDate('日期'),
  })
  .superRefine((b, c) => {
    if (b.kind === 'instructed' && b.text.length < 2) c.addIssue({ code: 'custom', path: ['text'], message: '请填写批示内容' });
  });
export type OpinionRecordBody = z.infer<typeof OpinionRecordBody>;

export const OPINION_SCOPES = ['mine', 'org', 'forwarded'] as const;
export const OpinionListQuery = PageQuery.extend({
  /** mine: I am an author; org: the org's reports (staff, leaders); forwarded: sent to this org by lower orgs */
  scope: z.enum(OPINION_SCOPES, { message: '范围只能是 mine、org 或 forwarded' }).optional(),
  status: z.enum(OPINION_STATUSES, { message: '未知的状态' }).optional(),
  q: z.string().trim().max(60, '关键词不超过 60 个字').optional(),
  year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份无效').max(2100, '年份无效').optional(),
});
export type OpinionListQuery = z.infer<typeof OpinionListQuery>;

const Ref = z.object({ id: z.string(), name: z.string() });
export const OpinionAuthor = z.object({ id: z.string(), name: z.string(), sector: z.string(), workUnit: z.string() });

export const OpinionListItem = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(OPINION_STATUSES),
  statusLabel: z.string(),
  /** the org whose member wrote it */
  org: Ref,
  authors: z.array(Ref),
  forwardedTo: Ref.nullable(),
  /** levels it was adopted at, e.g. ['county', 'city'] */
  adoptedLevels: z.array(z.enum(OPINION_LEVELS)),
  instructedCount: z.number(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpinionListItem = z.infer<typeof OpinionListItem>;

export const OpinionRecordView = z.object({
  id: z.string(),
  kind: z.enum(RECORD_KINDS),
  kindLabel: z.string(),
  level: z.enum(OPINION_LEVELS),
  byName: z.string(),
  text: z.string(),
  on: z.string(),
  /** the org whose staff recorded it */
  org: Ref,
  createdAt: z.string(),
});
export type OpinionRecordView = z.infer<typeof OpinionRecordView>;

export const OpinionFileView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
export type OpinionFileView = z.infer<typeof OpinionFileView>;

export const OpinionHistoryItem = z.object({ at: z.string(), actorName: z.string().nullable(), action: z.string(), label: z.string(), summary: z.string() });

export const OpinionView = OpinionListItem.extend({
  body: z.string(),
  /** the reason of a decline or of a return for revision */
  reason: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  authors: z.array(OpinionAuthor),
  files: z.array(OpinionFileView),
  /** every level with its adoptions and instructions, county first; levels without records are left out */
  levels: z.array(z.object({ level: z.enum(OPINION_LEVELS), label: z.string(), adopted: z.array(OpinionRecordView), instructed: z.array(OpinionRecordView) })),
  history: z.array(OpinionHistoryItem),
  /** the residents' concerns it was made from */
  fromRequests: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  bulletins: z.array(z.object({ id: z.string(), org: Ref, year: z.number(), number: z.number(), title: z.string() })),
  /** what the viewer may do now (the pages show buttons by these) */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), staffEdit: z.boolean(), decide: z.boolean(), forward: z.boolean(), returnToAuthor: z.boolean(), record: z.boolean() }),
});
export type OpinionView = z.infer<typeof OpinionView>;

export const FileUploadQuery = z.object({ name: z.string().trim().min(1, '请提供文件名').max(120, '文件名不超过 120 个字') });
export const FileParams = z.object({ id: z.uuid({ message: '编号无效' }), fileId: z.uuid({ message: '附件编号无效' }) });
export const RecordParams = z.object({ id: z.uuid({ message: '编号无效' }), recordId: z.uuid({ message: '记录编号无效' }) });
