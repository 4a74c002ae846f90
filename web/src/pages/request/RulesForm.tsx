import { useEffect } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { DEFAULT_REQUEST_RULES, type RequestRules } from '@server/modules/request/request.schema';
import { showApiError, validValues } from '../../api/forms';
import { useRequestRules, useSaveRequestRules } from './requestApi';

/** Each rule: its unit, bounds (as the server checks them) and what it means, in the words staff use. */
const FIELDS: { name: keyof RequestRules; label: string; unit: string; min: number; max: number; help: string }[] = [
  { name: 'firstAnswerDays', label: '答复期限', unit: '天', min: 1, max: 60, help: '群众提交后，委员应在这么多天内首次答复；群众不满意重新办理的，从重新办理时起重新计算。超过期限的诉求在列表中标红。' },
  { name: 'remindBeforeHours', label: '到期前提醒', unit: '小时', min: 1, max: 240, help: '到期前这么多小时，提醒负责办理的委员（无人认领的提醒小组召集人）；超期后提醒小组联络干部或机关干部。须短于答复期限。' },
  { name: 'autoCloseDays', label: '自动办结', unit: '天', min: 3, max: 90, help: '答复后群众这么多天内未评价的，诉求自动办结。' },
  { name: 'phoneRetentionDays', label: '手机号保留', unit: '天', min: 30, max: 3650, help: '诉求办结后这么多天，删除群众的手机号和称呼（个人信息保护法：保存期限为实现处理目的所必要的最短时间）。' },
  { name: 'perPhonePerDay', label: '每个手机号每天最多提交', unit: '条', min: 1, max: 20, help: '同一手机号 24 小时内可提交的诉求条数，防止刷屏。' },
  { name: 'perIpPerDay', label: '每个网络地址每天最多提交', unit: '条', min: 1, max: 1000, help: '同一网络地址 24 小时内可提交的条数。村委会、社区服务中心等共用网络的地方可适当调高。' },
  { name: 'challengeAfterPerIp', label: '需要人机验证的提交条数', unit: '条', min: 1, max: 1000, help: '同一网络地址 24 小时内提交达到这个条数后，再提交须先完成人机验证（本系统自带，不依赖第三方）。不能大于上一项。照片按每条 3 张计：上传张数达到这个条数的 3 倍后须验证，达到每天最多提交条数的 3 倍后不能再传。' },
  { name: 'photoMBPerIpPerDay', label: '每个网络地址每天可上传照片', unit: 'MB', min: 1, max: 1000, help: '同一网络地址 24 小时内可上传的照片总量（按收到的大小计，已用于诉求的和未用的都算），防止滥用上传。' },
  { name: 'followsPerIpPerDay', label: '每个网络地址每天可关注', unit: '条', min: 1, max: 1000, help: '公开诉求的关注每台手机只计一次；同一网络地址 24 小时内最多可关注这么多条，防止刷关注数。' },
];

/** 办理规则: deadlines, reminders, retention and anti-abuse limits of this org (the national defaults until changed). */
export function RulesForm({ canManage }: { canManage: boolean }) {
  const [form] = Form.useForm<RequestRules>();
  const { data } = useRequestRules();
  const save = useSaveRequestRules();
  const { message } = App.useApp();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v || !data) return;
    const changed = Object.fromEntries(Object.entries(v).filter(([k, x]) => data[k as keyof RequestRules] !== x));
    if (!Object.keys(changed).length) return void message.info('没有修改');
    try {
      await save.mutateAsync(changed);
      message.success('办理规则已保存，新提交和新答复的诉求按新规则执行');
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Card
      title="办理规则"
      extra={
        canManage && (
          <Button onClick={() => form.setFieldsValue(DEFAULT_REQUEST_RULES)} disabled={!data}>
            填入全国默认值
          </Button>
        )
      }
    >
      <Form form={form} layout="vertical" disabled={!canManage || !data}>
        <Row gutter={24}>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} md={12} xxl={8}>
              <Form.Item name={f.name} label={f.label} extra={f.help} rules={[{ required: true, message: `请填写${f.label}` }, { type: 'number', min: f.min, max: f.max, message: `${f.label}应在 ${f.min} 至 ${f.max} ${f.unit}之间` }]}>
                <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 160 }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {canManage && (
          <Button type="primary" onClick={submit} loading={save.isPending}>
            保存规则
          </Button>
        )}
      </Form>
      {!canManage && <Typography.Text type="secondary">只有机关干部可以修改办理规则。</Typography.Text>}
    </Card>
  );
}
