import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CHILD_LEVEL, ORG_LEVEL_LABELS, type OrgCreateBody, type OrgDetail, type OrgSettings, type OrgView } from '@server/modules/org/org.schema';
import type { Page } from '@server/core/pagination';
import { get, patch, post } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';

export function OrgPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data: org } = useQuery({ queryKey: ['org', 'current'], queryFn: () => get<OrgDetail>('/api/orgs/current') });
  const [childPage, setChildPage] = useState(1);
  const { data: children } = useQuery({
    queryKey: ['org', 'children', childPage],
    queryFn: () => get<Page<OrgView>>('/api/orgs/children', { page: childPage, pageSize: 20 }),
  });
  const [settingsForm] = Form.useForm<OrgSettings>();
  const [childForm] = Form.useForm<OrgCreateBody>();
  const [creating, setCreating] = useState(false);
  const saveSettings = useMutation({
    mutationFn: (b: Partial<OrgSettings>) => patch<OrgDetail>('/api/orgs/current/settings', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['org'] }).then(() => qc.invalidateQueries({ queryKey: ['me'] })),
  });
  const createChild = useMutation({
    mutationFn: (b: OrgCreateBody) => post<OrgView>('/api/orgs/children', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['org'] }).then(() => qc.invalidateQueries({ queryKey: ['me'] })),
  });
  if (!org) return null;
  const childLevel = CHILD_LEVEL[org.level];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1000 }}>
      <Card title="本组织">
        <Descriptions column={2} size="small">
          <Descriptions.Item label="全称">{org.name}</Descriptions.Item>
          <Descriptions.Item label="简称">{org.shortName}</Descriptions.Item>
          <Descriptions.Item label="级别">{ORG_LEVEL_LABELS[org.level]}</Descriptions.Item>
          <Descriptions.Item label="行政区划代码">{org.regionCode}</Descriptions.Item>
          <Descriptions.Item label="上级组织">{org.parentName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="安全设置">
        <Form
          form={settingsForm}
          layout="inline"
          initialValues={org.settings}
          onFinish={async (v) => {
            try {
              await saveSettings.mutateAsync(v);
              message.success('设置已保存');
            } catch (e) {
              showApiError(settingsForm, e, message.error);
            }
          }}
        >
          <Form.Item name="idleTimeoutMinutes" label="空闲超时（分钟）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={480} />
          </Form.Item>
          <Form.Item name="auditRetentionDays" label="审计日志保留期（天，不少于 180）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={3650} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saveSettings.isPending}>保存</Button>
        </Form>
      </Card>
      {childLevel && (
        <Card
          title={`下级组织（${ORG_LEVEL_LABELS[childLevel]}）`}
          extra={<Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建下级组织</Button>}
        >
          <Table<OrgView>
            rowKey="id"
            size="small"
            dataSource={children?.items}
            pagination={{ current: childPage, pageSize: 20, total: children?.total, hideOnSinglePage: true, onChange: setChildPage }}
            columns={[
              { title: '全称', dataIndex: 'name' },
              { title: '简称', dataIndex: 'shortName' },
              { title: '行政区划代码', dataIndex: 'regionCode' },
            ]}
          />
          <Modal
            open={creating}
            title="新建下级组织"
            okText="创建"
            destroyOnHidden
            onCancel={() => setCreating(false)}
            onOk={async () => {
              const v = await validValues(childForm);
              if (!v) return;
              try {
                await createChild.mutateAsync(v);
                setCreating(false);
                message.success('已创建；您已成为该组织的管理员，可在右上角切换过去为其建立账号');
              } catch (e) {
                showApiError(childForm, e, message.error);
              }
            }}
          >
            <Form form={childForm} layout="vertical" preserve={false}>
              <Form.Item name="name" label="全称" rules={[{ required: true, message: '请填写全称' }]}>
                <Input placeholder="如 中国人民政治协商会议远安县委员会" />
              </Form.Item>
              <Form.Item name="shortName" label="简称" rules={[{ required: true, message: '请填写简称' }]}>
                <Input placeholder="如 远安县政协" />
              </Form.Item>
              <Form.Item name="regionCode" label="行政区划代码" rules={[{ required: true, message: '请填写行政区划代码' }]}>
                <Input placeholder="6 位数字，如 420525" maxLength={6} />
              </Form.Item>
            </Form>
            <Typography.Text type="secondary">创建后您自动成为该组织的管理员。</Typography.Text>
          </Modal>
        </Card>
      )}
    </Space>
  );
}
