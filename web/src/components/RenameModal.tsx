import { App, Form, Input, InputNumber, Modal } from 'antd';
import { showApiError, validValues } from '../api/forms';

interface Props {
  title: string;
  initial: { name: string; sort: number };
  maxLength: number;
  /** where the order number places the row, shown under the field */
  sortHint: string;
  saving: boolean;
  save: (v: { name: string; sort?: number }) => Promise<unknown>;
  onClose: () => void;
}

/** 修改名称和排序: the one dialog for renaming a row of a tree (places, party organisations). */
export function RenameModal({ title, initial, maxLength, sortHint, saving, save, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; sort: number | null }>();
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await save({ name: v.name, sort: v.sort ?? undefined });
      message.success('已保存');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };
  return (
    <Modal open title={title} okText="保存" onOk={submit} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={maxLength} />
        </Form.Item>
        <Form.Item name="sort" label="排序" extra={sortHint}>
          <InputNumber min={0} max={999} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
