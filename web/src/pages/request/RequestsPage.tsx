import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import { NodeExpandOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { useMe } from '../../api/session';
import { EscalateModal, type ConcernRef } from './EscalateModal';
import { RequestFilterBar } from './RequestFilterBar';
import { DueCell, PublishTag, RatingTag, StatusTag, day } from './requestTags';
import { useRequests, type RequestFilters, type RequestRowView } from './requestApi';

/** The quick filters over the concern's state; the counts of those that need someone to act are shown. */
const TABS: { key: string; label: string; q: Partial<RequestFilters>; count?: boolean }[] = [
  { key: 'all', label: '全部', q: {} },
  { key: 'new', label: '待认领', q: { status: 'new' }, count: true },
  { key: 'claimed', label: '办理中', q: { status: 'claimed' } },
  { key: 'overdue', label: '已超期', q: { overdue: 'true' }, count: true },
  { key: 'answered', label: '已答复待评价', q: { status: 'answered' }, count: true },
  { key: 'reopened', label: '重新办理（不满意）', q: { status: 'reopened' }, count: true },
  { key: 'closed', label: '已办结', q: { status: 'closed' } },
  { key: 'review', label: '待审核公开', q: { status: 'done', publishState: 'unreviewed' }, count: true },
];
const FILTER_KEYS = ['q', 'categoryId', 'placeId', 'groupId', 'from', 'to'] as const;

/** 诉求办理: every concern of the org, filtered by state, category, place, group, date and words; several can be converted together. */
export function RequestsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('request.manage');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.key === params.get('tab')) ?? TABS[0];
  const filters: RequestFilters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as RequestFilters;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const query: RequestFilters = { ...filters, ...tab.q, page, pageSize };
  const { data, isFetching } = useRequests(query);
  const counts = useQueries({
    queries: TABS.filter((t) => t.count).map((t) => ({
      queryKey: ['requests', 'list', { ...filters, ...t.q, page: 1, pageSize: 1 }],
      queryFn: () => get<Page<RequestRowView>>('/api/requests', { ...filters, ...t.q, page: 1, pageSize: 1 }),
    })),
  });
  const countOf = (key: string) => counts[TABS.filter((t) => t.count).findIndex((t) => t.key === key)]?.data?.total;
  const [selected, setSelected] = useState<Map<string, RequestRowView>>(new Map());
  const [converting, setConverting] = useState<ConcernRef[] | null>(null);

  const update = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const tabItems = TABS.map((t) => {
    const n = t.count ? countOf(t.key) : undefined;
    return {
      key: t.key,
      label: (
        <Space size={6}>
          <span style={t.key === 'overdue' && n ? { color: '#cf1322' } : undefined}>{t.label}</span>
          {!!n && <Badge count={n} overflowCount={999} color={t.key === 'overdue' || t.key === 'reopened' ? '#cf1322' : '#faad14'} />}
        </Space>
      ),
    };
  });

  return (
    <Card
      title="诉求办理"
      extra={
        canManage && (
          <Tooltip title="把几条相似的诉求一起转为社情民意信息、提案线索或协商议题候选">
            <Button
              icon={<NodeExpandOutlined />}
              disabled={!selected.size}
              onClick={() => setConverting([...selected.values()].map((r) => ({ id: r.id, code: r.code, title: r.title, member: r.member })))}
            >
              转化所选{selected.size ? `（${selected.size} 条）` : ''}
            </Button>
          </Tooltip>
        )
      }
    >
      <Tabs activeKey={tab.key} items={tabItems} onChange={(key) => update({ tab: key === 'all' ? undefined : key })} style={{ marginTop: -12 }} />
      <RequestFilterBar query={filters} onChange={update} />
      <Table<RequestRowView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: 1080 }}
        locale={{ emptyText: tab.key === 'overdue' ? '没有超期未答复的诉求' : '没有符合条件的诉求' }}
        rowSelection={
          canManage
            ? {
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (keys, rows) =>
                  setSelected((prev) => {
                    const all = new Map([...prev, ...rows.filter(Boolean).map((r) => [r.id, r] as const)]);
                    return new Map(keys.map((k) => [String(k), all.get(String(k))!]).filter(([, r]) => r) as [string, RequestRowView][]);
                  }),
              }
            : undefined
        }
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条诉求`,
          onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
        }}
        columns={[
          { title: '查询码', dataIndex: 'code', width: 110, render: (code: string, r) => <Link to={`/requests/${r.id}`}><Typography.Text code>{code}</Typography.Text></Link> },
          {
            title: '标题',
            dataIndex: 'title',
            ellipsis: true,
            render: (t: string, r) => (
              <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
                <Link to={`/requests/${r.id}`} title={t}>{t}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{day(r.createdAt)} 提交{r.reopenCount ? ` · 重新办理 ${r.reopenCount} 次` : ''}</Typography.Text>
              </Space>
            ),
          },
          { title: '分类', key: 'category', width: 90, render: (_, r) => r.category.name },
          { title: '地点', key: 'place', width: 140, ellipsis: true, render: (_, r) => r.place.fullName },
          {
            title: '小组 / 委员',
            key: 'routing',
            width: 140,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                {r.group ? r.group.name : <Typography.Text type="warning">未分派小组</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.member ? `${r.member.name}委员` : r.status === 'new' || r.status === 'reopened' ? '待认领' : '未指定委员'}{r.committee ? ` · ${r.committee.name}` : ''}</Typography.Text>
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 96, render: (s: RequestRowView['status']) => <StatusTag status={s} /> },
          { title: '答复期限', key: 'due', width: 110, render: (_, r) => <DueCell r={r} /> },
          { title: '评价', dataIndex: 'rating', width: 84, render: (x: RequestRowView['rating']) => <RatingTag rating={x} /> },
          { title: '公开', dataIndex: 'publishState', width: 80, render: (s: RequestRowView['publishState']) => <PublishTag state={s} /> },
        ]}
      />
      <EscalateModal concerns={converting} onClose={() => setConverting(null)} onDone={() => setSelected(new Map())} />
    </Card>
  );
}
