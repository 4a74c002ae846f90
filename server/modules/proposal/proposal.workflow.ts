import { AppError } from '../../core/errors.js';
import { PROPOSAL_STATUS_LABELS, type ProposalStatus } from './proposal.schema.js';

/**
 * The proposal's state machine as data: for each action, the states it may start from, the state it
 * leads to (when it moves the proposal itself) and who does it. Every service function starts with
 * `assertAction(status, action)`; a refused move gets a sentence a user understands.
 * Who exactly (which proposer, which unit) is checked by the service after this.
 */
export type Doer = 'proposer' | 'invitee' | 'staff' | 'unit' | 'replyingUnit' | 'coUnit';
interface Step {
  label: string;
  from: readonly ProposalStatus[];
  to?: ProposalStatus;
  by: Doer;
  /** said instead of the general sentence when the proposal is in one of these states */
  why?: Partial<Record<ProposalStatus, string>>;
}

const notAssigned = { draft: '提案尚未提交，不能办理', submitted: '提案尚未立案交办，不能办理', filed: '提案尚未交办，不能办理' } as const;
const done = ['replied', 'closed'] as const;

export const PROPOSAL_STEPS = {
  edit: { label: '修改', from: ['draft', 'returned'], by: 'proposer' },
  invite: { label: '邀请联名', from: ['draft', 'returned'], by: 'proposer' },
  respondInvitation: { label: '答复联名邀请', from: ['draft', 'returned'], by: 'invitee', why: { submitted: '提案已经提交，联名已截止' } },
  submit: { label: '提交', from: ['draft', 'returned'], to: 'submitted', by: 'proposer' },
  withdraw: { label: '撤回', from: ['submitted'], to: 'draft', by: 'proposer', why: { filed: '提案已经立案，不能撤回' } },
  file: { label: '立案', from: ['submitted'], to: 'filed', by: 'staff' },
  decline: { label: '不予立案', from: ['submitted'], to: 'declined', by: 'staff' },
  convert: { label: '转办', from: ['submitted'], to: 'converted', by: 'staff' },
  return: { label: '退回修改', from: ['submitted'], to: 'returned', by: 'staff' },
  merge: { label: '并案', from: ['submitted', 'filed'], to: 'merged', by: 'staff' },
  assign: { label: '交办', from: ['filed'], to: 'assigned', by: 'staff', why: { submitted: '提案尚未立案，不能交办' } },
  object: { label: '提出异议', from: ['assigned'], by: 'unit', why: notAssigned },
  settleObjection: { label: '处理异议', from: ['assigned', ...done], by: 'staff' },
  requestExtension: { label: '申请延期', from: ['assigned'], by: 'replyingUnit', why: notAssigned },
  decideExtension: { label: '审批延期', from: ['assigned', ...done], by: 'staff' },
  recordContact: { label: '登记沟通情况', from: ['assigned', 'replied'], by: 'unit', why: notAssigned },
  signOff: { label: '会签', from: ['assigned'], by: 'coUnit', why: notAssigned },
  reply: { label: '答复', from: ['assigned'], by: 'replyingUnit', why: { ...notAssigned, replied: '本提案已经答复' } },
  // 'assigned' too: under 分办 a unit that has replied reports while another is still handling
  followUp: { label: '报告落实情况', from: ['assigned', ...done], by: 'replyingUnit', why: notAssigned },
  rate: { label: '测评', from: done, by: 'proposer', why: { assigned: '承办单位尚未答复，还不能测评' } },
  // 'assigned' too: under 分办 one unit's reply can be sent back or corrected while another unit is still handling
  rehandle: { label: '退回重办', from: ['assigned', ...done], to: 'assigned', by: 'staff', why: { filed: '提案尚未交办，不能退回重办' } },
  correctCategory: { label: '修改答复类别', from: ['assigned', ...done], by: 'staff' },
  key: { label: '确定重点提案', from: ['filed', 'assigned', 'replied'], by: 'staff', why: { submitted: '提案尚未立案，不能列为重点提案' } },
  supervise: { label: '登记督办', from: ['assigned', 'replied', 'closed'], by: 'staff', why: { filed: '重点提案交办后才能督办' } },
  publish: { label: '公开答复', from: done, by: 'staff', why: { assigned: '提案尚未答复，不能公开' } },
} as const satisfies Record<string, Step>;
export type ProposalAction = keyof typeof PROPOSAL_STEPS;

export const mayDo = (status: ProposalStatus, action: ProposalAction) => (PROPOSAL_STEPS[action].from as readonly ProposalStatus[]).includes(status);

/** The sentence a refused move gets: a specific one where the rules give it, else the state and the action. */
export function refusal(status: ProposalStatus, action: ProposalAction): string {
  const step: Step = PROPOSAL_STEPS[action];
  return step.why?.[status] ?? `提案当前为“${PROPOSAL_STATUS_LABELS[status]}”，不能${step.label}`;
}

/** Throws 409 INVALID_TRANSITION unless `action` may start from `status`. */
export function assertAction(status: ProposalStatus, action: ProposalAction) {
  if (!mayDo(status, action)) throw new AppError(409, 'INVALID_TRANSITION', refusal(status, action));
}
