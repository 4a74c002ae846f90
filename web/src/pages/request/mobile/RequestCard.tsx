import { Tag } from 'antd-mobile';
import { EnvironmentOutline } from 'antd-mobile-icons';
import type { RequestRowView } from '@server/modules/request/request.schema';
import { dueLabel, fmtDate, STATUS_COLORS } from './requestFormat';

/** One concern in the members' list: category, place, title, deadline (red when overdue), status. */
export function RequestCard({ r, onClick }: { r: RequestRowView; onClick: () => void }) {
  const due = dueLabel(r);
  return (
    <div
      role="button"
      onClick={onClick}
      style={{ background: '#fff', borderRadius: 8, padding: '12px 14px', margin: '0 12px 10px', borderLeft: due.danger && r.status !== 'answered' && r.status !== 'closed' ? '3px solid #b7261b' : '3px solid transparent' }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
        <Tag color="primary" fill="outline" style={{ flex: 'none' }}>{r.category.name}</Tag>
        <span style={{ color: '#888', fontSize: 13, display: 'flex', alignItems: 'center', gap: 2, minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
          <EnvironmentOutline style={{ flex: 'none' }} />
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.place.fullName}</span>
        </span>
        <Tag color={STATUS_COLORS[r.status]} style={{ marginLeft: 'auto', flex: 'none' }}>{r.statusLabel}</Tag>
      </div>
      <div style={{ fontSize: 16, fontWeight: 500, margin: '8px 0 6px', lineHeight: 1.4, wordBreak: 'break-all' }}>{r.title}</div>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, color: '#999', gap: 8 }}>
        <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {r.code} · {fmtDate(r.createdAt)}
          {r.member ? ` · ${r.member.name}办理` : ''}
        </span>
        <span style={{ flex: 'none', color: due.danger ? '#b7261b' : due.warn ? '#d46b08' : '#999', fontWeight: due.danger ? 600 : undefined }}>{due.text}</span>
      </div>
      {(r.ratingLabel || r.reopenCount > 0) && (
        <div style={{ marginTop: 6, display: 'flex', gap: 6 }}>
          {r.ratingLabel && <Tag color={r.rating === 'unsatisfied' ? 'danger' : 'success'} fill="outline">群众评价：{r.ratingLabel}</Tag>}
          {r.reopenCount > 0 && <Tag color="danger" fill="outline">重新办理 {r.reopenCount} 次</Tag>}
        </div>
      )}
    </div>
  );
}
