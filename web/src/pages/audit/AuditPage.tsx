import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { AUDIT_ACTIONS, type AuditEntryView, type AuditListQuery } from '@server/modules/audit/audit.schema';
import type { Page } from '@server/core/pagination';
import { get, withQuery } from '../../api/client';

const actionOptions = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
const json = (v: unknown) => (v == null ? null : <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(v, null, 2)}</pre>);

export function AuditPage() {
  const [query, setQuery] = useState<Partial<AuditListQuery>>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({
    queryKey: ['audit', query],
    queryFn: () => get<Page<AuditEntryView>>('/api/audit', query),
    placeholderData: (prev) => prev,
  });
  const filters = { ...query, page: undefined, pageSize: undefined };

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<DownloadOutlined />} href={withQuery('/api/audit/export', filters)}>
          按当前筛选导出 Excel
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        记录本组织的每一次写操作、每一次登录（成功与失败）和每一次查看完整个人信息。日志只能追加，不能修改；超过保留期的条目由系统定期清理。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select allowClear showSearch optionFilterProp="label" placeholder="操作类型" style={{ width: 180 }} options={actionOptions}
          onChange={(action) => setQuery((p) => ({ ...p, action, page: 1 }))} />
        <Input.Search allowClear placeholder="操作人" style={{ width: 160 }} onSearch={(actor) => setQuery((p) => ({ ...p, actor: actor || undefined, page: 1 }))} />
        <Input.Search allowClear placeholder="内容关键词" style={{ width: 200 }} onSearch={(q) => setQuery((p) => ({ ...p, q: q || undefined, page: 1 }))} />
        <DatePicker.RangePicker
          onChange={(r) =>
            setQuery((p) => ({ ...p, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD'), page: 1 }))
          }
        />
      </Space>
      <Table<AuditEntryView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null,
          expandedRowRender: (r) => (
            <Space align="start" size={48}>
              <div><Typography.Text strong>变更前</Typography.Text>{json(r.before) ?? <div>—</div>}</div>
              <div><Typography.Text strong>变更后</Typography.Text>{json(r.after) ?? <div>—</div>}</div>
            </Space>
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '操作', dataIndex: 'actionLabel', width: 140 },
          { title: '内容', dataIndex: 'summary' },
          { title: 'IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Card>
  );
}
