import dayjs from 'dayjs';
import type { RequestRowView } from '@server/modules/request/request.schema';

const DAY = 86_400_000;

/**
 * The deadline as a member reads it: red "已超期N天" once past it while unanswered, "还剩N天"
 * (or hours on the last day) before it, and when it was answered afterwards.
 */
export function dueLabel(r: Pick<RequestRowView, 'dueAt' | 'overdue' | 'status' | 'answeredAt'>, now = Date.now()): { text: string; danger: boolean; warn: boolean } {
  const due = new Date(r.dueAt).getTime();
  if (r.status === 'answered' || r.status === 'closed') {
    const at = r.answeredAt ? new Date(r.answeredAt).getTime() : null;
    if (!at) return { text: '已办结', danger: false, warn: false };
    return at > due ? { text: `${dayjs(at).format('M月D日')}答复（超期）`, danger: true, warn: false } : { text: `${dayjs(at).format('M月D日')}答复`, danger: false, warn: false };
  }
  if (r.overdue || due <= now) return { text: now - due < DAY ? '已超期' : `已超期${Math.floor((now - due) / DAY)}天`, danger: true, warn: false };
  const left = due - now;
  if (left < DAY) return { text: `还剩${Math.max(1, Math.ceil(left / 3_600_000))}小时`, danger: false, warn: true };
  const days = Math.ceil(left / DAY);
  return { text: `还剩${days}天`, danger: false, warn: days <= 2 };
}

/** Status tag colours of antd-mobile (primary is the brand red). */
export const STATUS_COLORS: Record<RequestRowView['status'], string> = {
  new: 'warning',
  claimed: '#1677ff',
  answered: 'success',
  reopened: 'danger',
  closed: 'default',
};

export const fmtDate = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');
export const fmtTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
