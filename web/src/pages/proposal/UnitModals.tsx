import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CONTACT_METHOD_LABELS, CONTACT_METHODS, type AssignmentView, type ProposalView } from '@server/modules/proposal/proposal.schema';
import { showApiError, validValues } from '../../api/forms';
import { chinaToday, formatDay } from './proposalTags';
import { useProposalActions } from './proposalApi';

const DAY = 'YYYY-MM-DD';
export type ModalProps = { view: ProposalView; a: AssignmentView; open: boolean; onClose: () => void };

/** A form in a dialog: reset on opening, checked on OK, the API's field errors put on the fields. */
export function FormModal<T extends object>({ name, open, title, okText, width, form, initial, onClose, onSubmit, children }: {
  /** the form's name: its fields' ids start with it (the dialogs stay in the page, so ids must differ) */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  width?: number;
  form: FormInstance<T>;
  initial?: Partial<T>;
  onClose: () => void;
  /** resolves with the success message */
  onSubmit: (v: T) => Promise<string>;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial) form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, form]); // only when the dialog opens: `initial` is built afresh on each render
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      message.success(await onSubmit(v));
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={submit} okText={okText} confirmLoading={busy} width={width} forceRender>
      <Form form={form} name={name} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}

const textRules = (label: string, min: number, max: number) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { min, message: `${label}至少 ${min} 个字` },
  { max, message: `${label}不超过 ${max} 个字` },
];

/** 提出异议: the assignment is not this unit's business; before the objection window closes. */
export function ObjectionModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ reason: string; suggestedUnit: string }>();
  const { object } = useProposalActions();
  return (
    <FormModal
      name="unit-objection"
      open={open}
      form={form}
      title={`对交办提出异议 · ${view.numberLabel ?? view.title}`}
      okText="提出异议"
      onClose={onClose}
      onSubmit={async (v) => {
        await object.mutateAsync({ id: a.id, reason: v.reason.trim(), suggestedUnit: (v.suggestedUnit ?? '').trim() });
        return '异议已提交，请等待提案委审核';
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`异议须在 ${a.objectionDueOn} 前提出。提案委审核期间，办理期限照常计算。`} />
      <Form.Item name="reason" label="异议理由" rules={textRules('异议理由', 10, 500)}>
        <Input.TextArea rows={4} maxLength={500} showCount placeholder="写明该提案不属于本单位职责的依据，如：城区道路养护由县交通运输局负责（依据县政府“三定”方案）" />
      </Form.Item>
      <Form.Item name="suggestedUnit" label="建议承办单位" rules={[{ max: 40, message: '建议的承办单位不超过 40 个字' }]}>
        <Input maxLength={40} placeholder="可选，如：县交通运输局" />
      </Form.Item>
    </FormModal>
  );
}

/** 申请延期: a later deadline, never past the longest handling time. */
export function ExtensionModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ dueOn: Dayjs; reason: string }>();
  const { requestExtension } = useProposalActions();
  const from = dayjs(a.dueOn);
  const max = dayjs(a.maxDueOn);
  return (
    <FormModal
      name="unit-extension"
      open={open}
      form={form}
      title={`申请延期办理 · ${view.numberLabel ?? view.title}`}
      okText="提交申请"
      onClose={onClose}
      onSubmit={async (v) => {
        await requestExtension.mutateAsync({ id: a.id, dueOn: v.dueOn.format(DAY), reason: v.reason.trim() });
        return '延期申请已提交，请等待提案委审批';
      }}
    >
      <Typography.Paragraph type="secondary">
        现办理期限 {a.dueOn}；延期最迟到 {a.maxDueOn}（交办之日起的最长办理期限）。延期须经提案委同意，批准前仍按原期限办理。
      </Typography.Paragraph>
      <Form.Item name="dueOn" label="延期至" rules={[{ required: true, message: '请选择延期后的期限' }]}>
        <DatePicker style={{ width: 200 }} disabledDate={(d) => !d.isAfter(from, 'day') || d.isAfter(max, 'day')} defaultPickerValue={from.add(1, 'month').isAfter(max) ? max : from.add(1, 'month')} />
      </Form.Item>
      <Form.Item name="reason" label="延期理由" rules={textRules('延期理由', 10, 500)}>
        <Input.TextArea rows={4} maxLength={500} showCount placeholder="如：涉及项目资金须待县政府常务会议研究，预计 X 月上旬有结果" />
      </Form.Item>
    </FormModal>
  );
}

/** 登记沟通: how and when the unit talked with which proposers. */
export function ContactModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ method: (typeof CONTACT_METHODS)[number]; on: Dayjs; memberIds: string[]; note: string }>();
  const { recordContact } = useProposalActions();
  const proposers = view.signers.filter((s) => s.status === 'confirmed');
  const since = dayjs(formatDay(a.assignedAt));
  return (
    <FormModal
      name="unit-contact"
      open={open}
      form={form}
      title={`登记与提案者的沟通 · ${view.numberLabel ?? view.title}`}
      okText="登记"
      width={600}
      initial={{ method: 'phone', on: chinaToday(), memberIds: proposers.map((p) => p.memberId) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await recordContact.mutateAsync({ id: a.id, method: v.method, on: v.on.format(DAY), memberIds: v.memberIds, note: v.note.trim() });
        return '沟通情况已登记';
      }}
    >
      <Form.Item name="method" label="沟通方式" rules={[{ required: true, message: '请选择沟通方式' }]}>
        <Select style={{ width: 200 }} options={CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }))} />
      </Form.Item>
      <Form.Item name="on" label="沟通日期" rules={[{ required: true, message: '请选择沟通日期' }]}>
        <DatePicker style={{ width: 200 }} disabledDate={(d) => d.isAfter(chinaToday(), 'day') || d.isBefore(since, 'day')} />
      </Form.Item>
      <Form.Item name="memberIds" label="沟通的提案者" rules={[{ required: true, type: 'array', min: 1, message: '请选择沟通的提案者' }]}>
        <Checkbox.Group
          options={proposers.map((p) => ({ value: p.memberId, label: `${p.name}${p.phoneMasked ? `（${p.phoneMasked}）` : ''}` }))}
        />
      </Form.Item>
      <Form.Item name="note" label="沟通情况" rules={textRules('沟通情况', 10, 1000)}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="如：电话联系张红梅委员，介绍了办理思路和初步方案，委员建议优先解决老旧小区加装电梯的资金问题" />
      </Form.Item>
    </FormModal>
  );
}

/** 会签: the co-handling unit's input, sent to the lead unit (never to the proposer). */
export function SignOffModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ text: string }>();
  const { signOff } = useProposalActions();
  const lead = view.assignments.find((x) => x.role === 'lead' && x.status !== 'withdrawn');
  return (
    <FormModal
      name="unit-signoff"
      open={open}
      form={form}
      title={`会签 · ${view.numberLabel ?? view.title}`}
      okText="提交会办意见"
      width={640}
      onClose={onClose}
      onSubmit={async (v) => {
        await signOff.mutateAsync({ id: a.id, text: v.text.trim() });
        return `会办意见已送${lead?.unit.name ?? '主办单位'}`;
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`会办意见送主办单位${lead ? `（${lead.unit.name}）` : ''}，由主办单位统一答复提案者；请在 ${a.dueOn} 前提交。`}
      />
      <Form.Item name="text" label="会办意见" rules={textRules('会办意见', 10, 3000)}>
        <Input.TextArea rows={8} maxLength={3000} showCount placeholder="本单位职责范围内的办理情况和意见" />
      </Form.Item>
    </FormModal>
  );
}

/** 报告落实情况: the later report on a "being solved" reply. */
export function FollowUpModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<{ body: string; signer: string }>();
  const { followUp } = useProposalActions();
  const last = view.replies.find((r) => r.assignmentId === a.id && r.kind === 'reply' && r.status === 'sent');
  return (
    <FormModal
      name="unit-followup"
      open={open}
      form={form}
      title={`报告落实情况 · ${view.numberLabel ?? view.title}`}
      okText="报送"
      width={720}
      initial={{ signer: last?.signer ?? '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await followUp.mutateAsync({ id: a.id, body: v.body.trim(), signer: v.signer.trim() });
        return '落实情况已报送，提案者可以看到';
      }}
    >
      <Typography.Paragraph type="secondary">
        {last ? `本单位 ${formatDay(last.sentAt)} 答复为“${last.categoryLabel ?? last.category ?? ''}”，` : ''}
        {a.followUpDueOn ? `承诺 ${a.followUpDueOn} 前再次报告办理落实情况。` : '请报告办理落实情况。'}
      </Typography.Paragraph>
      <Form.Item name="body" label="落实情况" rules={textRules('落实情况', 20, 10000)}>
        <Input.TextArea rows={10} maxLength={10000} showCount placeholder="答复中承诺事项的落实进展和结果" />
      </Form.Item>
      <Form.Item name="signer" label="签发人" rules={textRules('签发人', 2, 20)}>
        <Input maxLength={20} style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}
