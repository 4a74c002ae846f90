import { useNavigate } from 'react-router-dom';
import { Button, Form, Popup, TextArea, Toast } from 'antd-mobile';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { useRequestActions } from './memberRequestApi';
import { putApiErrors } from './mobileForms';

/**
 * 转为社情民意: the concern becomes a draft opinion report with me as its author (its text compiled
 * from the concern, names and numbers hidden); the draft opens for editing.
 */
export function EscalatePopup({ r, visible, onClose }: { r: RequestDetailView; visible: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string; note: string }>();
  const navigate = useNavigate();
  const { escalate } = useRequestActions(r.id);
  const submit = (v: { title: string; note?: string }) =>
    escalate.mutate(
      { title: v.title, note: v.note ?? '' },
      {
        onSuccess: (e) => {
          Toast.show({ icon: 'success', content: '已生成社情民意信息草稿' });
          onClose();
          if (e.targetId) navigate(`/reports/${e.targetId}/edit`);
        },
        onError: (e) => putApiErrors(form, e, (m) => Toast.show({ icon: 'fail', content: m })),
      },
    );
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} destroyOnClose bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
      <div style={{ padding: '14px 16px 0', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>转为社情民意信息</div>
      <div style={{ padding: '6px 16px 0', color: '#888', fontSize: 13, lineHeight: 1.5 }}>
        将以您为第一作者生成草稿，正文自动整理这条诉求的内容和答复（群众姓名、电话已隐去），您可以修改后再报送。
      </div>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: `关于${r.title.replace(/[，。！？!?,.]+$/, '')}的建议`.slice(0, 60), note: '' }}
        onFinish={submit}
        footer={
          <div style={{ display: 'flex', gap: 12 }}>
            <Button block onClick={onClose}>取消</Button>
            <Button block color="primary" type="submit" loading={escalate.isPending}>生成草稿</Button>
          </div>
        }
      >
        <Form.Item name="title" label="信息标题" rules={[{ required: true, message: '请填写标题' }, { min: 4, message: '标题至少 4 个字' }, { max: 60, message: '标题不超过 60 个字' }]}>
          <TextArea placeholder="例如：关于……的建议" maxLength={60} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="note" label="开头说明（选填）">
          <TextArea placeholder="例如：近期走访中群众反映集中的问题" maxLength={1000} rows={3} showCount />
        </Form.Item>
      </Form>
      {escalate.error && !(escalate.error instanceof ApiError) && <div style={{ color: '#b7261b', padding: '0 16px 12px' }}>操作失败，请重试</div>}
    </Popup>
  );
}
