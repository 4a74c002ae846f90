import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Space } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { showApiError, validValues } from '../../api/forms';
import { AnswerModal } from './AnswerModal';
import type { ConcernRef } from './EscalateModal';
import { AssignModal, RouteModal } from './RouteModals';
import { useRequestActions, type RequestDetailView } from './requestApi';

type Dialog = 'route' | 'assign' | 'answer' | 'hide' | 'close' | null;

/** A required note (屏蔽原因, 办结说明), 2–200 characters. */
function NoteModal({ open, title, label, placeholder, okText, danger, onClose, onSubmit }: {
  open: boolean;
  title: string;
  label: string;
  placeholder: string;
  okText: string;
  danger?: boolean;
  onClose: () => void;
  onSubmit: (note: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      await onSubmit(v.note.trim());
      onClose();
    } catch (e) {
      showApiError(null, e, (m) => form.setFields([{ name: 'note', errors: [m] }]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={submit} okText={okText} okButtonProps={{ danger }} confirmLoading={busy} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }, { min: 2, message: `${label}至少 2 个字` }, { max: 200, message: `${label}不超过 200 个字` }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The staff's actions on one concern: route, assign, answer on behalf, publish / unpublish, hide, close, convert. */
export function RequestActions({ r, onConvert }: { r: RequestDetailView; onConvert: (c: ConcernRef[]) => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { publish, hide, close } = useRequestActions();
  const { message, modal } = App.useApp();
  const open = r.status === 'new' || r.status === 'claimed' || r.status === 'reopened';
  const answered = r.status === 'answered' || r.status === 'closed';
  const done = () => setDialog(null);

  const setPublic = (on: boolean) =>
    modal.confirm({
      title: on ? '公开到诉求公示？' : r.publishState === 'hidden' ? '取消屏蔽？' : '撤回公开？',
      content: on
        ? '群众可在公示页看到诉求、地点、分类、答复和评价；姓名、手机号不会公开。'
        : r.publishState === 'hidden'
          ? '改为待审核状态，之后可重新审核公开。屏蔽记录仍保留在办理过程中。'
          : '将从诉求公示中撤下，改为待审核。',
      okText: on ? '公开' : '确定',
      onOk: () => publish.mutateAsync({ id: r.id, publish: on }).then(() => void message.success(on ? '已公开' : '已改为待审核'), (e) => showApiError(null, e, message.error)),
    });

  const more = [
    ...(answered && r.publishState === 'hidden' ? [{ key: 'publish', label: '取消屏蔽并公开', onClick: () => setPublic(true) }] : []),
    ...(r.publishState !== 'unreviewed' ? [{ key: 'unpublish', label: r.publishState === 'hidden' ? '取消屏蔽' : '撤回公开', onClick: () => setPublic(false) }] : []),
    ...(r.publishState !== 'hidden' ? [{ key: 'hide', danger: true, label: '屏蔽…', onClick: () => setDialog('hide') }] : []),
    ...(r.status !== 'closed' && r.status !== 'reopened' ? [{ type: 'divider' as const }, { key: 'close', label: '直接办结…', onClick: () => setDialog('close') }] : []),
  ];

  return (
    <>
      <Space wrap>
        {r.status === 'reopened' && <Button type="primary" onClick={() => setDialog('close')}>办结</Button>}
        {open && <Button onClick={() => setDialog('route')}>改派</Button>}
        {r.can.assign && <Button onClick={() => setDialog('assign')}>{r.member ? '改指定委员' : '指定委员'}</Button>}
        {r.can.answer && <Button onClick={() => setDialog('answer')}>代为答复</Button>}
        {answered && r.publishState === 'unreviewed' && <Button type="primary" onClick={() => setPublic(true)}>审核公开</Button>}
        <Button onClick={() => onConvert([{ id: r.id, code: r.code, title: r.title, member: r.member }])}>转化</Button>
        {more.length > 0 && (
          <Dropdown menu={{ items: more }}>
            <Button>
              更多 <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Space>
      <RouteModal r={r} open={dialog === 'route'} onClose={done} />
      <AssignModal r={r} open={dialog === 'assign'} onClose={done} />
      <AnswerModal r={r} open={dialog === 'answer'} onClose={done} />
      <NoteModal
        open={dialog === 'hide'}
        title={`屏蔽诉求 ${r.code}`}
        label="屏蔽原因"
        okText="屏蔽"
        danger
        placeholder="如：含有辱骂、广告或他人隐私信息。原因会留存在办理过程中"
        onClose={done}
        onSubmit={(reason) => hide.mutateAsync({ id: r.id, reason }).then(() => message.success('已屏蔽，不会出现在诉求公示中'))}
      />
      <NoteModal
        open={dialog === 'close'}
        title={`办结诉求 ${r.code}`}
        label="办结说明"
        okText="办结"
        placeholder={r.status === 'reopened' ? '如：已电话联系群众，线下协调解决，群众认可' : '如：重复提交，已在其他诉求中办理'}
        onClose={done}
        onSubmit={(note) => close.mutateAsync({ id: r.id, note }).then(() => message.success('已办结'))}
      />
    </>
  );
}
