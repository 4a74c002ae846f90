import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { OPINION_LEVEL_LABELS, OPINION_LEVELS, RECORD_KIND_LABELS, RECORD_KINDS, type OpinionLevel, type RecordKind } from '@server/modules/opinion/opinion.schema';
import { showApiError, validValues } from '../../api/forms';
import { useOpinionActions, type OpinionView } from './opinionApi';
import { chinaToday } from './opinionTags';

export type DecisionAction = 'adopt' | 'forward' | 'return' | 'decline';

const DECISION: Record<DecisionAction, { title: string; ok: string; field: 'note' | 'reason'; label: string; placeholder: string; danger?: boolean }> = {
  adopt: { title: '采用', ok: '采用', field: 'note', label: '说明（可不填）', placeholder: '如：拟编入本月社情民意期刊' },
  forward: { title: '采用并报送上级', ok: '报送上级', field: 'note', label: '说明（可不填）', placeholder: '报送上级时附带的说明' },
  return: { title: '退回修改', ok: '退回', field: 'reason', label: '退回理由', placeholder: '请写明需要修改或补充的内容，作者会收到通知', danger: true },
  decline: { title: '不予采用', ok: '不予采用', field: 'reason', label: '理由', placeholder: '请写明不予采用的理由，作者会收到通知', danger: true },
};

/** 采用 / 报送上级 / 退回修改 / 不予采用: one small dialog; a reason is required to return or decline. */
export function DecisionModal({ report, action, onClose }: { report: OpinionView; action: DecisionAction | null; onClose: () => void }) {
  const [form] = Form.useForm<{ text?: string }>();
  const { message } = App.useApp();
  const { decide } = useOpinionActions();
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (!action) return null;
  const d = DECISION[action];
  const ok = async () => {
    const v = await validValues(form);
    if (!v) return;
    const text = v.text?.trim() || undefined;
    const body = action === 'adopt' || action === 'forward' ? { action, note: text } : { action, reason: text ?? '' };
    try {
      await decide.mutateAsync({ id: report.id, ...body });
      message.success(`已${d.ok}`);
      onClose();
    } catch (e) {
      showApiError(null, e, message.error);
    }
  };
  return (
    <Modal open title={`${d.title}：《${report.title}》`} okText={d.ok} okButtonProps={{ danger: d.danger, loading: decide.isPending }} onOk={ok} onCancel={onClose} destroyOnHidden>
      {action === 'forward' && <p>报送上级的同时计为本级采用。</p>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={d.label}
          rules={d.field === 'reason' ? [{ required: true, whitespace: true, message: '请填写理由' }, { min: 2, message: '请填写理由（至少 2 个字）' }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount placeholder={d.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordValues {
  kind: RecordKind;
  level: OpinionLevel;
  byName: string;
  text?: string;
  on: Dayjs;
}

/** 登记采用或批示: an adoption learned later, or a leader's instruction, at any level. */
export function RecordModal({ report, open, onClose }: { report: OpinionView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const { message } = App.useApp();
  const { addRecord } = useOpinionActions();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const ok = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await addRecord.mutateAsync({ id: report.id, kind: v.kind, level: v.level, byName: v.byName, text: v.text?.trim() ?? '', on: v.on.format('YYYY-MM-DD') });
      message.success('已登记');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };
  return (
    <Modal open={open} title="登记采用或批示" okText="登记" okButtonProps={{ loading: addRecord.isPending }} onOk={ok} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'instructed', level: 'county', on: chinaToday() }}>
        <Form.Item name="kind" label="类型">
          <Radio.Group optionType="button" options={RECORD_KINDS.map((k) => ({ value: k, label: k === 'adopted' ? '采用' : '领导批示' }))} />
        </Form.Item>
        <Form.Item name="level" label="级别">
          <Select options={OPINION_LEVELS.map((l) => ({ value: l, label: OPINION_LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item
          name="byName"
          label={kind === 'adopted' ? '采用单位' : '批示领导'}
          rules={[{ required: true, whitespace: true, message: kind === 'adopted' ? '请填写采用单位' : '请填写批示领导' }, { min: 2, message: '至少 2 个字' }]}
        >
          <Input maxLength={60} placeholder={kind === 'adopted' ? '如：宜昌市政协办公室、湖北省政协《社情民意》' : '如：县委书记 王某某'} />
        </Form.Item>
        <Form.Item
          name="text"
          label={kind === 'adopted' ? '说明（可不填）' : `${RECORD_KIND_LABELS.instructed}内容`}
          rules={kind === 'instructed' ? [{ required: true, whitespace: true, message: '请填写批示内容' }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
