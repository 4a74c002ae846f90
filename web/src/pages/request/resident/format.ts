import dayjs from 'dayjs';
import type { Outcome, RequestStatus } from '@server/modules/request/request.schema';

export const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');
export const minute = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/** 已解决 / 已解释说明 / 已转交县交通运输局 / 已合并到 AB23CD45 */
export function outcomeText(v: { outcome: Outcome | null; outcomeLabel: string | null; department: string | null; mergedIntoCode?: string | null }) {
  if (v.outcome === 'referred' && v.department) return `已转交${v.department}`;
  if (v.outcome === 'merged' && v.mergedIntoCode) return `已合并到 ${v.mergedIntoCode}`;
  return v.outcomeLabel;
}

/** Tag colours of a concern's state as the resident sees it. */
export const STATUS_COLORS: Record<RequestStatus, string> = { new: 'default', claimed: 'primary', answered: 'success', reopened: 'warning', closed: 'success' };
export const RATING_COLORS: Record<string, string> = { satisfied: 'success', basic: 'primary', unsatisfied: 'danger' };
/** The state in the resident's words (待认领 is the office's word for what the resident sees as 待办理). */
export const RESIDENT_STATUS: Record<RequestStatus, string> = { new: '待办理', claimed: '办理中', answered: '已答复', reopened: '重新办理', closed: '已办结' };
