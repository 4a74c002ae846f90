import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CategoryBody } from '@server/modules/request/request.schema';
import { showApiError, validValues } from '../../api/forms';
import { useCommittees } from '../sector/structureApi';
import { useCategoryActions, useRequestCategories, type CategoryView } from './requestApi';

const bodyOf = (c: CategoryView): CategoryBody => ({ name: c.name, committeeId: c.committee?.id ?? null, sort: c.sort, active: c.active });

/** Add or rename a category (name, order, committee). */
function CategoryModal({ editing, onClose }: { editing: CategoryView | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<CategoryBody>();
  const { create, update } = useCategoryActions();
  const { data: committees } = useCommittees();
  const { data: categories } = useRequestCategories();
  const { message } = App.useApp();
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(editing === 'new' ? { name: '', committeeId: null, sort: Math.max(0, ...(categories ?? []).map((c) => c.sort)) + 10, active: true } : bodyOf(editing));
  }, [editing, form, categories]);
  const submit = async () => {
    const v = await validValues(form);
    if (!v || !editing) return;
    try {
      if (editing === 'new') await create.mutateAsync(v);
      else await update.mutateAsync({ id: editing.id, ...bodyOf(editing), ...v });
      message.success(editing === 'new' ? '已新增分类' : '已保存');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };
  return (
    <Modal title={editing === 'new' ? '新增诉求分类' : '修改诉求分类'} open={!!editing} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={create.isPending || update.isPending} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="分类名称" rules={[{ required: true, whitespace: true, message: '请填写分类名称' }, { min: 2, max: 10, message: '分类名称 2 至 10 个字' }]} extra={editing !== 'new' && editing?.used ? `已有 ${editing.used} 条诉求使用这个分类，改名后它们显示新名称` : undefined}>
          <Input maxLength={10} placeholder="如：物业管理" />
        </Form.Item>
        <Form.Item name="committeeId" label="对口专委会" extra="这一类的新诉求自动记为该专委会对口（在诉求页可以改派）">
          <Select allowClear placeholder="不指定" options={committees?.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="sort" label="排序" extra="数字小的排在前面（群众提交页按此顺序显示）">
          <InputNumber min={0} max={999} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 诉求分类: what residents choose from; each may route to a special committee. A used one is deactivated, never deleted. */
export function CategoryTable({ canManage }: { canManage: boolean }) {
  const { data, isLoading } = useRequestCategories();
  const { data: committees } = useCommittees();
  const { update, remove } = useCategoryActions();
  const [editing, setEditing] = useState<CategoryView | 'new' | null>(null);
  const { message } = App.useApp();
  const save = (c: CategoryView, patch: Partial<CategoryBody>, done: string) =>
    update.mutateAsync({ id: c.id, ...bodyOf(c), ...patch }).then(() => void message.success(done), (e) => showApiError(null, e, message.error));

  return (
    <Card title="诉求分类" extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增分类</Button>}>
      <Typography.Paragraph type="secondary">群众提交诉求时从启用的分类中选择。新诉求按地点自动分派到覆盖该村（社区）或乡镇的活动小组；设置了对口专委会的分类，同时记为该专委会对口。</Typography.Paragraph>
      <Table<CategoryView>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: '排序', dataIndex: 'sort', width: 70 },
          { title: '分类名称', dataIndex: 'name', width: 140, render: (n: string, c) => (c.active ? n : <Typography.Text type="secondary">{n}</Typography.Text>) },
          {
            title: '对口专委会',
            key: 'committee',
            width: 240,
            render: (_, c) =>
              canManage ? (
                <Select
                  allowClear
                  placeholder="不指定"
                  style={{ width: 210 }}
                  value={c.committee?.id}
                  options={committees?.map((k) => ({ value: k.id, label: k.name }))}
                  onChange={(committeeId?: string) => save(c, { committeeId: committeeId ?? null }, committeeId ? '已设置对口专委会' : '已取消对口专委会')}
                  aria-label={`${c.name}的对口专委会`}
                />
              ) : (
                (c.committee?.name ?? '—')
              ),
          },
          {
            title: '启用',
            dataIndex: 'active',
            width: 90,
            render: (on: boolean, c) => <Switch checked={on} disabled={!canManage} checkedChildren="启用" unCheckedChildren="停用" onChange={(active) => save(c, { active }, active ? `已启用“${c.name}”` : `已停用“${c.name}”，群众提交页不再显示`)} />,
          },
          { title: '诉求数', dataIndex: 'used', width: 80, render: (n: number) => n || <Typography.Text type="secondary">0</Typography.Text> },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 120,
                  render: (_: unknown, c: CategoryView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(c)}>修改</Button>
                      {c.used === 0 && (
                        <Popconfirm title={`删除分类“${c.name}”？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(c.id).then(() => void message.success('已删除'), (e) => showApiError(null, e, message.error))}>
                          <Button type="link" size="small" danger>删除</Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>已有诉求的分类不能删除，可以停用：停用后群众不能再选，已有诉求保留原分类。</Typography.Paragraph>
      <CategoryModal editing={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
