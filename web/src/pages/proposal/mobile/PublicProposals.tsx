import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { DotLoading, Empty, ErrorBlock, InfiniteScroll, NavBar, SearchBar, Tag } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { Clamp } from '../../request/resident/Clamp';
import { usePublicProposal, usePublicProposals, type PublicProposal } from './memberProposalApi';
import { day } from './proposalFormat';

/**
 * 提案办理公开 (no account): the proposals whose replies the office published, in full or as a summary,
 * with the unit and the reply's category. The API strips phone numbers; nothing here adds contact details.
 */
export function PublicProposals({ regionCode }: { regionCode: string }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = usePublicProposals(regionCode, q);
  const navigate = useNavigate();
  useEffect(() => {
    document.title = '提案办理公开';
  }, []);
  const total = list.data?.pages[0]?.total;
  const loadMore = async () => {
    const r = await list.fetchNextPage();
    if (r.isError) throw r.error;
  };
  return (
    <>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff' }}>
        <div style={{ padding: '12px 12px 8px', display: 'flex', alignItems: 'baseline', gap: 8 }}>
          <div style={{ fontSize: 18, fontWeight: 600 }}>提案办理公开</div>
          <div style={{ color: '#999', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>委员提案及承办单位答复</div>
        </div>
        <div style={{ padding: '0 12px 8px' }}>
          <SearchBar placeholder="搜索案由或提案号，如：养老、第0012号" value={typed} onChange={setTyped} onSearch={(v) => setQ(v.trim())} onClear={() => setQ('')} onCancel={() => setQ('')} />
        </div>
      </div>
      {total !== undefined && (
        <div style={{ padding: '10px 16px 0', color: '#888', fontSize: 13 }}>{q ? `“${q}”的搜索结果：${total} 件` : `共 ${total} 件已公开答复的提案`}</div>
      )}
      {list.error && !list.data ? (
        <ErrorBlock status="default" title="加载失败" description={list.error instanceof ApiError ? list.error.message : '请检查网络后重试'} />
      ) : (
        list.data?.pages.flatMap((p) => p.items).map((p) => <PublicProposalCard key={p.id} p={p} onOpen={() => navigate(`/r/${regionCode}/proposals/${p.id}`)} />)
      )}
      {total === 0 && <Empty description={q ? '没有找到相关的提案，换个词试试' : '暂无公开答复的提案'} style={{ padding: '48px 0' }} />}
      {list.isLoading && <div style={{ padding: 32, textAlign: 'center' }}><DotLoading /></div>}
      {list.data && total !== 0 && <InfiniteScroll loadMore={loadMore} hasMore={!!list.hasNextPage} />}
    </>
  );
}

/** One proposal in the public list: number, title, proposer, the first reply's unit, category and a few lines. */
function PublicProposalCard({ p, onOpen }: { p: PublicProposal; onOpen: () => void }) {
  const r = p.replies[0];
  return (
    <div role="button" onClick={onOpen} data-testid="public-proposal" style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#888' }}>
        <Tag color="primary" fill="outline">{p.category}</Tag>
        <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{p.session}{p.numberLabel ?? ''}</span>
      </div>
      <div style={{ fontSize: 16, fontWeight: 600, marginTop: 8, lineHeight: 1.5, wordBreak: 'break-all' }}>{p.title}</div>
      <div style={{ color: '#999', fontSize: 13, marginTop: 2 }}>提案者：{p.proposerName}</div>
      {r && (
        <div style={{ marginTop: 10, background: '#f7f7f7', borderRadius: 8, padding: '10px 12px' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap', fontSize: 13 }}>
            <span style={{ fontWeight: 600, color: '#b7261b' }}>{r.unit}答复</span>
            <span style={{ color: '#999' }}>{day(r.sentAt)}</span>
            {p.replies.length > 1 && <span style={{ color: '#999' }}>等 {p.replies.length} 份</span>}
          </div>
          {r.categoryLabel && <div style={{ fontSize: 13, color: '#555', marginTop: 2 }}>{r.categoryLabel}</div>}
          <div style={{ fontSize: 14, color: '#333', lineHeight: 1.7, marginTop: 4, display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 3, overflow: 'hidden', wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {r.text}
          </div>
        </div>
      )}
    </div>
  );
}

/** One published proposal: its suggestion and every published reply, full or summary. */
export function PublicProposalPage({ regionCode }: { regionCode: string }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: p, error, isLoading } = usePublicProposal(regionCode, id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate(`/r/${regionCode}/proposals`));
  return (
    <>
      <NavBar onBack={back} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>提案办理公开</NavBar>
      {isLoading && <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>}
      {error && <ErrorBlock status="default" title={error instanceof ApiError ? error.message : '加载失败'} description="这件提案可能尚未公开或已撤回公开" style={{ padding: '48px 16px' }} />}
      {p && (
        <>
          <div style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px' }}>
            <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
              <Tag color="primary" fill="outline">{p.category}</Tag>
              <Tag fill="outline">{p.session}{p.numberLabel ?? ''}</Tag>
            </div>
            <div style={{ fontSize: 18, fontWeight: 600, margin: '10px 0 4px', lineHeight: 1.5, wordBreak: 'break-all' }}>{p.title}</div>
            <div style={{ color: '#999', fontSize: 13 }}>提案者：{p.proposerName} · {day(p.publishedAt)} 公开</div>
          </div>
          {p.suggestion && (
            <div style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px' }}>
              <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>建议</div>
              <Clamp text={p.suggestion} rows={8} style={{ fontSize: 15, lineHeight: 1.8, color: '#333' }} />
            </div>
          )}
          {p.replies.map((r, i) => (
            <div key={i} data-testid="public-reply" style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px', borderTop: '3px solid #b7261b' }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                <span style={{ fontSize: 16, fontWeight: 600 }}>{r.unit}</span>
                <Tag fill="outline">{r.mode === 'full' ? '答复全文' : '答复摘要'}</Tag>
              </div>
              <div style={{ color: '#999', fontSize: 13, marginTop: 4 }}>{r.letterNo ? `${r.letterNo} · ` : ''}{day(r.sentAt)}</div>
              {r.categoryLabel && <div style={{ fontSize: 14, color: '#b7261b', marginTop: 6 }}>{r.categoryLabel}</div>}
              <div style={{ fontSize: 15, lineHeight: 1.8, marginTop: 8, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{r.text}</div>
            </div>
          ))}
          <div style={{ height: 16 }} />
        </>
      )}
    </>
  );
}
