import { useEffect } from 'react';
import { App, Button, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { LIAISON_SELECTORS, SELECTOR_LABELS, type LiaisonScheme } from '@server/modules/liaison/liaison.schema';
import { showApiError, validValues } from '../../api/forms';
import { useLiaisonActions } from './liaisonApi';

const options = (all: boolean) => LIAISON_SELECTORS.filter((s) => all || s !== 'party_group').map((s) => ({ value: s, label: SELECTOR_LABELS[s] }));

/** The org's own liaison chain (新河: 党组成员→常委→党员委员→非中共委员; 田东: 党组成员→党员委员→党外委员). */
export function SchemeEditor({ open, scheme, onClose }: { open: boolean; scheme: LiaisonScheme; onClose: () => void }) {
  const [form] = Form.useForm<{ levels: LiaisonScheme }>();
  const { saveScheme } = useLiaisonActions();
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue({ levels: scheme });
  }, [open, scheme, form]);
  return (
    <Modal
      open={open}
      width={720}
      title="调整联系制度"
      okText="保存"
      okButtonProps={{ loading: saveScheme.isPending }}
      onCancel={onClose}
      onOk={async () => {
        const v = await validValues(form);
        if (!v) return;
        try {
          await saveScheme.mutateAsync(v.levels);
          message.success('联系制度已修改，各级覆盖率已按新的联系链重新计算');
          onClose();
        } catch (e) {
          showApiError(form, e, message.error);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        自上而下排列。每名在任委员（党组成员除外）归入第一个“被联系对象”与其相符的层级，只统计一次；已确定的联系关系保留。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.List name="levels">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col span={9}>
                    <Form.Item name={[f.name, 'label']} label={i === 0 ? '名称' : undefined} rules={[{ required: true, message: '请填写名称' }]}>
                      <Input placeholder="如 党组成员联系常委" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'keeper']} label={i === 0 ? '联系人' : undefined} rules={[{ required: true, message: '请选择' }]}>
                      <Select options={options(true)} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'target']} label={i === 0 ? '被联系对象' : undefined} rules={[{ required: true, message: '请选择' }]}>
                      <Select options={options(false)} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label="删除这一级" disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} disabled={fields.length >= 5} onClick={() => add({ label: '', keeper: 'cpc', target: 'non_cpc' })}>添加一级</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
