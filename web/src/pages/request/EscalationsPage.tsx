import { Link, useSearchParams } from 'react-router-dom';
import { Card, Space, Table, Tabs, Typography } from 'antd';
import { ESCALATION_KINDS, type EscalationKind } from '@server/modules/request/request.schema';
import { StatusTag, minute } from './requestTags';
import { useEscalations, type EscalationView } from './requestApi';

const TAB_LABELS: Record<EscalationKind, string> = { opinion_report: '社情民意信息', proposal: '提案线索', topic: '协商议题线索' };
const HELP: Record<EscalationKind, string> = {
  opinion_report: '由群众诉求整理成的社情民意信息草稿，点击标题打开，由撰写委员修改后报送。',
  proposal: '值得写成提案的群众诉求。委员撰写提案时可参考这些线索和诉求原文。',
  topic: '适合拿来协商的群众诉求，供制定年度协商计划、选择小微协商议题时选用。',
};

/** 转化与议题线索: the concerns taken further, by kind, each with the concerns it came from. */
export function EscalationsPage() {
  const [params, setParams] = useSearchParams();
  const kind = (ESCALATION_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as EscalationKind) : 'opinion_report';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const { data, isFetching } = useEscalations({ kind, page, pageSize });
  const set = (p: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(p)) if (v === undefined) next.delete(k);
      else next.set(k, String(v));
      return next;
    }, { replace: true });

  return (
    <Card title="转化与议题线索">
      <Tabs activeKey={kind} onChange={(k) => set({ kind: k, page: undefined })} items={ESCALATION_KINDS.map((k) => ({ key: k, label: TAB_LABELS[k] }))} style={{ marginTop: -12 }} />
      <Typography.Paragraph type="secondary">{HELP[kind]} 在“诉求办理”列表中勾选几条相似诉求，或在诉求详情页点“转化”，即可加入这里。</Typography.Paragraph>
      <Table<EscalationView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: `还没有${TAB_LABELS[kind]}` }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => set({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
        }}
        columns={[
          {
            title: '标题',
            key: 'title',
            width: 280,
            render: (_, e) => (
              <Space orientation="vertical" size={2}>
                {e.kind === 'opinion_report' && e.targetId ? <Link to={`/opinion-reports/${e.targetId}`}>{e.title}</Link> : <Typography.Text strong>{e.title}</Typography.Text>}
                {e.note && <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: e.note }}>{e.note}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '来自诉求',
            key: 'requests',
            render: (_, e) => (
              <Space orientation="vertical" size={2}>
                {e.requests.map((r) => (
                  <Space key={r.id} size={6}>
                    <Link to={`/requests/${r.id}`}>
                      <Typography.Text code>{r.code}</Typography.Text>
                    </Link>
                    <Link to={`/requests/${r.id}`}>{r.title}</Link>
                    <StatusTag status={r.status} />
                  </Space>
                ))}
              </Space>
            ),
          },
          { title: '转化人', dataIndex: 'createdBy', width: 100, render: (n: string | null) => n ?? '—' },
          { title: '转化时间', dataIndex: 'createdAt', width: 150, render: (t: string) => minute(t) },
        ]}
      />
    </Card>
  );
}
