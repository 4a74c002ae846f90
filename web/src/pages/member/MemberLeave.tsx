import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { showApiError, validValues } from '../../api/forms';
import { useMemberActions, type MemberView } from './memberApi';

/** 离任: the member stays with their whole record, out of the active lists. */
export function MemberLeaveModal({ member, onClose }: { member: MemberView | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { leave } = useMemberActions();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!member}
      title={`${member?.name} 离任`}
      okText="确认离任"
      okButtonProps={{ danger: true, loading: leave.isPending }}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await validValues(form);
        if (!v) return;
        try {
          await leave.mutateAsync({ id: member!.id, leftAt: v.leftAt.format('YYYY-MM-DD'), reason: v.reason });
          message.success(`${member!.name} 已离任，履职记录保留`);
          onClose();
        } catch (e) {
          showApiError(form, e, message.error);
        }
      }}
    >
      <Typography.Paragraph type="secondary">离任后不再出现在在任委员中，其履职记录、提案和社情民意信息全部保留。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ leftAt: dayjs() }} preserve={false}>
        <Form.Item name="leftAt" label="离任日期" rules={[{ required: true, message: '请选择离任日期' }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请写明离任原因' }]}><Input.TextArea rows={2} placeholder="如 工作调动、换届未续任、本人辞去委员职务" /></Form.Item>
      </Form>
    </Modal>
  );
}
