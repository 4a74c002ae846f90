import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Dropdown, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { PROPOSAL_KIND_LABELS, PROPOSAL_KINDS, PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES, type ProposalScope, type ProposalStatus } from '@server/modules/proposal/proposal.schema';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { ProposalForm } from './ProposalForm';
import { compilationUrl, exportUrl, useMyUnit, useProposalRules, useProposals, useUnits, type ProposalFilters, type ProposalListItem } from './proposalApi';
import { DueCell, formatDay, ProposalStatusTag, RatingSummary, UnitTags, useProposalRole } from './proposalTags';

interface TabDef {
  key: string;
  scope: ProposalScope;
  /** a fixed state within the scope (办理中) */
  status?: ProposalStatus;
  label: string;
  /** show how many wait there */
  count?: boolean;
  red?: boolean;
  empty: string;
}

const STAFF_TABS: TabDef[] = [
  { key: 'review', scope: 'review', label: '待审查', count: true, empty: '没有待审查的提案' },
  { key: 'board', scope: 'board', label: '待交办', count: true, empty: '没有待交办的提案' },
  { key: 'handling', scope: 'all', status: 'assigned', label: '办理中', empty: '没有办理中的提案' },
  { key: 'overdue', scope: 'overdue', label: '已超期', count: true, red: true, empty: '没有超期未答复的提案' },
  { key: 'objections', scope: 'objections', label: '异议与延期', count: true, empty: '没有待处理的异议和延期申请' },
  { key: 'key', scope: 'key', label: '重点提案', empty: '还没有重点提案' },
  { key: 'all', scope: 'all', label: '全部', empty: '没有符合条件的提案' },
];
const UNIT_TABS: TabDef[] = [
  { key: 'unit', scope: 'unit', label: '本单位承办', empty: '本单位暂无交办的提案' },
  { key: 'overdue', scope: 'overdue', label: '已超期', count: true, red: true, empty: '本单位没有超期未答复的提案' },
];
const LEADER_TABS: TabDef[] = [
  { key: 'supervised', scope: 'supervised', label: '我督办的', count: true, empty: '您还没有督办的重点提案' },
  { key: 'key', scope: 'key', label: '重点提案', empty: '还没有重点提案' },
  { key: 'all', scope: 'all', label: '全部', empty: '没有符合条件的提案' },
];
const MEMBER_TABS: TabDef[] = [
  { key: 'mine', scope: 'mine', label: '我的提案', empty: '您还没有提案，点右上角“写提案”开始' },
  { key: 'invitations', scope: 'invitations', label: '联名邀请', count: true, empty: '没有待答复的联名邀请' },
  { key: 'torate', scope: 'torate', label: '待测评', count: true, red: true, empty: '没有待测评的答复' },
];

const FILTER_KEYS = ['sessionId', 'kind', 'category', 'unitId', 'status', 'q'] as const;

/** 提案办理: the proposals the viewer works on, by what they have to do, with the session, type, category, unit and keyword filters. */
export function ProposalsPage() {
  const role = useProposalRole();
  const tabs = [
    ...(role.staff ? STAFF_TABS : []),
    ...(role.unit && !role.staff ? UNIT_TABS : []),
    ...(role.leader && !role.staff ? LEADER_TABS : []),
    ...(role.member ? MEMBER_TABS : []),
  ].filter((t, i, a) => a.findIndex((x) => x.key === t.key) === i);
  const [params, setParams] = useSearchParams();
  const tab = tabs.find((t) => t.key === params.get('tab')) ?? tabs[0];
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as ProposalFilters;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const scope = tab?.scope ?? 'all';
  const query: ProposalFilters = { ...filters, scope, ...(tab?.status ? { status: tab.status } : {}), page, pageSize };
  const { data, isFetching, error } = useProposals(query, !!tab);
  const { data: rules } = useProposalRules();
  const { data: units } = useUnits(!role.unit || role.staff);
  const { data: myUnit } = useMyUnit(role.unit);
  const [writing, setWriting] = useState(false);

  const counted = tabs.filter((t) => t.count);
  const counts = useQueries({
    queries: counted.map((t) => ({
      queryKey: ['proposals', 'list', { ...filters, scope: t.scope, page: 1, pageSize: 1 }],
      queryFn: () => get<Page<ProposalListItem>>('/api/proposals', { ...filters, scope: t.scope, page: 1, pageSize: 1 }),
      retry: false,
    })),
  });
  const countOf = (key: string) => counts[counted.findIndex((t) => t.key === key)]?.data?.total;

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

  if (!tab) return <Card title="提案办理">您的账号没有查看提案的角色。</Card>;

  const sessions = rules?.sessions ?? [];
  const unitScope = scope === 'unit' || (role.unit && !role.staff);
  const anyFilter = FILTER_KEYS.some((k) => filters[k]);
  /** before assignment there are no units, deadlines or ratings to show */
  const early = scope === 'review' || scope === 'board' || scope === 'invitations';
  const mine = (r: ProposalListItem) => (myUnit ? r.units.find((u) => u.unit.id === myUnit.id && u.status !== 'withdrawn') : undefined);

  const tabItems = tabs.map((t) => {
    const n = t.count ? countOf(t.key) : undefined;
    return {
      key: t.key,
      label: (
        <Space size={6}>
          <span style={t.red && n ? { color: '#cf1322' } : undefined}>{t.label}</span>
          {!!n && <Badge count={n} overflowCount={999} color={t.red ? '#cf1322' : '#faad14'} />}
        </Space>
      ),
    };
  });

  return (
    <Card
      title="提案办理"
      extra={
        <Space wrap>
          {role.member && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setWriting(true)}>
              写提案
            </Button>
          )}
          {(role.staff || role.leader) && (
            <Tooltip title="按当前标签和筛选条件导出提案清单（含状态、承办单位和测评结果）">
              <Button icon={<DownloadOutlined />} href={exportUrl(query)}>
                导出 Excel
              </Button>
            </Tooltip>
          )}
          {(role.staff || role.leader) && (
            <Dropdown
              disabled={!sessions.length}
              menu={{ items: sessions.map((s) => ({ key: s.id, label: <a href={compilationUrl(s.id)}>{s.name}{s.current ? '（本次）' : ''}</a> })) }}
            >
              <Button icon={<FileWordOutlined />}>会议提案汇编</Button>
            </Dropdown>
          )}
        </Space>
      }
    >
      <Tabs activeKey={tab.key} items={tabItems} onChange={(key) => update({ tab: key === tabs[0].key ? undefined : key })} style={{ marginTop: -12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          defaultValue={filters.q}
          placeholder="案由或提案号"
          style={{ width: 220 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder="会议"
          style={{ width: 170 }}
          value={filters.sessionId}
          options={sessions.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(sessionId) => update({ sessionId })}
        />
        <Select allowClear placeholder="类型" style={{ width: 120 }} value={filters.kind} options={PROPOSAL_KINDS.map((k) => ({ value: k, label: PROPOSAL_KIND_LABELS[k] }))} onChange={(kind) => update({ kind })} />
        <Select allowClear placeholder="分类" style={{ width: 140 }} value={filters.category} options={(rules?.rules.categories ?? []).map((c) => ({ value: c, label: c }))} onChange={(category) => update({ category })} />
        {!unitScope && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="承办单位"
            style={{ width: 180 }}
            value={filters.unitId}
            options={(units ?? []).map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name}（已停用）` }))}
            onChange={(unitId) => update({ unitId })}
          />
        )}
        {!tab.status && (scope === 'all' || scope === 'mine' || scope === 'key') && (
          <Select allowClear placeholder="状态" style={{ width: 140 }} value={filters.status} options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: PROPOSAL_STATUS_LABELS[s] }))} onChange={(status) => update({ status })} />
        )}
        {anyFilter && <Button type="link" onClick={() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>清除筛选</Button>}
      </Space>
      <Table<ProposalListItem>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        scroll={{ x: early ? 860 : 1060 }}
        locale={{ emptyText: error ? (error as Error).message : tab.empty }}
        onRow={(r) => ({ style: (unitScope ? mine(r)?.overdue : r.overdue) ? { background: '#fff1f0' } : undefined })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 件提案`,
          onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
        }}
        columns={[
          {
            title: '提案号',
            key: 'number',
            width: 92,
            render: (_, r) => (r.numberLabel ? <Link to={`/proposals/${r.id}`}>{r.numberLabel}</Link> : <Typography.Text type="secondary">未编号</Typography.Text>),
          },
          {
            title: '案由',
            dataIndex: 'title',
            ellipsis: true,
            render: (t: string, r) => (
              <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
                <Space size={4}>
                  <Link to={`/proposals/${r.id}`} title={t}>{t}</Link>
                  {r.keyStatus && <Tag color={r.keyStatus === 'approved' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>{r.keyStatus === 'approved' ? '重点' : '拟重点'}</Tag>}
                  {r.myInvitation === 'invited' && <Tag color="gold" style={{ marginInlineEnd: 0 }}>邀您联名</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.session.name} · {r.kindLabel}
                  {r.submittedAt ? ` · ${formatDay(r.submittedAt)} 提交` : ` · ${formatDay(r.createdAt)} 起草`}
                </Typography.Text>
              </Space>
            ),
          },
          { title: '提案人', dataIndex: 'proposerName', width: 110, ellipsis: true },
          { title: '分类', dataIndex: 'category', width: 96 },
          { title: '状态', key: 'status', width: 100, render: (_, r) => <ProposalStatusTag status={r.status} label={r.statusLabel} /> },
          ...(early
            ? []
            : [
                { title: '承办单位', key: 'units', width: 190, render: (_: unknown, r: ProposalListItem) => <UnitTags units={r.units} /> },
                {
                  title: '办理期限',
                  key: 'due',
                  width: 104,
                  render: (_: unknown, r: ProposalListItem) => {
                    const a = unitScope ? mine(r) : undefined;
                    if (a) return <DueCell dueOn={a.dueOn} overdue={a.overdue} open={a.status === 'handling' || a.status === 'objected'} />;
                    return <DueCell dueOn={r.dueOn} overdue={r.overdue} open={r.status === 'assigned'} />;
                  },
                },
                { title: '满意度', key: 'ratings', width: 110, render: (_: unknown, r: ProposalListItem) => <RatingSummary r={r.ratings} /> },
              ]),
        ]}
      />
      <ProposalForm open={writing} onClose={() => setWriting(false)} />
    </Card>
  );
}
