import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Checkbox, Empty, Space, Spin, Tag, Typography } from 'antd';
import { STATUS_LABELS, type RequestStatus } from '@server/modules/request/request.schema';
import { OPINION_STATUS_LABELS, type OpinionStatus } from '@server/modules/opinion/opinion.schema';
import type { SearchHit, TextSegments } from '@server/modules/search/search.schema';
import type { ConcernRef } from './EscalateModal';
import { Rows } from './RequestParts';
import { day } from './requestTags';
import { useSimilar } from './requestApi';

const Marked = ({ parts, fallback }: { parts: TextSegments; fallback: string }) =>
  parts.length ? <>{parts.map((p, i) => (p.hit ? <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</> : <>{fallback}</>;

const statusOf = (h: SearchHit) =>
  h.kind === 'request' ? (STATUS_LABELS[h.status as RequestStatus] ?? h.status) : (OPINION_STATUS_LABELS[h.status as OpinionStatus] ?? h.status);

/** 相似诉求与社情民意 (the search module's similar items); staff may tick similar concerns to convert them together with this one. */
export function SimilarPanel({ id, self, canConvert, onConvert }: { id: string; self: ConcernRef; canConvert: boolean; onConvert: (c: ConcernRef[]) => void }) {
  const { data, isLoading, error } = useSimilar('request', id);
  const [ticked, setTicked] = useState<Map<string, ConcernRef>>(new Map());
  const items = data?.items ?? [];
  const toggle = (h: SearchHit, on: boolean) =>
    setTicked((prev) => {
      const next = new Map(prev);
      if (on) next.set(h.refId, { id: h.refId, code: '', title: h.title });
      else next.delete(h.refId);
      return next;
    });

  return (
    <Card
      title="相似诉求与社情民意"
      size="small"
      extra={
        canConvert && ticked.size > 0 && (
          <Button size="small" type="primary" onClick={() => onConvert([self, ...ticked.values()])}>
            与本条一并转化（{ticked.size + 1}）
          </Button>
        )
      }
    >
      {error ? (
        <Typography.Text type="secondary">暂时无法查找相似内容，请稍后再试。</Typography.Text>
      ) : (
        isLoading ? <Spin size="small" /> : <Rows
          items={items}
          keyOf={(h) => `${h.kind}-${h.refId}`}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到相似的诉求或社情民意信息" />}
          render={(h) => (
              <Space align="start" size={8} style={{ width: '100%' }}>
                {canConvert && h.kind === 'request' && <Checkbox checked={ticked.has(h.refId)} onChange={(e) => toggle(h, e.target.checked)} aria-label={`选择 ${h.title}`} />}
                <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    <Tag color={h.kind === 'request' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>{h.kind === 'request' ? '诉求' : '社情民意'}</Tag>
                    <Link to={h.kind === 'request' ? `/requests/${h.refId}` : `/opinion-reports/${h.refId}`}>
                      <Marked parts={h.titleHighlights} fallback={h.title} />
                    </Link>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[statusOf(h), h.category, h.placeName, day(h.createdAt)].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Space>
              </Space>
          )}
        />
      )}
    </Card>
  );
}
