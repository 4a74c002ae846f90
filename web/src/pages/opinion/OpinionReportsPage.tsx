import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { OPINION_STATUS_LABELS, OPINION_STATUSES, type OpinionListQuery, type OpinionStatus } from '@server/modules/opinion/opinion.schema';
import { useMe } from '../../api/session';
import { OpinionForm } from './OpinionForm';
import { useOpinionReports, type OpinionFilters, type OpinionListItem } from './opinionApi';
import { formatDay, OpinionStatusTag, RecordBadges } from './opinionTags';

type Tab = 'pending' | 'forwarded' | 'all' | 'mine';
const TAB_QUERY: Record<Tab, Pick<OpinionListQuery, 'scope' | 'status'>> = {
  pending: { scope: 'org', status: 'submitted' },
  forwarded: { scope: 'forwarded' },
  all: { scope: 'org' },
  mine: { scope: 'mine' },
};

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

/**
 * 社情民意信息: for staff and leaders the office's queue (待处理), the reports lower committees forwarded
 * (下级报送) and all of the org's; for a member the reports they wrote or co-signed, and 写信息.
 */
export function OpinionReportsPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const roles = me?.currentOrg?.roles ?? [];
  const readsOrg = roles.some((r) => r === 'admin' || r === 'staff' || r === 'leader');
  const canWrite = !!me?.permissions.includes('opinion.write');
  const [params, setParams] = useSearchParams();
  const tabs: Tab[] = readsOrg ? ['pending', 'forwarded', 'all', ...(canWrite ? (['mine'] as const) : [])] : ['mine'];
  const tab = tabs.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : tabs[0];
  const [filters, setFilters] = useState<OpinionFilters>({ page: 1, pageSize: 20 });
  const [writing, setWriting] = useState(false);
  const query: OpinionFilters = { ...filters, ...TAB_QUERY[tab], ...(tab === 'pending' ? {} : { status: filters.status }) };
  const { data, isFetching } = useOpinionReports(query);
  const { data: pending } = useOpinionReports({ scope: 'org', status: 'submitted', pageSize: 1 }, readsOrg);
  const { data: forwardedPending } = useOpinionReports({ scope: 'forwarded', status: 'forwarded', pageSize: 1 }, readsOrg);
  const filter = (patch: OpinionFilters) => setFilters((p) => ({ ...p, ...patch, page: 1 }));
  const here = me?.currentOrg?.id;

  const label = (t: Tab) =>
    ({
      pending: <Badge count={pending?.total} size="small" offset={[8, -2]}>待处理</Badge>,
      forwarded: <Badge count={forwardedPending?.total} size="small" offset={[8, -2]}>下级报送</Badge>,
      all: '全部',
      mine: '我撰写的',
    })[t];

  return (
    <Card
      title={readsOrg ? '社情民意信息' : '我的社情民意信息'}
      extra={canWrite && <Button type="primary" icon={<EditOutlined />} onClick={() => setWriting(true)}>写信息</Button>}
    >
      {tabs.length > 1 && (
        <Tabs
          activeKey={tab}
          onChange={(t) => {
            setParams({ tab: t }, { replace: true });
            setFilters((p) => ({ ...p, page: 1, status: undefined }));
          }}
          items={tabs.map((t) => ({ key: t, label: label(t) }))}
        />
      )}
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="标题或作者姓名" style={{ width: 240 }} onSearch={(q) => filter({ q: q || undefined })} />
        {tab !== 'pending' && (
          <Select<OpinionStatus>
            allowClear
            placeholder="状态"
            style={{ width: 130 }}
            value={filters.status}
            options={OPINION_STATUSES.filter((s) => tab === 'mine' || s !== 'draft').map((s) => ({ value: s, label: OPINION_STATUS_LABELS[s] }))}
            onChange={(status) => filter({ status })}
          />
        )}
        <Select<number> allowClear placeholder="年度" style={{ width: 110 }} value={filters.year} options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} onChange={(year) => filter({ year })} />
      </Space>
      <Table<OpinionListItem>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: emptyText(tab, canWrite) }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/opinion-reports/${r.id}`) })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setFilters((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          {
            title: '标题',
            key: 'title',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/opinion-reports/${r.id}`}>{r.title}</Link>
                {r.org.id !== here && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.org.name}报送</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '作者',
            key: 'authors',
            width: 240,
            render: (_, r) => (
              <span>
                {r.authors[0]?.name}
                {r.authors.length > 1 && <Typography.Text type="secondary">（联名：{r.authors.slice(1).map((a) => a.name).join('、')}）</Typography.Text>}
              </span>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <OpinionStatusTag status={r.status} label={r.status === 'forwarded' && r.forwardedTo?.id === here ? '待本级处理' : r.statusLabel} />
                {r.status === 'forwarded' && r.forwardedTo && r.forwardedTo.id !== here && <Typography.Text type="secondary" style={{ fontSize: 12 }}>转报{r.forwardedTo.name}</Typography.Text>}
              </Space>
            ),
          },
          { title: '采用与批示', key: 'records', width: 190, render: (_, r) => <RecordBadges r={r} /> },
          { title: '报送日期', key: 'submittedAt', width: 110, render: (_, r) => (r.submittedAt ? formatDay(r.submittedAt) : <Typography.Text type="secondary">未报送</Typography.Text>) },
          { title: '处理日期', key: 'decidedAt', width: 110, render: (_, r) => formatDay(r.decidedAt) },
        ]}
      />
      <OpinionForm open={writing} report={null} onClose={() => setWriting(false)} onSaved={(r) => navigate(`/opinion-reports/${r.id}`)} />
    </Card>
  );
}

function emptyText(tab: Tab, canWrite: boolean) {
  if (tab === 'pending') return '没有待处理的信息';
  if (tab === 'forwarded') return '下级政协尚未转报信息';
  if (tab === 'mine') return canWrite ? '您还没有撰写社情民意信息，点击右上角“写信息”开始' : '暂无信息';
  return '暂无信息';
}
