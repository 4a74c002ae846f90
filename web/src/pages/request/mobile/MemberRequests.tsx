import { useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, DotLoading, ErrorBlock, InfiniteScroll, NavBar, PullToRefresh, Tabs } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { RequestCard } from './RequestCard';
import { SEGMENTS, useRequestSegment, useSegmentCount, type SegmentKey } from './memberRequestApi';

const EMPTY: Record<SegmentKey, string> = {
  unclaimed: '本小组暂无待认领的诉求',
  mine: '您手上暂无待办理的诉求',
  answered: '暂无已答复、等待群众评价的诉求',
  all: '本小组暂无群众诉求',
};

/** 诉求 tab: the concerns of my group and those given to me, in segments; the segment is kept in the address. */
export function MemberRequests() {
  const [params, setParams] = useSearchParams();
  const key = (SEGMENTS.find((s) => s.key === params.get('tab'))?.key ?? 'unclaimed') as SegmentKey;
  const unclaimed = useSegmentCount('unclaimed');
  const mine = useSegmentCount('mine');
  const badge = (k: SegmentKey) => (k === 'unclaimed' ? unclaimed.data : k === 'mine' ? mine.data : 0) || null;
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 72 }}>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff' }}>
        <NavBar back={null}>群众诉求</NavBar>
        <Tabs activeKey={key} onChange={(k) => setParams({ tab: k }, { replace: true })} style={{ '--title-font-size': '15px' }}>
          {SEGMENTS.map((s) => (
            <Tabs.Tab key={s.key} title={<Badge content={badge(s.key)} style={{ '--right': '-12px', '--top': '2px' }}>{s.title}</Badge>} />
          ))}
        </Tabs>
      </div>
      <Segment key={key} segment={key} />
    </div>
  );
}

function Segment({ segment }: { segment: SegmentKey }) {
  const navigate = useNavigate();
  const q = useRequestSegment(segment);
  if (q.isLoading) return <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>;
  if (q.error)
    return <ErrorBlock status="default" title="加载失败" description={q.error instanceof ApiError ? q.error.message : '请稍后重试'} style={{ padding: 32 }} />;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  return (
    <PullToRefresh onRefresh={() => q.refetch().then(() => undefined)}>
      {items.length ? (
        <>
          <div style={{ padding: '10px 16px 8px', color: '#999', fontSize: 13 }}>共 {total} 条</div>
          {items.map((r) => <RequestCard key={r.id} r={r} onClick={() => navigate(`/requests/${r.id}`)} />)}
          <InfiniteScroll hasMore={!!q.hasNextPage} loadMore={() => q.fetchNextPage().then(() => undefined)}>
            {q.hasNextPage ? <DotLoading /> : <span style={{ color: '#bbb' }}>没有更多了</span>}
          </InfiniteScroll>
        </>
      ) : (
        <ErrorBlock status="empty" title={EMPTY[segment]} description="群众提交的诉求会按村、社区转到负责的活动小组" style={{ padding: '48px 16px' }} />
      )}
    </PullToRefresh>
  );
}
