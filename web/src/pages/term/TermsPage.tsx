import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, InputNumber, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { chineseNumber } from '@server/modules/term/term.schema';
import { ApiError } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import { useMe } from '../../api/session';
import { useStructureActions, useTerms, type TermView } from '../sector/structureApi';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 届次与会议: the terms of the org, the current one marked, and each term's plenary sessions. */
export function TermsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('structure.manage');
  const { data: terms } = useTerms();
  const actions = useStructureActions();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<{ kind: 'term' } | { kind: 'session'; term: TermView } | null>(null);
  const [form] = Form.useForm();

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    const dates = { startDate: day(v.range?.[0])!, endDate: day(v.range?.[1]) };
    try {
      if (adding?.kind === 'term') await actions.createTerm.mutateAsync({ number: v.number, isCurrent: !!v.isCurrent, ...dates });
      else if (adding?.kind === 'session') await actions.createSession.mutateAsync({ termId: adding.term.id, number: v.number, ...dates });
      message.success('已保存');
      setAdding(null);
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Card title="届次与会议" extra={canManage && <Button icon={<PlusOutlined />} onClick={() => (form.resetFields(), setAdding({ kind: 'term' }))}>新建届次</Button>}>
      {terms?.length === 0 && <Empty description="还没有届次，请先新建本届" />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {terms?.map((t) => (
          <Card
            key={t.id}
            type="inner"
            title={
              <Space>
                {t.name}
                {t.isCurrent && <Tag color="red">本届</Tag>}
                <Typography.Text type="secondary">{t.startDate} 至 {t.endDate ?? '今'}</Typography.Text>
              </Space>
            }
            extra={
              canManage && (
                <Space>
                  {!t.isCurrent && (
                    <Button size="small" onClick={() => actions.setCurrentTerm.mutateAsync(t.id).then(() => message.success(`已将${t.name}设为本届`), (e: ApiError) => message.error(e.message))}>
                      设为本届
                    </Button>
                  )}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => (form.resetFields(), form.setFieldsValue({ number: t.sessions.length + 1 }), setAdding({ kind: 'session', term: t }))}>
                    新建会议
                  </Button>
                </Space>
              )
            }
          >
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={t.sessions}
              locale={{ emptyText: '本届还没有全体会议' }}
              columns={[
                { title: '会议', dataIndex: 'name' },
                { title: '会期', key: 'dates', render: (_, s) => `${s.startDate}${s.endDate ? ` 至 ${s.endDate}` : ''}` },
              ]}
            />
          </Card>
        ))}
      </Space>
      <Modal
        open={!!adding}
        title={adding?.kind === 'term' ? '新建届次' : `新建${adding?.kind === 'session' ? adding.term.name : ''}全体会议`}
        okText="保存"
        onOk={save}
        onCancel={() => setAdding(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="number" label={adding?.kind === 'term' ? '第几届' : '第几次会议'} rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={50} addonAfter={<Form.Item noStyle shouldUpdate>{() => (form.getFieldValue('number') ? chineseNumber(form.getFieldValue('number')) : '')}</Form.Item>} />
          </Form.Item>
          <Form.Item name="range" label={adding?.kind === 'term' ? '任期' : '会期'} rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker.RangePicker allowEmpty={[false, true]} defaultPickerValue={[dayjs(), dayjs()]} />
          </Form.Item>
          {adding?.kind === 'term' && (
            <Form.Item name="isCurrent" label="设为本届" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
