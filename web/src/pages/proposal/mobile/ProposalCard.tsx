import { Tag } from 'antd-mobile';
import type { ProposalListItem } from './memberProposalApi';
import { day, numberWithSession, STATUS_COLORS } from './proposalFormat';

const INVITATION: Record<string, { label: string; color: string }> = {
  invited: { label: '待您答复', color: 'warning' },
  confirmed: { label: '已同意联名', color: 'success' },
  declined: { label: '已谢绝联名', color: 'default' },
  lapsed: { label: '邀请已过期', color: 'default' },
};

/** One proposal in my lists: title, status, number and session, proposers, units and the date that matters. */
/** `invitation`: show my invitation's state (the 联名邀请 segment). */
export function ProposalCard({ p, onClick, invitation = false }: { p: ProposalListItem; onClick: () => void; invitation?: boolean }) {
  const when = p.repliedAt
    ? `${day(p.repliedAt)} 答复`
    : p.filedAt
      ? `${day(p.filedAt)} 立案`
      : p.submittedAt
        ? `${day(p.submittedAt)} 提交`
        : `${day(p.createdAt)} 起草`;
  const inv = invitation && p.myInvitation ? INVITATION[p.myInvitation] : null;
  return (
    <div role="button" onClick={onClick} style={{ background: '#fff', borderRadius: 8, padding: '12px 14px', margin: '0 12px 10px' }} data-testid="proposal-card">
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0, fontSize: 16, fontWeight: 500, lineHeight: 1.4, wordBreak: 'break-all' }}>{p.title}</div>
        <Tag color={STATUS_COLORS[p.status]} style={{ flex: 'none', marginTop: 2 }}>{p.statusLabel}</Tag>
      </div>
      <div style={{ color: '#999', fontSize: 13, marginTop: 6, lineHeight: 1.5 }}>
        {numberWithSession(p)} · {p.kindLabel} · {p.category}
      </div>
      <div style={{ color: '#999', fontSize: 13, marginTop: 2, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{p.proposerName}</span>
        <span style={{ flex: 'none' }}>{when}</span>
      </div>
      {(p.units.length > 0 || inv || p.keyStatus === 'approved') && (
        <div style={{ marginTop: 8, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          {inv && <Tag color={inv.color} fill="outline">{inv.label}</Tag>}
          {p.keyStatus === 'approved' && <Tag color="danger" fill="solid">重点提案</Tag>}
          {p.units.map((u) => (
            <Tag key={u.id} color={u.overdue ? 'danger' : 'default'} fill="outline">
              {u.roleLabel}：{u.unit.name}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
