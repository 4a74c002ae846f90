import { useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, DotLoading, ErrorBlock, InfiniteScroll, NavBar, PullToRefresh, Tabs } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { ApiError } from '../../../api/client';
import { ProposalCard } from './ProposalCard';
import { SEGMENTS, useProposalCount, useProposalSegment, type SegmentKey } from './memberProposalApi';

const EMPTY: Record<SegmentKey, { title: string; description: string }> = {
  mine: { title: '您还没有提案', description: '围绕全县中心工作和群众关切撰写提案，一事一案' },
  invitations: { title: '暂无联名邀请', description: '其他委员邀请您联名时会出现在这里' },
  torate: { title: '暂无待测评的答复', description: '承办单位答复后，请对办理工作和办理结果进行测评' },
};

/** 提案 tab: my proposals, invitations to co-sign and replies waiting for my rating; the segment is kept in the address. */
export function MemberProposals() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const key = (SEGMENTS.find((s) => s.key === params.get('tab'))?.key ?? 'mine') as SegmentKey;
  const invitations = useProposalCount('invitations');
  const torate = useProposalCount('torate');
  const badge = (k: SegmentKey) => (k === 'invitations' ? invitations.data : k === 'torate' ? torate.data : 0) || null;
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 72 }}>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff' }}>
        <NavBar back={null} right={<Button size="small" color="primary" fill="none" onClick={() => navigate('/proposals/new')}><AddOutline /> 撰写</Button>}>
          提案
        </NavBar>
        <Tabs activeKey={key} onChange={(k) => setParams(k === 'mine' ? {} : { tab: k }, { replace: true })} style={{ '--title-font-size': '15px' }}>
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
  const q = useProposalSegment(segment);
  if (q.isLoading) return <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>;
  if (q.error) return <ErrorBlock status="default" title="加载失败" description={q.error instanceof ApiError ? q.error.message : '请稍后重试'} style={{ padding: 32 }} />;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  if (!items.length)
    return (
      <ErrorBlock status="empty" title={EMPTY[segment].title} description={EMPTY[segment].description} style={{ padding: '48px 16px' }}>
        {segment === 'mine' && <Button color="primary" onClick={() => navigate('/proposals/new')}>撰写提案</Button>}
      </ErrorBlock>
    );
  return (
    <PullToRefresh onRefresh={() => q.refetch().then(() => undefined)}>
      <div style={{ padding: '10px 16px 8px', color: '#999', fontSize: 13 }}>共 {total} 件</div>
      {items.map((p) => <ProposalCard key={p.id} p={p} invitation={segment === 'invitations'} onClick={() => navigate(`/proposals/${p.id}`)} />)}
      <InfiniteScroll hasMore={!!q.hasNextPage} loadMore={() => q.fetchNextPage().then(() => undefined)}>
        {q.hasNextPage ? <DotLoading /> : <span style={{ color: '#bbb' }}>没有更多了</span>}
      </InfiniteScroll>
    </PullToRefresh>
  );
}
