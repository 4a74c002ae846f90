import { useState } from 'react';
import { App, Button, Card, Dropdown, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined, MoreOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AccountListQuery } from '@server/modules/account/account.schema';
import { ROLE_LABELS } from '@server/modules/account/account.schema';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { AccountFormModal, roleOptions, showTemporaryPassword, type AccountFormValues } from './AccountForms';
import { revealPhone, useAccountActions, useAccounts, type AccountView } from './accountApi';

const STATUS: Record<AccountView['status'], { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  locked: { label: '已锁定', color: 'orange' },
  disabled: { label: '已停用', color: 'default' },
};

function PhoneCell({ a }: { a: AccountView }) {
  const [full, setFull] = useState<string | null>(null);
  const { message } = App.useApp();
  if (!a.phoneMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4}>
      <span>{full ?? a.phoneMasked}</span>
      {!full && (
        <Tooltip title="查看完整号码（将记入审计日志）">
          <Button
            type="text"
            size="small"
            icon={<EyeOutlined />}
            aria-label="查看完整手机号"
            onClick={() => revealPhone(a.id).then((r) => setFull(r.phone), (e: ApiError) => message.error(e.message))}
          />
        </Tooltip>
      )}
    </Space>
  );
}

export function AccountsPage() {
  const { data: me } = useMe();
  const [query, setQuery] = useState<Partial<AccountListQuery>>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useAccounts(query);
  const actions = useAccountActions();
  const { message, modal } = App.useApp();
  const [form, setForm] = useState<{ mode: 'create' | 'attach' | 'edit' | 'roles'; account?: AccountView } | null>(null);

  const run = async <T,>(p: Promise<T>, ok: string) => {
    try {
      const r = await p;
      message.success(ok);
      return r;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
      return undefined;
    }
  };

  const submit = async (v: AccountFormValues) => {
    if (!form) return;
    const a = form.account;
    if (form.mode === 'create') {
      const r = await actions.create.mutateAsync({ loginName: v.loginName!, displayName: v.displayName!, phone: v.phone || undefined, roles: v.roles ?? [] });
      setForm(null);
      showTemporaryPassword(modal, '账号已创建', `${r.account.displayName}（${r.account.loginName}）`, r.temporaryPassword);
    } else if (form.mode === 'attach') {
      const r = await actions.attach.mutateAsync({ identifier: v.identifier!, roles: v.roles ?? [] });
      setForm(null);
      message.success(`已将 ${r.displayName} 加入本组织`);
    } else if (form.mode === 'edit' && a) {
      await actions.update.mutateAsync({ id: a.id, displayName: v.displayName, ...(v.phone ? { phone: v.phone } : {}) });
      setForm(null);
      message.success('已保存');
    } else if (form.mode === 'roles' && a) {
      const r = await actions.setRoles.mutateAsync({ id: a.id, roles: v.roles ?? [] });
      setForm(null);
      message.success(r ? '角色已调整' : `已将 ${a.displayName} 移出本组织`);
    }
  };

  const rowMenu = (a: AccountView) => ({
    items: [
      { key: 'edit', label: '修改信息', onClick: () => setForm({ mode: 'edit', account: a }) },
      { key: 'roles', label: '调整角色', onClick: () => setForm({ mode: 'roles', account: a }) },
      {
        key: 'reset',
        label: '重置密码',
        onClick: () =>
          modal.confirm({
            title: `重置 ${a.displayName} 的密码？`,
            content: '将生成临时密码，本人已登录的会话会被退出，下次登录须修改密码。',
            okText: '重置',
            onOk: async () => {
              const r = await run(actions.resetPassword.mutateAsync(a.id), '密码已重置');
              if (r) showTemporaryPassword(modal, '密码已重置', `${a.displayName}（${a.loginName}）`, r.temporaryPassword);
            },
          }),
      },
      ...(a.status === 'locked' ? [{ key: 'unlock', label: '解除锁定', onClick: () => void run(actions.unlock.mutateAsync(a.id), '已解除锁定') }] : []),
      a.status === 'disabled'
        ? { key: 'enable', label: '启用账号', onClick: () => void run(actions.enable.mutateAsync(a.id), '已启用') }
        : {
            key: 'disable',
            label: '停用账号',
            danger: true,
            disabled: a.id === me?.account.id,
            onClick: () =>
              modal.confirm({
                title: `停用 ${a.displayName} 的账号？`,
                content: '停用后不能登录，已登录的会话立即失效；可随时重新启用。',
                okText: '停用',
                okButtonProps: { danger: true },
                onOk: () => run(actions.disable.mutateAsync(a.id), '已停用'),
              }),
          },
    ],
  });

  return (
    <Card
      title="账号与角色"
      extra={
        <Space>
          <Button icon={<UserAddOutlined />} onClick={() => setForm({ mode: 'attach' })}>添加已有账号</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })}>新建账号</Button>
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          placeholder="姓名、登录名或完整手机号"
          style={{ width: 260 }}
          onSearch={(q) => setQuery((p) => ({ ...p, q: q || undefined, page: 1 }))}
        />
        <Select allowClear placeholder="角色" style={{ width: 180 }} options={roleOptions} onChange={(role) => setQuery((p) => ({ ...p, role, page: 1 }))} />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))}
          onChange={(status) => setQuery((p) => ({ ...p, status, page: 1 }))}
        />
      </Space>
      <Table<AccountView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 个账号`,
          onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', width: 120 },
          { title: '登录名', dataIndex: 'loginName', width: 150 },
          { title: '手机号', key: 'phone', width: 170, render: (_, a) => <PhoneCell a={a} /> },
          { title: '本组织角色', dataIndex: 'roles', render: (roles: AccountView['roles']) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_, a) => (
              <Space size={4}>
                <Tag color={STATUS[a.status].color}>{STATUS[a.status].label}</Tag>
                {a.mustChangePassword && <Tag color="blue">待改初始密码</Tag>}
              </Space>
            ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '从未登录') },
          {
            title: '操作',
            key: 'ops',
            width: 70,
            render: (_, a) => (
              <Dropdown menu={rowMenu(a)} trigger={['click']}>
                <Button type="text" icon={<MoreOutlined />} aria-label={`${a.displayName}的操作`} />
              </Dropdown>
            ),
          },
        ]}
      />
      <AccountFormModal mode={form?.mode ?? null} account={form?.account} onCancel={() => setForm(null)} onSubmit={submit} />
    </Card>
  );
}
