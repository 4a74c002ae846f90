import { Link } from 'react-router-dom';
import { Button, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { BranchesOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { STATUS_LABELS, type RequestStatus } from '@server/modules/request/request.schema';
import { OPINION_STATUS_LABELS, type OpinionStatus } from '@server/modules/opinion/opinion.schema';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { formatDay } from '../opinion/opinionTags';
import { SEARCH_KIND_LABELS } from '@server/modules/search/search.schema';
import { itemPath, useSimilarItems, type SearchHit, type SearchKind, type TextSegments } from './searchApi';

/** The API's pieces of text; the matched words as <mark> (never HTML from the server). */
export function Highlighted({ segments, fallback }: { segments: TextSegments; fallback?: string }) {
  if (!segments.length) return <>{fallback ?? ''}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} style={{ background: '#fff1b8', color: '#b7261b', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** 待认领 / 已采用 …: the label of a concern's or a report's state. */
export const statusLabel = (kind: SearchKind, status: string) =>
  (kind === 'request' ? STATUS_LABELS[status as RequestStatus] : OPINION_STATUS_LABELS[status as OpinionStatus]) ?? status;

const STATUS_COLORS: Record<string, string> = {
  new: 'orange',
  claimed: 'processing',
  reopened: 'red',
  answered: 'success',
  closed: 'default',
  submitted: 'processing',
  returned: 'warning',
  adopted: 'success',
  forwarded: 'cyan',
  declined: 'default',
};

/** One result: the highlighted title (a link to the item), its kind, state, category, place and date, the snippet. */
export function SearchHitItem({ hit, onSimilar }: { hit: SearchHit; onSimilar?: (h: SearchHit) => void }) {
  const { data: me } = useMe();
  const readsRequests = !!me?.permissions.includes('request.read');
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Space size={8} wrap>
            <Tag color={hit.kind === 'request' ? 'volcano' : 'geekblue'} style={{ marginInlineEnd: 0 }}>{SEARCH_KIND_LABELS[hit.kind]}</Tag>
            {hit.kind === 'request' && !readsRequests ? (
              // members answer concerns on the phone pages
              <a href={`/m/requests/${hit.refId}`} style={{ fontSize: 15 }}>
                <Highlighted segments={hit.titleHighlights} fallback={hit.title} />
              </a>
            ) : (
              <Link to={itemPath(hit.kind, hit.refId)} style={{ fontSize: 15 }}>
                <Highlighted segments={hit.titleHighlights} fallback={hit.title} />
              </Link>
            )}
          </Space>
        }
        description={
          <>
            <div style={{ margin: '2px 0 6px', color: '#434343', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
              <Highlighted segments={hit.snippetHighlights} fallback={hit.snippet} />
            </div>
            <Space size={12} wrap style={{ fontSize: 12 }}>
              <Tag color={STATUS_COLORS[hit.status]} style={{ marginInlineEnd: 0 }}>{statusLabel(hit.kind, hit.status)}</Tag>
              {hit.category && <Typography.Text type="secondary">{hit.category}</Typography.Text>}
              {hit.placeName && (
                <Typography.Text type="secondary">
                  <EnvironmentOutlined /> {hit.placeName}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">{formatDay(hit.createdAt)}</Typography.Text>
              {onSimilar && (
                <Button type="link" size="small" icon={<BranchesOutlined />} style={{ padding: 0, height: 'auto' }} onClick={() => onSimilar(hit)}>
                  相似
                </Button>
              )}
            </Space>
          </>
        }
      />
    </List.Item>
  );
}

/** 相似: items like the chosen one, best first, with the words they were matched on. */
export function SimilarDrawer({ item, onClose }: { item: SearchHit | null; onClose: () => void }) {
  const { data, isFetching, error } = useSimilarItems(item?.kind, item?.refId);
  return (
    <Drawer open={!!item} size={640} title={item ? `与《${item.title}》相似的内容` : '相似内容'} onClose={onClose}>
      {isFetching && !data ? (
        <Spin />
      ) : error ? (
        <Empty description={error instanceof ApiError ? error.message : '查找失败，请稍后重试'} />
      ) : (
        <>
          {!!data?.words.length && (
            <Typography.Paragraph type="secondary">
              按关键词匹配：{data.words.map((w) => <Tag key={w} style={{ marginInlineEnd: 4 }}>{w}</Tag>)}
            </Typography.Paragraph>
          )}
          <List dataSource={data?.items ?? []} locale={{ emptyText: '没有找到相似的诉求或信息' }} renderItem={(h) => <SearchHitItem key={`${h.kind}-${h.refId}`} hit={h} />} />
        </>
      )}
    </Drawer>
  );
}
