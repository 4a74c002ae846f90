import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PUBLISH_LABELS, RATING_LABELS, STATUS_LABELS, type PublishState, type Rating, type RequestStatus } from '@server/modules/request/request.schema';
import type { RequestRowView } from './requestApi';

/** How a concern's state, rating, publication and deadline look wherever concerns are listed. */
const STATUS_COLORS: Record<RequestStatus, string> = { new: 'gold', claimed: 'processing', answered: 'cyan', reopened: 'volcano', closed: 'default' };
export const StatusTag = ({ status }: { status: RequestStatus }) => <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;

const RATING_COLORS: Record<Rating, string> = { satisfied: 'green', basic: 'blue', unsatisfied: 'red' };
export const RatingTag = ({ rating }: { rating: Rating | null }) =>
  rating ? <Tag color={RATING_COLORS[rating]}>{RATING_LABELS[rating]}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;

const PUBLISH_COLORS: Record<PublishState, string> = { unreviewed: 'default', published: 'green', hidden: 'red' };
export const PublishTag = ({ state }: { state: PublishState }) => <Tag color={PUBLISH_COLORS[state]}>{PUBLISH_LABELS[state]}</Tag>;

export const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const minute = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** whole days (at least 1) by which the deadline has passed */
export const overdueDays = (dueAt: string, now = Date.now()) => Math.max(1, Math.ceil((now - new Date(dueAt).getTime()) / 86_400_000));

/** The first-answer deadline: red "超期N天" while overdue, the days left while open, whether it was kept once answered. */
export function DueCell({ r }: { r: Pick<RequestRowView, 'dueAt' | 'overdue' | 'status' | 'answeredAt'> }) {
  const due = new Date(r.dueAt).getTime();
  if (r.overdue)
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="danger" strong>超期{overdueDays(r.dueAt)}天</Typography.Text>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>{day(r.dueAt)}</Typography.Text>
      </Space>
    );
  const open = r.status === 'new' || r.status === 'claimed' || r.status === 'reopened';
  let note: React.ReactNode = null;
  if (open) {
    const left = Math.ceil((due - Date.now()) / 86_400_000);
    note = <Typography.Text type={left <= 1 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>{left <= 1 ? '今明两天到期' : `还剩${left}天`}</Typography.Text>;
  } else if (r.answeredAt)
    note = new Date(r.answeredAt).getTime() <= due
      ? <Typography.Text type="success" style={{ fontSize: 12 }}>按期答复</Typography.Text>
      : <Typography.Text type="warning" style={{ fontSize: 12 }}>逾期后答复</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{day(r.dueAt)}</span>
      {note}
    </Space>
  );
}
