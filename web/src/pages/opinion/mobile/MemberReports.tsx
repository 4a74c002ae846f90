import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, InfiniteScroll, NavBar, PullToRefresh, Tabs } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { OPINION_STATUS_LABELS, OPINION_STATUSES, type OpinionStatus } from '@server/modules/opinion/opinion.schema';
import { ApiError } from '../../../api/client';
import { ReportCard } from './ReportCard';
import { useMyReports } from './memberOpinionApi';

const TAB_ORDER: OpinionStatus[] = ['draft', 'returned', 'submitted', 'adopted', 'forwarded', 'declined'];

/** 社情民意 tab: the reports I wrote or co-signed, by status; a button to write a new one. */
export function MemberReports() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab = params.get('status');
  const status = (OPINION_STATUSES as readonly string[]).includes(tab ?? '') ? (tab as OpinionStatus) : undefined;
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 72 }}>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff' }}>
        <NavBar back={null} right={<Button size="small" color="primary" fill="none" onClick={() => navigate('/reports/new')}><AddOutline /> 撰写</Button>}>
          社情民意
        </NavBar>
        <Tabs activeKey={status ?? 'all'} onChange={(k) => setParams(k === 'all' ? {} : { status: k }, { replace: true })} style={{ '--title-font-size': '15px' }}>
          <Tabs.Tab key="all" title="全部" />
          {TAB_ORDER.map((s) => <Tabs.Tab key={s} title={OPINION_STATUS_LABELS[s]} />)}
        </Tabs>
      </div>
      <ReportList key={status ?? 'all'} status={status} />
    </div>
  );
}

function ReportList({ status }: { status: OpinionStatus | undefined }) {
  const navigate = useNavigate();
  const q = useMyReports(status);
  if (q.isLoading) return <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>;
  if (q.error) return <ErrorBlock status="default" title="加载失败" description={q.error instanceof ApiError ? q.error.message : '请稍后重试'} style={{ padding: 32 }} />;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  if (!items.length)
    return (
      <ErrorBlock status="empty" title={status ? `暂无“${OPINION_STATUS_LABELS[status]}”的信息` : '您还没有撰写社情民意信息'} description="把走访中了解到的群众意见写成信息报送政协" style={{ padding: '48px 16px' }}>
        <Button color="primary" onClick={() => navigate('/reports/new')}>撰写社情民意信息</Button>
      </ErrorBlock>
    );
  return (
    <PullToRefresh onRefresh={() => q.refetch().then(() => undefined)}>
      <div style={{ padding: '10px 16px 8px', color: '#999', fontSize: 13 }}>共 {total} 篇</div>
      {items.map((r) => <ReportCard key={r.id} r={r} onClick={() => navigate(`/reports/${r.id}`)} />)}
      <InfiniteScroll hasMore={!!q.hasNextPage} loadMore={() => q.fetchNextPage().then(() => undefined)}>
        {q.hasNextPage ? <DotLoading /> : <span style={{ color: '#bbb' }}>没有更多了</span>}
      </InfiniteScroll>
    </PullToRefresh>
  );
}
