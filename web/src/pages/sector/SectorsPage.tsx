import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import { useMe } from '../../api/session';
import { useCommittees, useSectors, useStructureActions, type CommitteeView, type SectorView } from './structureApi';

type Editing = { kind: 'sector'; row?: SectorView } | { kind: 'committee'; row?: CommitteeView } | null;

/** 界别与专委会: the sectors of the org and the special committees that link them. */
export function SectorsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('structure.manage');
  const { data: sectors } = useSectors();
  const { data: committees } = useCommittees();
  const actions = useStructureActions();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm();

  const open = (e: Editing) => {
    setEditing(e);
    form.resetFields();
    if (e?.kind === 'sector') form.setFieldsValue({ name: e.row?.name, sort: e.row?.sort ?? (sectors?.length ?? 0) + 1 });
    if (e?.kind === 'committee')
      form.setFieldsValue({ name: e.row?.name, shortName: e.row?.shortName, sort: e.row?.sort ?? (committees?.length ?? 0) + 1, sectorIds: e.row?.sectors.map((s) => s.id) ?? [] });
  };
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (editing?.kind === 'sector') await actions.saveSector.mutateAsync({ id: editing.row?.id, ...v });
      else await actions.saveCommittee.mutateAsync({ id: editing?.row?.id, ...v });
      message.success('已保存');
      setEditing(null);
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Row gutter={16}>
      <Col span={9}>
        <Card title="界别" extra={canManage && <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'sector' })}>新建界别</Button>}>
          <Table<SectorView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={sectors}
            columns={[
              { title: '序号', dataIndex: 'sort', width: 60 },
              { title: '界别', dataIndex: 'name' },
              { title: '在任委员', dataIndex: 'memberCount', width: 90, align: 'right' },
              ...(canManage
                ? [
                    {
                      title: '操作',
                      key: 'ops',
                      width: 110,
                      render: (_: unknown, s: SectorView) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => open({ kind: 'sector', row: s })}>修改</Button>
                          <Popconfirm
                            title={`删除界别“${s.name}”？`}
                            okText="删除"
                            onConfirm={() => actions.deleteSector.mutateAsync(s.id).then(() => message.success('已删除'), (e: ApiError) => message.error(e.message))}
                          >
                            <Button type="link" size="small" danger disabled={s.memberCount > 0}>删除</Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col span={15}>
        <Card title="专门委员会" extra={canManage && <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'committee' })}>新建专委会</Button>}>
          <Table<CommitteeView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={committees}
            columns={[
              { title: '专委会', dataIndex: 'name', render: (n: string, c) => <span>{n}<br /><span style={{ color: '#8c8c8c' }}>{c.shortName}</span></span> },
              { title: '联系界别', dataIndex: 'sectors', render: (s: CommitteeView['sectors']) => s.map((x) => <Tag key={x.id}>{x.name}</Tag>) },
              { title: '委员', dataIndex: 'memberCount', width: 70, align: 'right' },
              ...(canManage
                ? [{ title: '操作', key: 'ops', width: 70, render: (_: unknown, c: CommitteeView) => <Button type="link" size="small" onClick={() => open({ kind: 'committee', row: c })}>修改</Button> }]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Modal
        open={!!editing}
        title={`${editing?.row ? '修改' : '新建'}${editing?.kind === 'sector' ? '界别' : '专委会'}`}
        okText="保存"
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={editing?.kind === 'sector' ? '界别名称' : '专委会全称'} rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder={editing?.kind === 'sector' ? '如 经济界' : '如 经济和农业农村委员会'} />
          </Form.Item>
          {editing?.kind === 'committee' && (
            <>
              <Form.Item name="shortName" label="简称" rules={[{ required: true, message: '请填写简称' }]}>
                <Input placeholder="如 经济委" />
              </Form.Item>
              <Form.Item name="sectorIds" label="联系的界别">
                <Select mode="multiple" optionFilterProp="label" options={sectors?.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={999} />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
