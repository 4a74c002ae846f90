import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { ESCALATION_LABELS, ESCALATION_KINDS, type EscalationBody, type EscalationKind } from '@server/modules/request/request.schema';
import { showApiError, validValues } from '../../api/forms';
import { MemberPick } from './MemberPick';
import { Rows } from './RequestParts';
import { useEscalate } from './requestApi';

export interface ConcernRef {
  id: string;
  code: string;
  title: string;
  member?: { id: string; name: string } | null;
}

const KIND_HELP: Record<EscalationKind, string> = {
  opinion_report: '生成一份社情民意信息草稿（正文由所选诉求整理而成，已隐去群众个人信息），由撰写委员修改后报送。',
  proposal: '列入提案线索，供委员撰写提案时参考。',
  topic: '列入协商议题候选，供制定协商计划时选用。',
};

/** 转化: one or several similar concerns into an opinion report draft, a proposal lead or a topic candidate. */
export function EscalateModal({ concerns: asked, onClose, onDone }: { concerns: ConcernRef[] | null; onClose: () => void; onDone?: () => void }) {
  // the last concerns asked for stay shown while the dialog fades out
  const [concerns, setConcerns] = useState<ConcernRef[] | null>(asked);
  if (asked && asked !== concerns) setConcerns(asked);
  const [form] = Form.useForm<EscalationBody>();
  const escalate = useEscalate();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form);
  const responsible = concerns?.find((c) => c.member)?.member ?? null;

  useEffect(() => {
    if (!asked) return;
    form.resetFields();
    const member = asked.find((c) => c.member)?.member;
    form.setFieldsValue({ kind: 'opinion_report', title: asked.length === 1 ? asked[0].title.slice(0, 60) : '', note: '', authorMemberId: member?.id });
  }, [asked, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v || !concerns) return;
    try {
      const e = await escalate.mutateAsync({ ...v, requestIds: concerns.map((c) => c.id), authorMemberId: v.kind === 'opinion_report' ? v.authorMemberId || undefined : undefined });
      const open = e.kind === 'opinion_report' && e.targetId ? () => navigate(`/opinion-reports/${e.targetId}`) : () => navigate(`/request-escalations?kind=${e.kind}`);
      message.success({
        content: (
          <span>
            已将 {concerns.length} 条诉求转为{e.kindLabel}“{e.title}”，<a onClick={open}>{e.kind === 'opinion_report' ? '打开草稿' : '查看列表'}</a>
          </span>
        ),
        duration: 6,
      });
      onDone?.();
      onClose();
    } catch (err) {
      showApiError(form, err, message.error);
    }
  };

  return (
    <Modal title={`转化诉求（${concerns?.length ?? 0} 条）`} open={!!asked} onCancel={onClose} onOk={submit} okText="确认转化" confirmLoading={escalate.isPending} width={620} forceRender>
      <div style={{ marginBottom: 16, maxHeight: 170, overflow: 'auto' }}>
        <Rows
          bordered
          items={concerns ?? []}
          keyOf={(c) => c.id}
          empty="未选择诉求"
          render={(c) => (
            <>
              {c.code && <Typography.Text code>{c.code}</Typography.Text>} {c.title}
            </>
          )}
        />
      </div>
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label="转化为" rules={[{ required: true, message: '请选择转化类型' }]} extra={kind ? KIND_HELP[kind] : undefined}>
          <Radio.Group optionType="button" options={ESCALATION_KINDS.map((k) => ({ value: k, label: ESCALATION_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 4, max: 60, message: '标题 4 至 60 个字' }]}>
          <Input placeholder={kind === 'opinion_report' ? '如：关于解决农村道路破损问题的建议' : '一句话概括'} maxLength={60} showCount />
        </Form.Item>
        {kind === 'opinion_report' && (
          <Form.Item name="authorMemberId" label="撰写委员" extra={responsible ? `默认由负责办理的${responsible.name}委员撰写，可改选其他委员` : '请选择撰写这份社情民意信息的委员'} rules={responsible ? [] : [{ required: true, message: '请选择撰写委员' }]}>
            <MemberPick initial={responsible} />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '说明不超过 1000 个字' }]}>
          <Input.TextArea rows={3} placeholder={kind === 'opinion_report' ? '写在草稿开头，如：近一个月群众集中反映…' : '可选：为什么值得跟进'} maxLength={1000} />
        </Form.Item>
      </Form>
      {concerns && concerns.length > 1 && <Alert type="info" showIcon title="所选诉求会一起关联到这一条转化记录，在每条诉求的办理过程中都能看到。" />}
    </Modal>
  );
}
