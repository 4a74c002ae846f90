import { z } from 'zod';
import { isoDate } from '../../core/date.js';
import { patchOf, putOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';

/**
 * 群众诉求: the shapes of the API (bodies, queries and views), shared with the web pages.
 * Rules per org live in org.settings.requests; DEFAULT_REQUEST_RULES is the national default.
 */

const int = (what: string, min: number, max: number) =>
  z.number({ message: `请填写${what}` }).int(`${what}必须是整数`).min(min, `${what}不能少于 ${min}`).max(max, `${what}不能超过 ${max}`);

export const RequestRules = z
  .object({
    /** days from raising to the first answer */
    firstAnswerDays: int('首次答复期限（天）', 1, 60),
    /** hours before the deadline at which the responsible member is reminded */
    remindBeforeHours: int('提前提醒（小时）', 1, 240),
    /** days after closing at which the resident's phone number and name are erased */
    phoneRetentionDays: int('手机号保留天数', 30, 3650),
    /** days an answer waits for the resident's rating before the concern closes by itself */
    autoCloseDays: int('自动办结天数', 3, 90),
    perPhonePerDay: int('每个手机号每天可提交条数', 1, 20),
    perIpPerDay: int('每个网络地址每天可提交条数', 1, 1000),
    /** from this many concerns from one address in 24 h on, a challenge (人机验证) is required */
    challengeAfterPerIp: int('需要人机验证的提交条数', 1, 1000),
    /** megabytes of photos one address may upload in 24 h (as received, attached to a concern or not) */
    photoMBPerIpPerDay: int('每个网络地址每天可上传照片（MB）', 1, 1000),
    /** public concerns one address may follow in 24 h */
    followsPerIpPerDay: int('每个网络地址每天可关注条数', 1, 1000),
  })
  .superRefine((r, c) => {
    if (r.challengeAfterPerIp > r.perIpPerDay)
      c.addIssue({ code: 'custom', path: ['challengeAfterPerIp'], message: '需要人机验证的条数不能大于每个网络地址每天可提交条数' });
    if (r.remindBeforeHours >= r.firstAnswerDays * 24)
      c.addIssue({ code: 'custom', path: ['remindBeforeHours'], message: '提前提醒的时间应短于首次答复期限' });
  });
export type RequestRules = z.infer<typeof RequestRules>;
export const DEFAULT_REQUEST_RULES: RequestRules = {
  firstAnswerDays: 7,
  remindBeforeHours: 24,
  phoneRetentionDays: 180,
  autoCloseDays: 15,
  perPhonePerDay: 3,
  perIpPerDay: 20,
  challengeAfterPerIp: 3,
  photoMBPerIpPerDay: 50,
  followsPerIpPerDay: 30,
};
/** The stored rules over the defaults (a value the current rules would refuse falls back to the default). */
export const requestRulesOf = (stored: unknown): RequestRules => {
  const merged = { ...DEFAULT_REQUEST_RULES, ...(stored && typeof stored === 'object' ? stored : {}) };
  const parsed = RequestRules.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_REQUEST_RULES;
};
/** A change names only what changes; the result is checked as a whole. */
export const RequestRulesBody = patchOf(RequestRules);
export type RequestRulesBody = z.infer<typeof RequestRulesBody>;

/** Photos: at most 3 per concern (and per answer), each at most 5 MB, JPEG or PNG. */
export const PHOTO_RULES = { maxPhotos: 3, maxPhotoBytes: 5 * 1024 * 1024, types: ['image/jpeg', 'image/png'] } as const;

export const DEFAULT_CATEGORIES = ['环境整治', '道路交通', '门牌地址', '供水用电', '教育医疗', '就业创业', '农业农村', '其他'] as const;

export const REQUEST_STATUSES = ['new', 'claimed', 'answered', 'reopened', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const STATUS_LABELS: Record<RequestStatus, string> = { new: '待认领', claimed: '办理中', answered: '已答复', reopened: '重新办理', closed: '已办结' };
/** not yet answered: the deadline runs */
export const OPEN_STATUSES: RequestStatus[] = ['new', 'claimed', 'reopened'];

export const OUTCOMES = ['solved', 'explained', 'referred', 'merged'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { solved: '已解决', explained: '已解释说明', referred: '已转交部门办理', merged: '已合并办理' };

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export const PUBLISH_STATES = ['unreviewed', 'published', 'hidden'] as const;
export type PublishState = (typeof PUBLISH_STATES)[number];
export const PUBLISH_LABELS: Record<PublishState, string> = { unreviewed: '待审核', published: '已公开', hidden: '已屏蔽' };

export const ESCALATION_KINDS = ['opinion_report', 'proposal', 'topic'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export const ESCALATION_LABELS: Record<EscalationKind, string> = { opinion_report: '社情民意信息', proposal: '提案线索', topic: '协商议题候选' };

export const EVENT_LABELS = {
  raised: '群众提交诉求',
  routed: '转交活动小组',
  assigned: '指定委员办理',
  claimed: '委员认领',
  answered: '委员答复',
  rated: '群众评价',
  reopened: '群众不满意，重新办理',
  closed: '办结',
  reminded: '催办提醒',
  published: '审核公开',
  unpublished: '取消公开',
  hidden: '屏蔽',
  escalated: '转化',
  erased: '到期删除群众手机号',
} as const;
export type EventKind = keyof typeof EVENT_LABELS;
/** what the resident sees on their own page */
export const PUBLIC_EVENT_KINDS: EventKind[] = ['raised', 'routed', 'assigned', 'claimed', 'answered', 'rated', 'reopened', 'closed', 'escalated'];

const uuid = (what: string) => z.uuid({ message: `${what}编号无效` });
const text = (what: string, min: number, max: number) =>
  z.string({ message: `请填写${what}` }).trim().min(min, `${what}至少 ${min} 个字`).max(max, `${what}不超过 ${max} 个字`);

/** 13812345678, also written 138-1234-5678, 138 1234 5678 or +86 13812345678 */
export const MobilePhone = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '') : v),
  z.string({ message: '请填写手机号' }).regex(/^1[3-9]\d{9}$/, '请填写正确的 11 位手机号'),
);

export const CategoryBody = z.object({
  name: text('分类名称', 2, 10),
  committeeId: uuid('专委会').nullable().default(null),
  sort: z.number().int().min(0).max(999).default(0),
  active: z.boolean().default(true),
});
export type CategoryBody = z.infer<typeof CategoryBody>;
/** Changing a category states it whole (a left-out `active` is refused, not turned back on). */
export const CategoryUpdateBody = putOf(CategoryBody);
export type CategoryUpdateBody = z.infer<typeof CategoryUpdateBody>;
export const CategoryView = z.object({
  id: z.string(),
  name: z.string(),
  committee: z.object({ id: z.string(), name: z.string() }).nullable(),
  sort: z.number(),
  active: z.boolean(),
  /** concerns raised in it: a used category is deactivated, never deleted */
  used: z.number(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const RaiseBody = z.object({
  categoryId: uuid('分类'),
  placeId: uuid('地点'),
  title: text('标题', 5, 40),
  content: text('诉求内容', 10, 1000),
  name: z.string().trim().max(20, '称呼不超过 20 个字').optional().transform((v) => v || undefined),
  phone: MobilePhone,
  consent: z.literal(true, { message: '请阅读并同意《个人信息收集说明》后再提交' }),
  photoIds: z.array(uuid('照片')).max(PHOTO_RULES.maxPhotos, `最多上传 ${PHOTO_RULES.maxPhotos} 张照片`).default([]),
  /** the solved self-hosted challenge (altcha payload: base64 or plain JSON of { challenge, solution }) */
  challenge: z.string().max(20_000, '人机验证数据过长').optional(),
});
export type RaiseBody = z.infer<typeof RaiseBody>;
export const RaiseResult = z.object({ code: z.string(), trackingUrl: z.string() });

/** A resident's photo upload: the body is the image; a solved challenge, when asked for (428), in the query. */
export const PhotoUploadQuery = z.object({ challenge: z.string().max(4_000, '人机验证数据过长').optional() });
export type PhotoUploadQuery = z.infer<typeof PhotoUploadQuery>;

/** Following a published concern: the random token the phone keeps for itself (one follow per phone). */
export const FollowBody = z.object({
  device: z.string({ message: '缺少本机标识，请刷新页面后重试' }).regex(/^[A-Za-z0-9_-]{16,64}$/, '本机标识无效，请刷新页面后重试'),
});
export type FollowBody = z.infer<typeof FollowBody>;

export const RatingBody = z.object({
  rating: z.enum(RATINGS, { message: '请选择满意、基本满意或不满意' }),
  comment: z.string().trim().max(200, '评价不超过 200 个字').optional().transform((v) => v || undefined),
});
export type RatingBody = z.infer<typeof RatingBody>;

export const RequestListQuery = PageQuery.extend({
  /** 'open': new, claimed or reopened; 'done': answered or closed */
  status: z.enum([...REQUEST_STATUSES, 'open', 'done'], { message: '状态无效' }).optional(),
  /** the public list's review: 'unreviewed' answered concerns are the ones waiting for staff */
  publishState: z.enum(PUBLISH_STATES, { message: '公开状态无效' }).optional(),
  categoryId: uuid('分类').optional(),
  /** a township covers its villages and communities */
  placeId: uuid('地点').optional(),
  /** 'none': not routed to any group */
  groupId: z.union([uuid('小组'), z.literal('none')]).optional(),
  overdue: z.enum(['true', 'false'], { message: 'overdue 只能是 true 或 false' }).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(50, '关键词不超过 50 个字').optional(),
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
  /** members: their group's concerns (default) or those they are responsible for; staff see all */
  scope: z.enum(['all', 'group', 'mine'], { message: 'scope 只能是 all、group 或 mine' }).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const AssignBody = z.object({ memberId: uuid('委员') });
export const RouteBody = z.object({
  groupId: uuid('小组'),
  committeeId: uuid('专委会').nullable().optional(),
  memberId: uuid('委员').nullable().optional(),
  note: z.string().trim().max(200, '说明不超过 200 个字').default(''),
});
export type RouteBody = z.infer<typeof RouteBody>;

export const AnswerBody = z
  .object({
    answer: text('答复内容', 10, 1000),
    outcome: z.enum(OUTCOMES, { message: '请选择办理结果' }),
    department: z.string().trim().max(40, '部门名称不超过 40 个字').optional(),
    mergedIntoCode: z.string().trim().toUpperCase().max(20).optional(),
    photoIds: z.array(uuid('照片')).max(PHOTO_RULES.maxPhotos, `最多上传 ${PHOTO_RULES.maxPhotos} 张照片`).default([]),
  })
  .superRefine((b, c) => {
    if (b.outcome === 'referred' && !b.department) c.addIssue({ code: 'custom', path: ['department'], message: '转交部门办理的，请填写部门名称' });
    if (b.outcome === 'merged' && !b.mergedIntoCode) c.addIssue({ code: 'custom', path: ['mergedIntoCode'], message: '合并办理的，请填写合并到的诉求编号' });
  });
export type AnswerBody = z.infer<typeof AnswerBody>;

export const PublishBody = z.object({ publish: z.boolean({ message: '请说明是否公开' }) });
export const HideBody = z.object({ reason: text('屏蔽原因', 2, 200) });
export const CloseBody = z.object({ note: text('办结说明', 2, 200) });

export const EscalationBody = z.object({
  kind: z.enum(ESCALATION_KINDS, { message: '转化类型只能是社情民意信息、提案线索或协商议题候选' }),
  requestIds: z.array(uuid('诉求')).min(1, '请至少选择一条诉求').max(20, '一次最多转化 20 条诉求'),
  title: text('标题', 4, 60),
  note: z.string().trim().max(1000, '说明不超过 1000 个字').default(''),
  authorMemberId: uuid('撰写委员').optional(),
});
export type EscalationBody = z.infer<typeof EscalationBody>;
export const EscalationListQuery = PageQuery.extend({ kind: z.enum(ESCALATION_KINDS, { message: '转化类型无效' }).optional() });
export type EscalationListQuery = z.infer<typeof EscalationListQuery>;

export const PublicListQuery = PageQuery.extend({ categoryId: uuid('分类').optional(), townshipId: uuid('乡镇').optional() });
export type PublicListQuery = z.infer<typeof PublicListQuery>;
export const FollowedQuery = z.object({
  ids: z.string().max(2000).optional().transform((v) => (v ? v.split(',').filter(Boolean) : [])).pipe(z.array(uuid('诉求')).max(50, '最多查询 50 条')),
  codes: z.string().max(600).optional().transform((v) => (v ? v.split(',').filter(Boolean).map((c) => c.toUpperCase()) : [])).pipe(z.array(z.string().max(12)).max(50, '最多查询 50 条')),
});
export type FollowedQuery = z.infer<typeof FollowedQuery>;
export const RegionParams = z.object({ regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字') });
export const CodeParams = z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,12}$/, '查询码格式不正确') });

/* ---------------------------------------------------------------- views */

const Ref = z.object({ id: z.string(), name: z.string() });
export const PhotoView = z.object({ id: z.string(), width: z.number().nullable(), height: z.number().nullable() });
export type PhotoView = z.infer<typeof PhotoView>;

export const RequestFormView = z.object({
  org: z.object({ name: z.string(), shortName: z.string(), regionCode: z.string() }),
  categories: z.array(Ref),
  /** townships, each with its villages and communities */
  places: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), children: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })) })),
  privacy: z.object({ title: z.string(), paragraphs: z.array(z.string()) }),
  rules: z.object({ maxPhotos: z.number(), maxPhotoMB: z.number(), photoTypes: z.array(z.string()), titleMax: z.number(), contentMax: z.number(), firstAnswerDays: z.number() }),
});
export type RequestFormView = z.infer<typeof RequestFormView>;

export const PublicEventView = z.object({ kind: z.string(), label: z.string(), by: z.string().nullable(), at: z.string() });
export type PublicEventView = z.infer<typeof PublicEventView>;

/** The resident's own view by tracking code: never their phone or name. */
export const TrackView = z.object({
  code: z.string(),
  /** the org's 行政区划代码: the page links to its raise page and public list */
  regionCode: z.string(),
  title: z.string(),
  content: z.string(),
  category: z.string(),
  place: z.string(),
  status: z.enum(REQUEST_STATUSES),
  statusLabel: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  group: z.string().nullable(),
  answer: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  department: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** 张红梅委员 */
  answeredBy: z.string().nullable(),
  mergedIntoCode: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  canRate: z.boolean(),
  photos: z.array(PhotoView),
  answerPhotos: z.array(PhotoView),
  timeline: z.array(PublicEventView),
});
export type TrackView = z.infer<typeof TrackView>;

export const PublicItemView = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  category: z.string(),
  place: z.string(),
  township: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  statusLabel: z.string(),
  answer: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  department: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  createdAt: z.string(),
  followCount: z.number(),
});
export type PublicItemView = z.infer<typeof PublicItemView>;
export const FollowedItemView = z.object({
  id: z.string().nullable(),
  code: z.string().nullable(),
  title: z.string(),
  status: z.enum(REQUEST_STATUSES),
  statusLabel: z.string(),
  answeredAt: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  followCount: z.number(),
});
export type FollowedItemView = z.infer<typeof FollowedItemView>;

export const RequestRowView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: Ref,
  place: z.object({ id: z.string(), fullName: z.string() }),
  group: Ref.nullable(),
  committee: Ref.nullable(),
  member: Ref.nullable(),
  status: z.enum(REQUEST_STATUSES),
  statusLabel: z.string(),
  dueAt: z.string(),
  /** not answered and past its deadline (shown red) */
  overdue: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  publishState: z.enum(PUBLISH_STATES),
  publishLabel: z.string(),
  reopenCount: z.number(),
});
export type RequestRowView = z.infer<typeof RequestRowView>;

export const EventView = z.object({ id: z.number(), kind: z.string(), label: z.string(), actorName: z.string(), note: z.string().nullable(), at: z.string() });
export const EscalationLink = z.object({ id: z.string(), kind: z.enum(ESCALATION_KINDS), kindLabel: z.string(), title: z.string(), targetId: z.string().nullable(), createdAt: z.string() });
export type EscalationLink = z.infer<typeof EscalationLink>;

export const RequestDetailView = RequestRowView.extend({
  content: z.string(),
  /** 张* — the whole name and number through /contact (audited) */
  residentName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  phoneErased: z.boolean(),
  routedBy: z.string(),
  answer: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  department: z.string().nullable(),
  mergedInto: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  firstAnsweredAt: z.string().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  publishReason: z.string().nullable(),
  followCount: z.number(),
  photos: z.array(PhotoView),
  answerPhotos: z.array(PhotoView),
  events: z.array(EventView),
  escalations: z.array(EscalationLink),
  /** what the viewer may do now */
  can: z.object({
    claim: z.boolean(),
    assign: z.boolean(),
    answer: z.boolean(),
    manage: z.boolean(),
    viewContact: z.boolean(),
    escalate: z.boolean(),
    /** the resident's masked name and number are shown (those who handle it; not a member of another group reading a published concern) */
    seeResident: z.boolean(),
  }),
});
export type RequestDetailView = z.infer<typeof RequestDetailView>;

export const ContactView = z.object({ name: z.string().nullable(), phone: z.string().nullable(), erased: z.boolean() });

export const EscalationView = EscalationLink.extend({
  note: z.string(),
  createdBy: z.string().nullable(),
  requests: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.enum(REQUEST_STATUSES), statusLabel: z.string() })),
});
export type EscalationView = z.infer<typeof EscalationView>;
