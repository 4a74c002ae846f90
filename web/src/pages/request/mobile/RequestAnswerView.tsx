import { useNavigate } from 'react-router-dom';
import { Card, Tag } from 'antd-mobile';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { PhotoStrip } from './PhotoStrip';
import { fmtTime } from './requestFormat';

/** The answer given to the resident, its outcome and the resident's rating. */
export function RequestAnswerView({ r }: { r: RequestDetailView }) {
  const navigate = useNavigate();
  const by = [...r.events].reverse().find((e) => e.kind === 'answered')?.actorName;
  return (
    <Card title="答复群众" extra={r.outcomeLabel && <Tag color="success">{r.outcomeLabel}</Tag>} style={{ margin: '0 12px 12px' }}>
      <div style={{ fontSize: 15, lineHeight: 1.7, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{r.answer}</div>
      <PhotoStrip photos={r.answerPhotos} />
      {r.department && <div style={{ marginTop: 8, color: '#666' }}>转交部门：{r.department}</div>}
      {r.mergedInto && (
        <div style={{ marginTop: 8, color: '#666' }}>
          合并到诉求：
          <a onClick={() => navigate(`/requests/${r.mergedInto!.id}`)} style={{ color: '#b7261b' }}>
            {r.mergedInto.code} {r.mergedInto.title}
          </a>
        </div>
      )}
      <div style={{ marginTop: 8, color: '#999', fontSize: 13 }}>
        {by ? `${by} · ` : ''}
        {fmtTime(r.answeredAt)}
        {r.firstAnsweredAt && r.firstAnsweredAt !== r.answeredAt ? `（首次答复 ${fmtTime(r.firstAnsweredAt)}）` : ''}
      </div>
      <div style={{ marginTop: 10, paddingTop: 10, borderTop: '1px solid #f0f0f0' }}>
        {r.ratingLabel ? (
          <>
            <span>群众评价：</span>
            <Tag color={r.rating === 'unsatisfied' ? 'danger' : 'success'}>{r.ratingLabel}</Tag>
            {r.ratingComment && <div style={{ marginTop: 6, color: '#666', wordBreak: 'break-all' }}>“{r.ratingComment}”</div>}
          </>
        ) : (
          <span style={{ color: '#999' }}>{r.status === 'answered' ? '等待群众评价' : '群众未评价'}</span>
        )}
      </div>
    </Card>
  );
}
