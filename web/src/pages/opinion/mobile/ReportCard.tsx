import { Tag } from 'antd-mobile';
import dayjs from 'dayjs';
import { OPINION_LEVEL_LABELS, type OpinionListItem } from '@server/modules/opinion/opinion.schema';
import { OPINION_STATUS_COLORS } from './opinionFormat';

/** One report in my list: title, status, authors, when, and its adoptions and instructions per level. */
export function ReportCard({ r, onClick }: { r: OpinionListItem; onClick: () => void }) {
  const when = r.submittedAt ? `${dayjs(r.submittedAt).format('YYYY-MM-DD')} 报送` : `${dayjs(r.updatedAt).format('YYYY-MM-DD')} 保存`;
  const authors = r.authors.length > 1 ? `${r.authors[0].name}等 ${r.authors.length} 人联名` : r.authors[0]?.name;
  return (
    <div role="button" onClick={onClick} style={{ background: '#fff', borderRadius: 8, padding: '12px 14px', margin: '0 12px 10px' }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, fontSize: 16, fontWeight: 500, lineHeight: 1.4, wordBreak: 'break-all' }}>{r.title}</div>
        <Tag color={OPINION_STATUS_COLORS[r.status]} style={{ flex: 'none', marginTop: 2 }}>{r.statusLabel}</Tag>
      </div>
      <div style={{ color: '#999', fontSize: 13, marginTop: 6, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{authors}</span>
        <span style={{ flex: 'none' }}>{when}</span>
      </div>
      {(r.adoptedLevels.length > 0 || r.instructedCount > 0 || r.forwardedTo) && (
        <div style={{ marginTop: 8, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          {r.adoptedLevels.map((l) => <Tag key={l} color="success" fill="outline">{OPINION_LEVEL_LABELS[l]}采用</Tag>)}
          {r.instructedCount > 0 && <Tag color="primary" fill="solid">领导批示 {r.instructedCount} 次</Tag>}
          {r.forwardedTo && <Tag color="default" fill="outline">已报{r.forwardedTo.name}</Tag>}
        </div>
      )}
    </div>
  );
}
