import { Alert, Col, DatePicker, Form, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaToday } from './proposalTags';
import { useMyUnit, useProposalActions, useProposalRules } from './proposalApi';
import { FormModal, type ModalProps } from './UnitModals';
import { contactsThisRound } from './unitApi';

type Values = { letterNo: string; category: string; followUpOn?: Dayjs | null; body: string; signer: string; contactName: string; contactPhone: string };

/** 答复 (复文): the letter to the proposers, with the org's result category and, for "being solved", the date to report again. */
export function ReplyModal({ view, a, open, onClose }: ModalProps) {
  const [form] = Form.useForm<Values>();
  const { reply } = useProposalActions();
  const { data: rules } = useProposalRules();
  const { data: unit } = useMyUnit();
  const categories = rules?.rules.replyCategories ?? [];
  const code = Form.useWatch('category', form);
  const chosen = categories.find((c) => c.code === code);
  const contacted = contactsThisRound(a).length > 0;
  const contactRequired = rules?.rules.contactRequired ?? true;
  const coUnits = a.role === 'lead' ? view.assignments.filter((x) => x.role === 'co' && x.status !== 'withdrawn') : [];
  const returned = view.replies.find((r) => r.assignmentId === a.id && r.status === 'returned' && r.round === a.round - 1);
  const year = chinaToday().year();

  return (
    <FormModal
      name="unit-reply"
      open={open}
      form={form}
      title={`答复提案 · ${view.numberLabel ?? ''} ${view.title}`}
      okText="发送答复"
      width={860}
      initial={{ contactName: unit?.contactName ?? '', contactPhone: '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await reply.mutateAsync({
          id: a.id,
          letterNo: (v.letterNo ?? '').trim(),
          category: v.category,
          followUpOn: chosen?.followUp && v.followUpOn ? v.followUpOn.format('YYYY-MM-DD') : null,
          body: v.body.trim(),
          signer: v.signer.trim(),
          contactName: (v.contactName ?? '').trim(),
          contactPhone: (v.contactPhone ?? '').trim(),
        });
        return '答复已发送，提案者可以查看并测评';
      }}
    >
      {!contacted && (
        <Alert
          type={contactRequired ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={contactRequired ? '尚未登记与提案者的沟通：按本会规定，答复前须先与提案者沟通并登记。' : '尚未登记与提案者的沟通，建议答复前先与提案者沟通。'}
        />
      )}
      {returned && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`上次答复被退回：${returned.returnedReason ?? ''}`} />}
      {coUnits.length > 0 && (
        <Alert
          type={coUnits.every((c) => c.signOff) ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title="会办单位意见"
          description={
            <Space orientation="vertical" size={4}>
              {coUnits.map((c) => (
                <div key={c.id}>
                  <Typography.Text strong>{c.unit.name}</Typography.Text>{' '}
                  {c.signOff ? (
                    <>
                      <Tag color="green">已会签</Tag>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{c.signOff.text}</Typography.Text>
                    </>
                  ) : c.overdue ? (
                    <Tag color="red">逾期未会签（{c.dueOn} 到期），可先行答复</Tag>
                  ) : (
                    <Tag color="gold">待会签（{c.dueOn} 前）</Tag>
                  )}
                </div>
              ))}
            </Space>
          }
        />
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="letterNo" label="文号" rules={[{ max: 40, message: '文号不超过 40 个字' }]}>
            <Input maxLength={40} placeholder={`如：远住建函〔${year}〕12号`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="signer" label="签发人" rules={[{ required: true, whitespace: true, message: '请填写签发人' }, { min: 2, message: '签发人至少 2 个字' }, { max: 20, message: '签发人不超过 20 个字' }]}>
            <Input maxLength={20} placeholder="单位主要负责人或分管负责人" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="category" label="答复类别" rules={[{ required: true, message: '请选择答复类别' }]}>
        <Radio.Group>
          <Space orientation="vertical" size={4}>
            {categories.map((c) => (
              <Radio key={c.code} value={c.code}>
                <Typography.Text strong>{c.code}</Typography.Text> 类 · {c.label}
                {c.followUp && <Typography.Text type="secondary">（须承诺再次报告日期）</Typography.Text>}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {chosen?.followUp && (
        <Form.Item
          name="followUpOn"
          label="再次报告日期"
          rules={[{ required: true, message: '该答复类别须填写再次报告日期' }]}
          extra="到期前应通过“报告落实情况”向提案者报告办理结果"
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => !d.isAfter(chinaToday(), 'day')} />
        </Form.Item>
      )}
      <Form.Item name="body" label="答复正文" rules={[{ required: true, whitespace: true, message: '请填写答复正文' }, { min: 50, message: '答复正文至少 50 个字' }, { max: 20000, message: '答复正文不超过 20000 个字' }]}>
        <Input.TextArea
          rows={14}
          maxLength={20000}
          showCount
          placeholder={`${view.proposerName}：\n    您提出的《${view.title}》收悉。现答复如下：\n    ……\n    感谢您对我县……工作的关心和支持。`}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="contactName" label="联系人" rules={[{ max: 20, message: '联系人不超过 20 个字' }]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[{ max: 20, message: '联系电话不超过 20 个字' }]}
            extra={unit?.contactPhone ? `留空则使用本单位登记的电话（${unit.contactPhone}）；联系人和电话只给提案者和提案委，不公开` : '联系人和电话只给提案者和提案委，不公开'}
          >
            <Input maxLength={20} placeholder={unit?.contactPhone ? '留空则使用本单位登记的电话' : undefined} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
