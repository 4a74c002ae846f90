import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Dropdown, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { get, type ApiError } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import type { UnitAccountOption } from '@server/modules/unit/unit.schema';
import { revealUnitContact, UNIT_KIND_LABELS, UNIT_KINDS, useUnitActions, useUnits, type UnitView } from '../proposal/proposalApi';

interface UnitValues {
  name: string;
  shortName?: string;
  kind: UnitView['kind'];
  contactName?: string;
  contactPhone?: string;
  sort?: number;
  active: boolean;
}

const bodyOf = (u: UnitValues) => ({
  name: u.name,
  shortName: u.shortName ?? '',
  kind: u.kind,
  contactName: u.contactName ?? '',
  contactPhone: u.contactPhone ?? '',
  sort: u.sort ?? 0,
  active: u.active,
});
/** The form's values of a unit: its contact phone is held masked, so the field starts empty ("不修改请留空"). */
const valuesOf = (u: UnitView): UnitValues => ({ ...bodyOf({ ...u, contactPhone: '' }), shortName: u.shortName === u.name ? '' : u.shortName });

function UnitModal({ unit, onClose }: { unit: UnitView | null; onClose: () => void }) {
  const [form] = Form.useForm<UnitValues>();
  const { message } = App.useApp();
  const { create, update } = useUnitActions();
  const ok = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (unit) {
        // only what changed; the phone only when retyped
        const before = valuesOf(unit);
        const after = bodyOf(v);
        const changed = Object.fromEntries(Object.entries(after).filter(([k, x]) => (k === 'contactPhone' ? !!(x as string).trim() : x !== before[k as keyof UnitValues])));
        await update.mutateAsync({ id: unit.id, ...changed });
      } else await create.mutateAsync(bodyOf(v));
      message.success(unit ? '已保存' : `已添加承办单位“${v.name}”`);
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };
  return (
    <Modal open title={unit ? `修改承办单位：${unit.name}` : '添加承办单位'} okText="保存" onOk={ok} onCancel={onClose} okButtonProps={{ loading: create.isPending || update.isPending }} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" initialValues={unit ? valuesOf(unit) : { kind: 'government', sort: 0, active: true }}>
        <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { min: 2, message: '单位名称至少 2 个字' }]}>
          <Input maxLength={40} placeholder="如：远安县住房和城乡建设局" />
        </Form.Item>
        <Form.Item name="shortName" label="简称（可不填）" extra="列表和通知中使用，如：县住建局。">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" extra={unit?.contactPhone ? `当前：${unit.contactPhone}；不修改请留空` : undefined}>
            <Input maxLength={20} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="sort" label="排序（小的在前）">
            <InputNumber min={0} max={9999} precision={0} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="active" label="启用" valuePropName="checked" extra="停用的单位不再出现在交办的选项中，已有的办理记录保留。">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The org's 'unit' accounts to choose from, each with the unit it works for now. */
function useUnitAccountOptions() {
  const { data } = useQuery({ queryKey: ['unit-account-options'], queryFn: () => get<UnitAccountOption[]>('/api/units/account-options') });
  return useMemo(
    () => ({
      options: (data ?? []).map((a) => ({ id: a.id, label: `${a.displayName}（${a.loginName}）${a.disabled ? ' 已停用' : ''}` })),
      where: new Map((data ?? []).filter((a) => a.unit).map((a) => [a.id, a.unit!.name])),
      none: !!data && !data.length,
    }),
    [data],
  );
}

function AccountsModal({ unit, onClose }: { unit: UnitView; onClose: () => void }) {
  const { message } = App.useApp();
  const { setAccounts } = useUnitActions();
  const { options, where, none } = useUnitAccountOptions();
  const [ids, setIds] = useState(unit.accounts.map((a) => a.id));
  const ok = async () => {
    try {
      await setAccounts.mutateAsync({ id: unit.id, accountIds: ids });
      message.success('承办账号已保存');
      onClose();
    } catch (e) {
      showApiError(null, e, message.error);
    }
  };
  return (
    <Modal open title={`承办账号：${unit.name}`} okText="保存" onOk={ok} onCancel={onClose} okButtonProps={{ loading: setAccounts.isPending }} destroyOnHidden>
      <Typography.Paragraph type="secondary">关联后，这些账号登录即可看到交办给本单位的提案并办理答复。一个账号只属于一个单位，从其他单位调整过来的会自动解除原关联。</Typography.Paragraph>
      {none && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="还没有“承办单位”角色的账号：请系统管理员在“账号与角色”中创建。" />}
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={ids}
        onChange={setIds}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择“承办单位”角色的账号"
        options={options.map((o) => {
          const at = where.get(o.id);
          const elsewhere = at && !unit.accounts.some((a) => a.id === o.id);
          return { value: o.id, label: elsewhere ? `${o.label} · 现属${at}` : o.label };
        })}
      />
    </Modal>
  );
}

/** The contact person and the masked phone; the whole phone on request (an audited look-up). */
function UnitContactCell({ u }: { u: UnitView }) {
  const { message } = App.useApp();
  const [whole, setWhole] = useState<string | null>(null);
  if (!u.contactName && !u.contactPhone) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{u.contactName || '—'}</span>
      {u.contactPhone && (
        <Space size={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{whole ?? u.contactPhone}</Typography.Text>
          {!whole && (
            <Tooltip title="查看完整电话（将记入审计日志）">
              <Button
                type="text"
                size="small"
                icon={<EyeOutlined />}
                aria-label={`查看${u.name}的完整联系电话`}
                onClick={() => revealUnitContact(u.id).then((c) => setWhole(c.contactPhone), (e: ApiError) => message.error(e.message))}
              />
            </Tooltip>
          )}
        </Space>
      )}
    </Space>
  );
}

/** 承办单位: the departments proposals are assigned to, their contacts, accounts and open items. */
export function UnitsPage() {
  const { message, modal } = App.useApp();
  const { data: units, isFetching } = useUnits();
  const { update, remove } = useUnitActions();
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<UnitView | null | 'new'>(null);
  const [linking, setLinking] = useState<UnitView | null>(null);

  const rows = (units ?? []).filter((u) => (showInactive || u.active) && (!q || u.name.includes(q) || u.shortName.includes(q)));
  const toggle = (u: UnitView) =>
    update.mutateAsync({ id: u.id, active: !u.active }).then(
      () => message.success(u.active ? `已停用“${u.name}”` : `已重新启用“${u.name}”`),
      (e) => showApiError(null, e, message.error),
    );
  const del = (u: UnitView) =>
    modal.confirm({
      title: `删除承办单位“${u.name}”？`,
      content: '没有办理记录的单位将被删除；已有办理记录的改为停用，记录保留。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(u.id).then((r) => message.success(r.message), (e) => showApiError(null, e, message.error)),
    });

  return (
    <Card
      title="承办单位"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          添加承办单位
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="单位名称或简称" style={{ width: 220 }} onSearch={(v) => setQ(v.trim())} />
        <Switch checked={showInactive} onChange={setShowInactive} /> <span>显示已停用的单位</span>
      </Space>
      <Table<UnitView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
        locale={{ emptyText: '还没有承办单位，点右上角“添加承办单位”' }}
        onRow={(u) => ({ style: u.active ? undefined : { color: '#8c8c8c' } })}
        columns={[
          {
            title: '单位名称',
            key: 'name',
            render: (_, u) => (
              <Space orientation="vertical" size={0}>
                <Space size={6}>
                  <Typography.Text strong={u.active} type={u.active ? undefined : 'secondary'}>{u.name}</Typography.Text>
                  {!u.active && <Tag>已停用</Tag>}
                </Space>
                {u.shortName && u.shortName !== u.name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>简称：{u.shortName}</Typography.Text>}
              </Space>
            ),
          },
          { title: '类别', dataIndex: 'kindLabel', width: 110 },
          {
            title: '联系人',
            key: 'contact',
            width: 180,
            render: (_, u) => <UnitContactCell u={u} />,
          },
          {
            title: '承办账号',
            key: 'accounts',
            width: 240,
            render: (_, u) =>
              u.accounts.length ? (
                <Space size={[4, 4]} wrap>
                  {u.accounts.map((a) => <Tag key={a.id} color={a.disabled ? undefined : 'blue'}>{a.displayName}{a.disabled ? '（停用）' : ''}</Tag>)}
                </Space>
              ) : (
                <Typography.Text type="warning">未关联账号</Typography.Text>
              ),
          },
          {
            title: '在办',
            key: 'open',
            width: 110,
            render: (_, u) => (
              <Space size={4}>
                <span>{u.openAssignments} 件</span>
                {u.overdueAssignments > 0 && <Tag color="red">超期 {u.overdueAssignments}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 170,
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>修改</Button>
                <Button type="link" size="small" onClick={() => setLinking(u)}>账号</Button>
                <Dropdown
                  menu={{
                    items: [
                      { key: 'toggle', label: u.active ? '停用' : '重新启用' },
                      { key: 'delete', label: '删除', danger: true },
                    ],
                    onClick: ({ key }) => (key === 'toggle' ? void toggle(u) : del(u)),
                  }}
                >
                  <Button type="text" size="small" icon={<MoreOutlined />} aria-label="更多操作" />
                </Dropdown>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {linking && <AccountsModal unit={linking} onClose={() => setLinking(null)} />}
    </Card>
  );
}
