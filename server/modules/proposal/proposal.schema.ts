import { z } from 'zod';
import { patchOf, putOf } from '../../core/body.js';
import { PageQuery } from '../../core/pagination.js';
import { WorkCalendarBody } from '../../core/workdays.js';
import { isoDate } from '../../core/date.js';

/* ───────────────────────── states and the words for them ───────────────────────── */

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'returned', 'filed', 'declined', 'converted', 'merged', 'assigned', 'replied', 'closed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  submitted: '待审查',
  returned: '退回修改',
  filed: '已立案待交办',
  declined: '不予立案',
  converted: '已转办',
  merged: '已并案',
  assigned: '办理中',
  replied: '已答复',
  closed: '已办结',
};

export const PROPOSAL_KINDS = ['plenary', 'interim'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { plenary: '大会提案', interim: '平时提案' };

export const PROPOSER_KINDS = ['member', 'sector', 'group', 'party', 'people_org', 'committee'] as const;
export type ProposerKind = (typeof PROPOSER_KINDS)[number];
export const PROPOSER_KIND_LABELS: Record<ProposerKind, string> = {
  member: '委员个人或联名',
  sector: '界别',
  group: '委员活动小组',
  party: '民主党派',
  people_org: '人民团体',
  committee: '专门委员会',
};

/** 不予立案的十种情形 (the CPPCC proposal rules), or 'other' with a written reason. */
export const DECLINE_GROUNDS = ['secret', 'prohibited', 'personnel', 'party_internal', 'litigation', 'academic', 'personal', 'promotion', 'accusation', 'no_suggestion', 'other'] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];
export const DECLINE_GROUND_LABELS: Record<DeclineGround, string> = {
  secret: '涉及党和国家秘密的',
  prohibited: '违反宪法、法律法规或国家政策禁止性规定的',
  personnel: '涉及党政机关人事任免的',
  party_internal: '属于各党派、团体内部事务的',
  litigation: '属于诉讼、仲裁、纪检监察及涉法涉诉等处理中的案件',
  academic: '属于学术研究讨论的',
  personal: '为个人或少数人解决个人问题的',
  promotion: '宣传推介具体产品、作品，或为本单位谋取利益的',
  accusation: '指控或检举具体人员的',
  no_suggestion: '没有具体建议或建议不可行的',
  other: '其他（须写明理由）',
};

export const HANDLING_MODES = ['single', 'lead', 'separate'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];
export const HANDLING_MODE_LABELS: Record<HandlingMode, string> = { single: '单独办理', lead: '主办会办', separate: '分别办理' };

export const ASSIGNMENT_ROLES = ['sole', 'lead', 'co', 'separate'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = { sole: '承办', lead: '主办', co: '会办', separate: '分办' };

export const ASSIGNMENT_STATUSES = ['handling', 'objected', 'withdrawn', 'replied', 'signed_off'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = { handling: '办理中', objected: '提出异议', withdrawn: '已改办', replied: '已答复', signed_off: '已会签' };

export const CONTACT_METHODS = ['phone', 'visit', 'meeting', 'inspection', 'letter', 'online'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { phone: '电话沟通', visit: '登门走访', meeting: '座谈交流', inspection: '现场察看', letter: '书面沟通', online: '网络沟通' };

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export const SUPERVISION_KINDS = ['symposium', 'research', 'inspection', 'meeting'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = { symposium: '座谈', research: '调研', inspection: '视察', meeting: '督办会' };

export const KEY_STATUSES = ['shortlisted', 'approved'] as const;
export const KEY_STATUS_LABELS: Record<(typeof KEY_STATUSES)[number], string> = { shortlisted: '拟定重点提案', approved: '重点提案' };

export const PUBLISH_MODES = ['full', 'summary', 'withheld'] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];
export const PUBLISH_MODE_LABELS: Record<PublishMode, string> = { full: '全文公开', summary: '摘要公开', withheld: '不公开' };

/** 提案编号: 第0001号 (the session's name before it where it helps: 十届五次会议第0001号). */
export const numberLabel = (n: number | null) => (n == null ? null : `第${String(n).padStart(4, '0')}号`);

/* ───────────────────────── per-org rules (org.settings.proposals) ───────────────────────── */

const int = (label: string, min: number, max: number) =>
  z.number({ message: `${label}应为数字` }).int(`${label}应为整数`).min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`);

/** A reply's result category: A/B/C/D by default; `followUp`: a "being solved" category whose reply names a date to report again. */
export const ReplyCategory = z.object({
  code: z.string({ message: '请填写类别代码' }).trim().min(1, '请填写类别代码').max(4, '类别代码不超过 4 个字'),
  label: z.string({ message: '请填写类别名称' }).trim().min(2, '类别名称至少 2 个字').max(40, '类别名称不超过 40 个字'),
  followUp: z.boolean({ message: '请说明该类别是否需要再次报告' }),
});
export type ReplyCategory = z.infer<typeof ReplyCategory>;

export const ProposalRules = z
  .object({
    categories: z
      .array(z.string().trim().min(2, '分类名称至少 2 个字').max(20, '分类名称不超过 20 个字'), { message: '分类应为列表' })
      .min(1, '至少保留一个提案分类')
      .max(30, '提案分类最多 30 个')
      .refine((a) => new Set(a).size === a.length, '提案分类有重复'),
    replyCategories: z
      .array(ReplyCategory, { message: '答复类别应为列表' })
      .min(2, '答复类别至少 2 个')
      .max(8, '答复类别最多 8 个')
      .refine((a) => new Set(a.map((c) => c.code)).size === a.length, '答复类别代码有重复'),
    /** section length limits (characters) */
    situationMax: int('“情况”字数上限', 200, 10000),
    analysisMax: int('“分析”字数上限', 200, 10000),
    suggestionMin: int('“建议”最少字数', 10, 500),
    suggestionMax: int('“建议”字数上限', 200, 10000),
    maxCoSigners: int('联名人数上限', 1, 50),
    /** working days co-signers have to confirm */
    coSignWorkdays: int('联名确认期限（工作日）', 1, 30),
    /** calendar days before a session opens from which proposals count as plenary (大会) proposals */
    plenaryWindowDays: int('大会提案征集期（天）', 0, 120),
    /** working days a unit has to object to a wrong assignment */
    objectionWorkdays: int('异议期限（工作日）', 1, 30),
    /** months a co-handling unit has to send its input to the lead */
    coInputMonths: int('会办意见期限（月）', 1, 3),
    /** months from assignment to the reply */
    handlingMonths: int('办理期限（月）', 1, 6),
    /** no extension goes past this many months from assignment */
    maxHandlingMonths: int('最长办理期限（月）', 1, 12),
    /** working days before the deadline at which the unit is reminded */
    remindBeforeWorkdays: int('提前提醒（工作日）', 1, 30),
    /** working days after the reply within which a publishable reply appears on the public page */
    publishWorkdays: int('公开期限（工作日）', 1, 60),
    /** the unit must record its contact with the proposer before replying */
    contactRequired: z.boolean({ message: '请说明答复前是否必须沟通' }),
  })
  .superRefine((r, c) => {
    if (r.maxHandlingMonths < r.handlingMonths) c.addIssue({ code: 'custom', path: ['maxHandlingMonths'], message: '最长办理期限不能短于办理期限' });
    if (r.suggestionMin > r.suggestionMax) c.addIssue({ code: 'custom', path: ['suggestionMin'], message: '“建议”最少字数不能大于字数上限' });
  });
export type ProposalRules = z.infer<typeof ProposalRules>;

export const DEFAULT_PROPOSAL_RULES: ProposalRules = {
  categories: ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设', '乡村振兴', '其他'],
  replyCategories: [
    { code: 'A', label: '所提问题已经解决或采纳', followUp: false },
    { code: 'B', label: '所提问题正在解决或列入计划拟解决', followUp: true },
    { code: 'C', label: '所提问题因条件限制留作参考', followUp: false },
    { code: 'D', label: '所提问题因政策等原因不能解决，作出解释说明', followUp: false },
  ],
  situationMax: 2000,
  analysisMax: 2000,
  suggestionMin: 30,
  suggestionMax: 3000,
  maxCoSigners: 20,
  coSignWorkdays: 5,
  plenaryWindowDays: 45,
  objectionWorkdays: 5,
  coInputMonths: 1,
  handlingMonths: 3,
  maxHandlingMonths: 6,
  remindBeforeWorkdays: 10,
  publishWorkdays: 20,
  contactRequired: true,
};
/** The stored rules over the defaults (a stored set the current rules refuse falls back to the default). */
export const proposalRulesOf = (stored: unknown): ProposalRules => {
  const merged = { ...DEFAULT_PROPOSAL_RULES, ...(stored && typeof stored === 'object' ? stored : {}) };
  const parsed = ProposalRules.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PROPOSAL_RULES;
};
/**
 * The rules page (PATCH): the rules that change and, optionally, the local calendar (its holidays or
 * working days, each on its own); the result is checked as a whole. The answer has the sessions and
 * the one proposals go to today.
 */
export const ProposalRulesUpdate = patchOf(ProposalRules.safeExtend({ calendar: WorkCalendarBody }));
export type ProposalRulesUpdate = z.infer<typeof ProposalRulesUpdate>;

export const ProposalRulesView = z.object({
  rules: ProposalRules,
  calendar: z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) }),
  sessions: z.array(z.object({ id: z.string(), name: z.string(), termId: z.string(), startDate: z.string(), endDate: z.string().nullable(), current: z.boolean() })),
});
export type ProposalRulesView = z.infer<typeof ProposalRulesView>;

/* ───────────────────────── bodies ───────────────────────── */

const uuid = (what: string) => z.uuid({ message: `${what}编号无效` });
const ids = (what: string, max: number) =>
  z
    .array(uuid(what), { message: `${what}应为列表` })
    .max(max, `${what}最多 ${max} 个`)
    .refine((a) => new Set(a).size === a.length, `${what}有重复`);
const text = (what: string, min: number, max: number) =>
  z.string({ message: `请填写${what}` }).trim().min(min, min <= 1 ? `请填写${what}` : `${what}至少 ${min} 个字`).max(max, `${what}不超过 ${max} 个字`);
const reason = text('理由', 2, 500);
const note = z.string({ message: '说明应为文字' }).trim().max(500, '说明不超过 500 个字').default('');

/** Attachments a proposal may carry (调研报告, 照片…). */
export const MAX_PROPOSAL_FILES = 10;

/** 案由: usually "关于……的建议", at most 50 characters. Section lengths are checked against the org's rules in the service. */
export const ProposalBody = z
  .object({
    title: text('案由', 6, 50),
    situation: z.string({ message: '“情况”应为文字' }).trim().max(10000, '“情况”过长').default(''),
    analysis: z.string({ message: '“分析”应为文字' }).trim().max(10000, '“分析”过长').default(''),
    suggestion: z.string({ message: '请填写“建议”' }).trim().max(10000, '“建议”过长').default(''),
    category: text('提案分类', 2, 20),
    proposerKind: z.enum(PROPOSER_KINDS, { message: '提案者类型只能是委员、界别、小组、党派、人民团体或专委会' }).default('member'),
    /** collective proposals: the sector, group or committee (bodyId), or a party / people's organisation by name */
    bodyId: uuid('提案单位').nullable().default(null),
    bodyName: z.string().trim().max(40, '提案单位名称不超过 40 个字').nullable().default(null),
    sealNoted: z.boolean({ message: '请说明是否加盖公章' }).default(false),
    /** joint proposals: the members invited to co-sign, in order */
    coSignerIds: ids('联名委员', 50).default([]),
    suggestedUnitIds: ids('建议承办单位', 5).default([]),
    fileIds: ids('附件', MAX_PROPOSAL_FILES).default([]),
    mayPublish: z.boolean({ message: '请说明是否同意公开' }).default(true),
    /** the proposal lead (提案线索, a request_escalation of kind 'proposal') this proposal takes up; its targetId is set on create */
    fromLeadId: uuid('提案线索').nullable().default(null),
  })
  .superRefine((b, c) => {
    if (b.proposerKind === 'member' && (b.bodyId || b.bodyName)) c.addIssue({ code: 'custom', path: ['bodyName'], message: '委员个人或联名提案不填提案单位' });
    if ((b.proposerKind === 'sector' || b.proposerKind === 'group' || b.proposerKind === 'committee') && !b.bodyId)
      c.addIssue({ code: 'custom', path: ['bodyId'], message: `请选择提案的${PROPOSER_KIND_LABELS[b.proposerKind]}` });
    if ((b.proposerKind === 'party' || b.proposerKind === 'people_org') && !b.bodyName)
      c.addIssue({ code: 'custom', path: ['bodyName'], message: `请填写${PROPOSER_KIND_LABELS[b.proposerKind]}名称` });
    if (b.proposerKind !== 'member' && b.coSignerIds.length) c.addIssue({ code: 'custom', path: ['coSignerIds'], message: '集体提案不能邀请个人联名' });
  });
export type ProposalBody = z.infer<typeof ProposalBody>;
/** Changing a draft states it whole: a collective proposal's kind, body and seal are sent again, never reset to a member's own. */
export const ProposalUpdateBody = putOf(ProposalBody);
export type ProposalUpdateBody = z.infer<typeof ProposalUpdateBody>;

/** 联名邀请的答复 */
export const CoSignResponseBody = z.object({ accept: z.boolean({ message: '请选择同意或不同意联名' }) });
export type CoSignResponseBody = z.infer<typeof CoSignResponseBody>;

/** 审查 decisions. */
export const ReviewBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('file'), oneMatterConfirmed: z.literal(true, { message: '立案前请确认符合“一事一案”' }), category: text('提案分类', 2, 20).optional(), note }),
    z.object({ action: z.literal('decline'), ground: z.enum(DECLINE_GROUNDS, { message: '请选择不予立案的理由' }), reason: z.string().trim().max(500, '理由不超过 500 个字').default('') }),
    z.object({
      action: z.literal('convert'),
      to: z.enum(['opinion', 'letter'], { message: '只能转为社情民意信息或建议函' }),
      proposerConsent: z.literal(true, { message: '转办须征得提案者同意，请先确认已征得同意' }),
      reason,
    }),
    z.object({ action: z.literal('return'), reason }),
    z.object({ action: z.literal('merge'), intoId: uuid('并入的提案'), reason }),
  ],
  { message: '审查方式只能是立案、不予立案、转办、退回修改或并案' },
);
export type ReviewBody = z.infer<typeof ReviewBody>;
/** after-the-fact "other" declines need a reason: checked in the service (ground 'other' ⇒ reason ≥ 2 characters) */

/** 交办: one unit; a lead with co-handling units; or several units replying separately. */
export const AssignBody = z
  .object({
    mode: z.enum(HANDLING_MODES, { message: '交办方式只能是单独办理、主办会办或分别办理' }),
    /** single: one id; lead: the lead first, then the co-handling units; separate: two or more */
    unitIds: ids('承办单位', 8).min(1, '请选择承办单位'),
    note,
  })
  .superRefine((b, c) => {
    if (b.mode === 'single' && b.unitIds.length !== 1) c.addIssue({ code: 'custom', path: ['unitIds'], message: '单独办理只能选择一个承办单位' });
    if (b.mode !== 'single' && b.unitIds.length < 2) c.addIssue({ code: 'custom', path: ['unitIds'], message: b.mode === 'lead' ? '主办会办须有主办单位和至少一个会办单位' : '分别办理至少选择两个承办单位' });
  });
export type AssignBody = z.infer<typeof AssignBody>;

export const ObjectionBody = z.object({ reason: text('异议理由', 10, 500), suggestedUnit: z.string().trim().max(40, '建议的承办单位不超过 40 个字').default('') });
export type ObjectionBody = z.infer<typeof ObjectionBody>;

/** Staff settle an objection: keep the unit (with a note) or move its part to another unit. */
export const ObjectionDecisionBody = z.discriminatedUnion(
  'action',
  [z.object({ action: z.literal('keep'), note: text('说明', 2, 500) }), z.object({ action: z.literal('reassign'), unitId: uuid('承办单位'), note })],
  { message: '处理方式只能是维持交办或改为其他单位' },
);
export type ObjectionDecisionBody = z.infer<typeof ObjectionDecisionBody>;

export const ExtensionBody = z.object({ dueOn: isoDate('延期后的期限'), reason: text('延期理由', 10, 500) });
export type ExtensionBody = z.infer<typeof ExtensionBody>;
export const ExtensionDecisionBody = z.object({ approve: z.boolean({ message: '请选择同意或不同意延期' }), note });
export type ExtensionDecisionBody = z.infer<typeof ExtensionDecisionBody>;

export const ContactBody = z.object({
  method: z.enum(CONTACT_METHODS, { message: '请选择沟通方式' }),
  on: isoDate('沟通日期'),
  memberIds: ids('沟通的提案者', 50).min(1, '请选择沟通的提案者'),
  note: text('沟通情况', 10, 1000),
});
export type ContactBody = z.infer<typeof ContactBody>;

/** 会签: the co-handling unit's input to the lead unit. */
export const SignOffBody = z.object({ text: text('会办意见', 10, 3000) });
export type SignOffBody = z.infer<typeof SignOffBody>;

/** 复文. The category must be one of the org's; a "being solved" category needs followUpOn. */
export const ReplyBody = z.object({
  letterNo: z.string().trim().max(40, '文号不超过 40 个字').default(''),
  body: text('答复正文', 50, 20000),
  category: text('答复类别', 1, 4),
  followUpOn: isoDate('再次报告日期').nullable().default(null),
  signer: text('签发人', 2, 20),
  contactName: z.string().trim().max(20, '联系人不超过 20 个字').default(''),
  /** empty: the unit's registered phone (when the contact is the unit's registered contact, or left empty) */
  contactPhone: z
    .string()
    .trim()
    .max(20, '联系电话不超过 20 个字')
    .regex(/^[0-9+\-\s()（）转]*$/, '联系电话只能包含数字、空格和“-”（留空则使用本单位登记的电话）')
    .default(''),
});
export type ReplyBody = z.infer<typeof ReplyBody>;

/** The unit's later report on a "being solved" matter. */
export const FollowUpBody = z.object({ body: text('落实情况', 20, 10000), signer: text('签发人', 2, 20) });
export type FollowUpBody = z.infer<typeof FollowUpBody>;

/** Staff send a reply back (or, after 不满意, ask the unit to handle it again) with a new deadline. */
export const RehandleBody = z.object({ reason, dueOn: isoDate('新的办理期限') });
export type RehandleBody = z.infer<typeof RehandleBody>;
export const CategoryCorrectionBody = z.object({
  category: text('答复类别', 1, 4),
  note: reason,
  /** changing to a "being solved" category: when the unit reports again (kept from the letter if it named one) */
  followUpOn: isoDate('再次报告日期').nullable().default(null),
});
export type CategoryCorrectionBody = z.infer<typeof CategoryCorrectionBody>;

export const RatingBody = z.object({
  handling: z.enum(RATINGS, { message: '请评价办理工作：满意、基本满意或不满意' }),
  result: z.enum(RATINGS, { message: '请评价办理结果：满意、基本满意或不满意' }),
  comment: z.string().trim().max(1000, '意见不超过 1000 个字').default(''),
});
export type RatingBody = z.infer<typeof RatingBody>;
/** Staff record a rating for an offline member (marked 代录 everywhere). */
export const RatingOnBehalfBody = RatingBody.extend({ memberId: uuid('委员'), comment: text('代录说明（如：电话征询，委员口述）', 4, 1000) });
export type RatingOnBehalfBody = z.infer<typeof RatingOnBehalfBody>;

export const KeyBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('shortlist'), note }),
    z.object({ action: z.literal('approve'), decidedOn: isoDate('主席会议日期'), note }),
    z.object({ action: z.literal('drop'), note: text('说明', 2, 500) }),
  ],
  { message: '只能拟定、确定或取消重点提案' },
);
export type KeyBody = z.infer<typeof KeyBody>;
export const SupervisorsBody = z.object({
  supervisors: z
    .array(
      z.object({
        accountId: uuid('领导账号').nullable().default(null),
        name: text('领导姓名', 2, 20),
        title: text('领导职务', 2, 30),
      }),
    )
    .min(1, '至少指定一位督办领导')
    .max(6, '督办领导最多 6 位'),
});
export type SupervisorsBody = z.infer<typeof SupervisorsBody>;
export const SupervisionBody = z.object({
  kind: z.enum(SUPERVISION_KINDS, { message: '督办方式只能是座谈、调研、视察或督办会' }),
  on: isoDate('督办日期'),
  place: z.string().trim().max(60, '地点不超过 60 个字').default(''),
  participants: z.string().trim().max(300, '参加人员不超过 300 个字').default(''),
  note: text('督办情况', 10, 3000),
});
export type SupervisionBody = z.infer<typeof SupervisionBody>;

export const PublishBody = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('full') }),
    z.object({ mode: z.literal('summary'), summary: text('公开摘要', 20, 2000) }),
    z.object({ mode: z.literal('withheld'), reason }),
  ],
  { message: '公开方式只能是全文、摘要或不公开' },
);
export type PublishBody = z.infer<typeof PublishBody>;

/* ───────────────────────── queries ───────────────────────── */

/**
 * mine: I am a signer (members); invitations: I am invited to co-sign and have not answered; torate: replies waiting for my rating;
 * unit: my unit's assignments (units); review: waiting for review (staff); board: filed, waiting for assignment (staff);
 * overdue: past a deadline (staff, units); objections: objections and extension requests waiting (staff); key: key proposals;
 * supervised: key proposals I supervise (leaders); all: every proposal of the org (staff, leaders).
 */
export const PROPOSAL_SCOPES = ['mine', 'invitations', 'torate', 'unit', 'review', 'board', 'overdue', 'objections', 'key', 'supervised', 'all'] as const;
export type ProposalScope = (typeof PROPOSAL_SCOPES)[number];
export const ProposalListQuery = PageQuery.extend({
  scope: z.enum(PROPOSAL_SCOPES, { message: '未知的范围' }).default('all'),
  status: z.enum(PROPOSAL_STATUSES, { message: '未知的状态' }).optional(),
  sessionId: uuid('会议').optional(),
  termId: uuid('届次').optional(),
  kind: z.enum(PROPOSAL_KINDS, { message: '类型只能是大会提案或平时提案' }).optional(),
  category: z.string().trim().max(20, '分类无效').optional(),
  unitId: uuid('承办单位').optional(),
  /** 案由 or 提案号 */
  q: z.string().trim().max(50, '关键词不超过 50 个字').optional(),
});
export type ProposalListQuery = z.infer<typeof ProposalListQuery>;
/** The Excel list: the list's filters without paging (GET /api/proposals/export.xlsx). */
export const ProposalExportQuery = ProposalListQuery.omit({ page: true, pageSize: true });
export type ProposalExportQuery = z.infer<typeof ProposalExportQuery>;

/** While drafting: earlier proposals (and their replies) like what is being written. */
export const SimilarProposalQuery = z.object({
  title: z.string().trim().max(50, '案由不超过 50 个字').default(''),
  text: z.string().trim().max(10000, '正文过长').default(''),
  /** leave the proposal being edited out */
  exceptId: uuid('提案').optional(),
});
export type SimilarProposalQuery = z.infer<typeof SimilarProposalQuery>;

export const SessionParams = z.object({ sessionId: uuid('会议') });
export const UnitReportQuery = z.object({ year: z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份无效').max(2100, '年份无效') });
export type UnitReportQuery = z.infer<typeof UnitReportQuery>;
export const PublicProposalQuery = PageQuery.extend({ q: z.string().trim().max(50, '关键词不超过 50 个字').optional() });
export type PublicProposalQuery = z.infer<typeof PublicProposalQuery>;

/* ───────────────────────── views ───────────────────────── */

const Ref = z.object({ id: z.string(), name: z.string() });

export const AssignmentSummary = z.object({
  id: z.string(),
  unit: Ref,
  role: z.enum(ASSIGNMENT_ROLES),
  roleLabel: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  statusLabel: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  round: z.number(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

export const ProposalListItem = z.object({
  id: z.string(),
  number: z.number().nullable(),
  numberLabel: z.string().nullable(),
  title: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  statusLabel: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  kindLabel: z.string(),
  session: Ref,
  category: z.string(),
  proposerKind: z.enum(PROPOSER_KINDS),
  /** e.g. 张红梅 / 张红梅等3人 / 民盟远安县基层委员会 */
  proposerName: z.string(),
  units: z.array(AssignmentSummary),
  /** the earliest open deadline among the units, and whether it has passed */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  keyStatus: z.enum(KEY_STATUSES).nullable(),
  /** ratings of the current replies: how many proposers rated what (result), and how many still have to */
  ratings: z.object({ satisfied: z.number(), basic: z.number(), unsatisfied: z.number(), pending: z.number() }),
  /** for members: my invitation's state when listing invitations */
  myInvitation: z.enum(['invited', 'confirmed', 'declined', 'lapsed']).nullable(),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ProposalListItem = z.infer<typeof ProposalListItem>;

export const SignerView = z.object({
  memberId: z.string(),
  name: z.string(),
  sector: z.string(),
  workUnit: z.string(),
  position: z.number(),
  status: z.enum(['confirmed', 'invited', 'declined', 'lapsed']),
  statusLabel: z.string(),
  respondedAt: z.string().nullable(),
  /** 139****1001, for the audiences that see a member's phone (member.visibility.ts: the proposer themself, the units handling it, leaders, staff); whole only from GET /api/proposals/:id/contacts (audited) */
  phoneMasked: z.string().nullable().optional(),
});
export const ProposalFileView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });
export type ProposalFileView = z.infer<typeof ProposalFileView>;

export const ContactView = z.object({ id: z.string(), method: z.enum(CONTACT_METHODS), methodLabel: z.string(), on: z.string(), members: z.array(Ref), note: z.string(), round: z.number(), createdAt: z.string() });
export const ExtensionView = z.object({
  id: z.string(),
  fromDueOn: z.string(),
  requestedDueOn: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  decisionNote: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const RatingView = z.object({
  id: z.string(),
  replyId: z.string(),
  member: Ref,
  handling: z.enum(RATINGS),
  handlingLabel: z.string(),
  result: z.enum(RATINGS),
  resultLabel: z.string(),
  comment: z.string(),
  /** 代录 by staff for an offline member */
  onBehalf: z.boolean(),
  at: z.string(),
});
export const ReplyView = z.object({
  id: z.string(),
  assignmentId: z.string(),
  unit: Ref,
  round: z.number(),
  kind: z.enum(['reply', 'follow_up']),
  letterNo: z.string(),
  body: z.string(),
  category: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  categoryCorrectedFrom: z.string().nullable(),
  followUpOn: z.string().nullable(),
  signer: z.string(),
  /** the letter's contact person, for staff and the units on the proposal ('' for others) */
  contactName: z.string(),
  /** masked (071****2345); whole only from GET /api/proposals/:id/contacts (staff) or in the letter itself (audited) */
  contactPhone: z.string(),
  status: z.enum(['sent', 'returned']),
  returnedReason: z.string().nullable(),
  sentAt: z.string(),
  /** 会签: the co-handling units' sign-off shown in the chain of a lead's reply */
  signOffs: z.array(z.object({ unit: Ref, text: z.string().nullable(), signedOffAt: z.string().nullable(), late: z.boolean() })),
  ratings: z.array(RatingView),
});
export type ReplyView = z.infer<typeof ReplyView>;
export const AssignmentView = AssignmentSummary.extend({
  assignedAt: z.string(),
  objectionDueOn: z.string(),
  objection: z.object({ reason: z.string(), suggestedUnit: z.string(), at: z.string(), resolution: z.enum(['kept', 'reassigned']).nullable(), note: z.string().nullable() }).nullable(),
  maxDueOn: z.string(),
  extensions: z.array(ExtensionView),
  contacts: z.array(ContactView),
  signOff: z.object({ text: z.string(), at: z.string() }).nullable(),
  followUpDueOn: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const TimelineItem = z.object({ at: z.string(), kind: z.string(), label: z.string(), actorName: z.string(), unit: z.string().nullable(), note: z.string().nullable() });
export const SupervisorView = z.object({ id: z.string(), accountId: z.string().nullable(), name: z.string(), title: z.string() });
export const SupervisionView = z.object({ id: z.string(), kind: z.enum(SUPERVISION_KINDS), kindLabel: z.string(), on: z.string(), place: z.string(), participants: z.string(), note: z.string() });

export const ProposalView = ProposalListItem.extend({
  term: Ref,
  situation: z.string(),
  analysis: z.string(),
  suggestion: z.string(),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
  sealNoted: z.boolean(),
  suggestedUnits: z.array(Ref),
  mayPublish: z.boolean(),
  coSignDueAt: z.string().nullable(),
  oneMatterConfirmed: z.boolean(),
  signers: z.array(SignerView),
  files: z.array(ProposalFileView),
  decision: z
    .object({
      ground: z.enum(DECLINE_GROUNDS).nullable(),
      groundLabel: z.string().nullable(),
      reason: z.string().nullable(),
      convertedTo: z.enum(['opinion', 'letter']).nullable(),
      convertedRefId: z.string().nullable(),
      at: z.string().nullable(),
    })
    .nullable(),
  mergedInto: z.object({ id: z.string(), numberLabel: z.string().nullable(), title: z.string() }).nullable(),
  mergedFrom: z.array(z.object({ id: z.string(), numberLabel: z.string().nullable(), title: z.string(), proposerName: z.string() })),
  handlingMode: z.enum(HANDLING_MODES).nullable(),
  assignments: z.array(AssignmentView),
  /** the replies the viewer may see (for a merged proposal: the main proposal's), newest round first */
  replies: z.array(ReplyView),
  key: z.object({ status: z.enum(KEY_STATUSES), statusLabel: z.string(), decidedOn: z.string().nullable(), note: z.string().nullable(), supervisors: z.array(SupervisorView), supervisions: z.array(SupervisionView) }).nullable(),
  publication: z.object({ mode: z.enum(PUBLISH_MODES).nullable(), dueOn: z.string().nullable(), publishedAt: z.string().nullable(), summary: z.string().nullable(), withheldReason: z.string().nullable() }),
  /** the residents' concerns of the proposal lead it takes up */
  fromRequests: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  timeline: z.array(TimelineItem),
  /** what the viewer may do now (the pages show buttons by these) */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    respondInvitation: z.boolean(),
    review: z.boolean(),
    assign: z.boolean(),
    /** the viewer's unit's assignment id for the actions below, when it has one */
    myAssignmentId: z.string().nullable(),
    object: z.boolean(),
    requestExtension: z.boolean(),
    recordContact: z.boolean(),
    /** may ask for the proposers' whole phone numbers (GET /api/proposals/:id/contacts, audited): the units handling it and the proposals office */
    viewContacts: z.boolean(),
    signOff: z.boolean(),
    reply: z.boolean(),
    followUp: z.boolean(),
    /** reply ids the viewer may rate now */
    rateReplyIds: z.array(z.string()),
    rehandle: z.boolean(),
    key: z.boolean(),
    publish: z.boolean(),
  }),
});
export type ProposalView = z.infer<typeof ProposalView>;

/** The whole phone numbers behind a proposal, to phone its proposers (and, for staff, the replying units' contacts): an audited reveal. */
export const ProposalContactsView = z.object({
  signers: z.array(z.object({ memberId: z.string(), name: z.string(), phone: z.string().nullable() })),
  replies: z.array(z.object({ id: z.string(), unit: Ref, contactName: z.string(), contactPhone: z.string() })),
});
export type ProposalContactsView = z.infer<typeof ProposalContactsView>;

/** Earlier proposals like the one being drafted, with their replies' categories. */
export const SimilarProposal = z.object({
  id: z.string(),
  numberLabel: z.string().nullable(),
  session: z.string(),
  title: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  statusLabel: z.string(),
  proposerName: z.string(),
  /** the first reply's unit, category and a snippet */
  reply: z.object({ unit: z.string(), categoryLabel: z.string().nullable(), snippet: z.string(), sentAt: z.string() }).nullable(),
  /** words the two share */
  words: z.array(z.string()),
});

/** A published reply on the public page: no phone numbers, no contact details. */
export const PublicProposal = z.object({
  id: z.string(),
  numberLabel: z.string().nullable(),
  session: z.string(),
  title: z.string(),
  category: z.string(),
  proposerName: z.string(),
  suggestion: z.string(),
  replies: z.array(z.object({ unit: z.string(), letterNo: z.string(), categoryLabel: z.string().nullable(), text: z.string(), mode: z.enum(['full', 'summary']), sentAt: z.string() })),
  publishedAt: z.string(),
});
export type PublicProposal = z.infer<typeof PublicProposal>;

/** 承办单位年度办理情况 */
export const UnitReportRow = z.object({
  unit: Ref,
  assigned: z.number(),
  asLead: z.number(),
  asCo: z.number(),
  replied: z.number(),
  repliedOnTime: z.number(),
  /** replied on time ÷ (replied + overdue unreplied), as a percentage with one decimal; null when nothing is due */
  onTimeRate: z.number().nullable(),
  overdue: z.number(),
  objections: z.number(),
  extensions: z.number(),
  /** reply category code → count */
  categories: z.record(z.string(), z.number()),
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  /** (满意 + 基本满意) ÷ ratings, percentage; null without ratings */
  satisfactionRate: z.number().nullable(),
  rehandled: z.number(),
});
export type UnitReportRow = z.infer<typeof UnitReportRow>;

/** The proposals' figures for the dashboard and the leaders. */
export const ProposalFigures = z.object({
  sessionId: z.string().nullable(),
  submitted: z.number(),
  filed: z.number(),
  declined: z.number(),
  converted: z.number(),
  merged: z.number(),
  assigned: z.number(),
  replied: z.number(),
  closed: z.number(),
  overdue: z.number(),
  key: z.number(),
  satisfactionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  byCategory: z.array(z.object({ name: z.string(), count: z.number() })),
  byReplyCategory: z.array(z.object({ code: z.string(), label: z.string(), count: z.number() })),
});
export type ProposalFigures = z.infer<typeof ProposalFigures>;
