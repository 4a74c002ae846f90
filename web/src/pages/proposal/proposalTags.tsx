import { Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AssignmentRole, AssignmentSummary, ProposalListItem, ProposalStatus } from '@server/modules/proposal/proposal.schema';
import { useMe } from '../../api/session';

/** How a proposal's state, units, deadline and ratings look wherever proposals are shown. */
const STATUS_COLORS: Record<ProposalStatus, string | undefined> = {
  draft: undefined,
  submitted: 'gold',
  returned: 'warning',
  filed: 'cyan',
  declined: 'default',
  converted: 'purple',
  merged: 'geekblue',
  assigned: 'processing',
  replied: 'green',
  closed: 'success',
};
export const ProposalStatusTag = ({ status, label }: { status: ProposalStatus; label: string }) => <Tag color={STATUS_COLORS[status]}>{label}</Tag>;

const ROLE_SHORT: Record<AssignmentRole, string> = { sole: '', lead: '主', co: '会', separate: '分' };
const ROLE_COLORS: Record<AssignmentRole, string> = { sole: 'blue', lead: 'blue', co: 'default', separate: 'cyan' };

/** 县住建局【主】 县财政局【会】: the units, their part, and red when that unit is overdue. */
export function UnitTags({ units }: { units: AssignmentSummary[] }) {
  const live = units.filter((u) => u.status !== 'withdrawn');
  if (!live.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {live.map((u) => (
        <Tooltip key={u.id} title={`${u.unit.name} · ${u.roleLabel} · ${u.statusLabel} · 期限 ${u.dueOn}${u.overdue ? '（已超期）' : ''}`}>
          <Tag color={u.overdue ? 'red' : ROLE_COLORS[u.role]} style={{ marginInlineEnd: 0 }}>
            {ROLE_SHORT[u.role] && <b>{ROLE_SHORT[u.role]} </b>}
            {u.unit.name}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Today in China (deadlines are China dates), whatever the browser's time zone. */
export const chinaToday = () => dayjs(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
export const todayStr = () => chinaToday().format('YYYY-MM-DD');

/** calendar days from today to a 'YYYY-MM-DD' date (negative once passed) */
export const daysLeft = (date: string) => dayjs(date).diff(chinaToday(), 'day');

/** 办理期限: the date, with 还剩N天 while open and red 超期N天 once passed. */
export function DueCell({ dueOn, overdue, open = true }: { dueOn: string | null; overdue: boolean; open?: boolean }) {
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = daysLeft(dueOn);
  if (overdue)
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="danger" strong>超期{Math.max(1, -left)}天</Typography.Text>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>{dueOn}</Typography.Text>
      </Space>
    );
  return (
    <Space orientation="vertical" size={0}>
      <span>{dueOn}</span>
      {open && <Typography.Text type={left <= 10 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>{left <= 0 ? '今天到期' : `还剩${left}天`}</Typography.Text>}
    </Space>
  );
}

/** 满意 2 · 基本满意 1 · 待测评 1 (by the result rating). */
export function RatingSummary({ r }: { r: ProposalListItem['ratings'] }) {
  const parts = [
    r.satisfied ? <Tag key="s" color="green" style={{ marginInlineEnd: 0 }}>满意 {r.satisfied}</Tag> : null,
    r.basic ? <Tag key="b" color="blue" style={{ marginInlineEnd: 0 }}>基本满意 {r.basic}</Tag> : null,
    r.unsatisfied ? <Tag key="u" color="red" style={{ marginInlineEnd: 0 }}>不满意 {r.unsatisfied}</Tag> : null,
    r.pending ? <Typography.Text key="p" type="secondary" style={{ fontSize: 12 }}>待测评 {r.pending}</Typography.Text> : null,
  ].filter(Boolean);
  if (!parts.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Space size={[4, 4]} wrap>{parts}</Space>;
}

export const formatDay = (iso: string | null | undefined) =>
  iso ? (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).replaceAll('/', '-')) : '—';
export const formatTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).replaceAll('/', '-') : '—';

/** Who is looking: the proposals office, a handling unit, a leader, a member (an account may be several). */
export function useProposalRole() {
  const { data: me } = useMe();
  const perms = me?.permissions ?? [];
  const roles = me?.currentOrg?.roles ?? [];
  return {
    me,
    staff: perms.includes('proposal.manage'),
    unit: perms.includes('proposal.handle'),
    leader: roles.includes('leader'),
    member: perms.includes('proposal.write'),
    canManageUnits: perms.includes('unit.manage'),
  };
}
