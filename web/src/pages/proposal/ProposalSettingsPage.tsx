import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_PROPOSAL_RULES, type ProposalRules, type ReplyCategory } from '@server/modules/proposal/proposal.schema';
import { ApiError } from '../../api/client';
import { validValues } from '../../api/forms';
import { useSaveProposalRules, useProposalRules, type WorkCalendar } from './proposalApi';
import { useProposalRole } from './proposalTags';

type Values = ProposalRules & { calendar: WorkCalendar };
type NumberKey = { [K in keyof ProposalRules]: ProposalRules[K] extends number ? K : never }[keyof ProposalRules];

/** Each number: unit, bounds (as the server checks them) and what it means, in the office's words. */
const LIMITS: { name: NumberKey; label: string; unit: string; min: number; max: number; help: string }[] = [
  { name: 'situationMax', label: '“情况”字数上限', unit: '字', min: 200, max: 10000, help: '“情况”部分最多的字数。' },
  { name: 'analysisMax', label: '“分析”字数上限', unit: '字', min: 200, max: 10000, help: '“分析”部分最多的字数。' },
  { name: 'suggestionMin', label: '“建议”最少字数', unit: '字', min: 10, max: 500, help: '建议须具体可行，少于这个字数不能提交。' },
  { name: 'suggestionMax', label: '“建议”字数上限', unit: '字', min: 200, max: 10000, help: '“建议”部分最多的字数。' },
  { name: 'maxCoSigners', label: '联名人数上限', unit: '人', min: 1, max: 50, help: '第一提案人之外最多邀请的联名委员人数。' },
];
const DEADLINES: { name: NumberKey; label: string; unit: string; min: number; max: number; help: string }[] = [
  { name: 'coSignWorkdays', label: '联名确认期限', unit: '个工作日', min: 1, max: 30, help: '受邀委员在这么多个工作日内确认联名，逾期未确认的视为不参加。' },
  { name: 'plenaryWindowDays', label: '大会提案征集期', unit: '天', min: 0, max: 120, help: '会议开幕前这么多天起至闭幕提交的，为大会提案；其余为平时提案。' },
  { name: 'objectionWorkdays', label: '异议期限', unit: '个工作日', min: 1, max: 30, help: '承办单位认为交办不当的，应在交办后这么多个工作日内提出异议。' },
  { name: 'handlingMonths', label: '办理期限', unit: '个月', min: 1, max: 6, help: '自交办之日起这么多个月内答复提案者，到期日遇节假日顺延。' },
  { name: 'coInputMonths', label: '会办意见期限', unit: '个月', min: 1, max: 3, help: '会办单位自交办之日起这么多个月内将会办意见送主办单位。' },
  { name: 'maxHandlingMonths', label: '最长办理期限', unit: '个月', min: 1, max: 12, help: '延期后的期限自交办之日起不超过这么多个月。' },
  { name: 'remindBeforeWorkdays', label: '到期前提醒', unit: '个工作日', min: 1, max: 30, help: '办理期限前这么多个工作日提醒承办单位。' },
  { name: 'publishWorkdays', label: '公开期限', unit: '个工作日', min: 1, max: 60, help: '同意公开的答复，在答复后这么多个工作日内在门户网站公开。' },
];

/** 答复类别: code, wording, and whether the unit must report again (正在解决、列入计划). */
function ReplyCategoriesEditor({ value = [], onChange }: { value?: ReplyCategory[]; onChange?: (v: ReplyCategory[]) => void }) {
  const set = (i: number, patch: Partial<ReplyCategory>) => onChange?.(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <>
      <Table<ReplyCategory & { i: number }>
        size="small"
        pagination={false}
        rowKey="i"
        dataSource={value.map((c, i) => ({ ...c, i }))}
        columns={[
          { title: '代码', key: 'code', width: 90, render: (_, c) => <Input value={c.code} maxLength={4} onChange={(e) => set(c.i, { code: e.target.value })} aria-label="类别代码" /> },
          { title: '类别名称', key: 'label', render: (_, c) => <Input value={c.label} maxLength={40} onChange={(e) => set(c.i, { label: e.target.value })} aria-label="类别名称" /> },
          {
            title: '需再次报告',
            key: 'followUp',
            width: 110,
            render: (_, c) => <Checkbox checked={c.followUp} onChange={(e) => set(c.i, { followUp: e.target.checked })}>需要</Checkbox>,
          },
          {
            title: '',
            key: 'x',
            width: 48,
            render: (_, c) => <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" disabled={value.length <= 2} onClick={() => onChange?.(value.filter((_, j) => j !== c.i))} />,
          },
        ]}
      />
      {value.length < 8 && (
        <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onChange?.([...value, { code: '', label: '', followUp: false }])}>
          添加答复类别
        </Button>
      )}
    </>
  );
}

/** A list of days: the dates as tags, a picker to add one. */
function DateList({ value = [], onChange, color }: { value?: string[]; onChange?: (v: string[]) => void; color?: string }) {
  const sorted = [...value].sort();
  return (
    <Space wrap>
      {sorted.map((d) => (
        <Tag key={d} color={color} closable onClose={() => onChange?.(value.filter((x) => x !== d))}>
          {d}（周{'日一二三四五六'[dayjs(d).day()]}）
        </Tag>
      ))}
      <DatePicker
        size="small"
        placeholder="添加日期"
        value={null}
        onChange={(d: Dayjs | null) => {
          const s = d?.format('YYYY-MM-DD');
          if (s && !value.includes(s)) onChange?.([...value, s]);
        }}
      />
    </Space>
  );
}

/** The server's field errors onto the deepest field the form has (replyCategories.1.code → replyCategories). */
function putErrors(form: FormInstance, err: unknown, toast: (m: string) => void) {
  if (!(err instanceof ApiError)) return toast('保存失败，请稍后重试');
  const known = form.getFieldsError().map((f) => f.name.join('.'));
  let placed = 0;
  const byField = new Map<string, string[]>();
  for (const d of err.details) {
    const parts = d.path.split('.');
    for (let n = parts.length; n > 0; n--) {
      const name = parts.slice(0, n).join('.');
      if (known.includes(name)) {
        // a row of a list field (replyCategories.1.code): say which row
        const row = /^\d+$/.test(parts[n] ?? '') ? `第 ${Number(parts[n]) + 1} 项：` : '';
        byField.set(name, [...(byField.get(name) ?? []), row + d.message]);
        placed++;
        break;
      }
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  if (placed < err.details.length || !err.details.length) toast(err.message);
  else toast('有几项填写不符合要求，请按提示修改');
}

/** 提案工作规则: categories, reply categories, length limits, deadlines, contact before reply, and the local calendar. */
export function ProposalSettingsPage() {
  const [form] = Form.useForm<Values>();
  const { data } = useProposalRules();
  const save = useSaveProposalRules();
  const { message } = App.useApp();
  const { staff } = useProposalRole();
  useEffect(() => {
    if (data) form.setFieldsValue({ ...data.rules, calendar: data.calendar });
  }, [data, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await save.mutateAsync({ ...v, calendar: { holidays: v.calendar?.holidays ?? [], workdays: v.calendar?.workdays ?? [] } });
      message.success('提案工作规则已保存，此后提交、交办和答复的提案按新规则执行');
    } catch (e) {
      putErrors(form, e, message.error);
    }
  };

  const numberItem = (f: (typeof LIMITS)[number]) => (
    <Col key={f.name} xs={24} md={12} xxl={8}>
      <Form.Item name={f.name} label={f.label} extra={f.help} rules={[{ required: true, message: `请填写${f.label}` }, { type: 'number', min: f.min, max: f.max, message: `${f.label}应在 ${f.min} 至 ${f.max} ${f.unit}之间` }]}>
        <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 180 }} />
      </Form.Item>
    </Col>
  );

  return (
    <Form form={form} layout="vertical" disabled={!staff || !data}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title="提案工作规则"
          extra={
            staff && (
              <Space>
                <Button onClick={() => form.setFieldsValue(DEFAULT_PROPOSAL_RULES)}>填入默认值</Button>
                <Button type="primary" onClick={submit} loading={save.isPending}>保存规则</Button>
              </Space>
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            依照政协提案工作条例和本地实施办法设置。修改后对此后提交、交办和答复的提案生效，已计算的期限不变。
          </Typography.Paragraph>
        </Card>
        <Card title="提案分类">
          <Form.Item name="categories" extra="委员写提案时从中选择，也用于统计。输入后按回车添加。" rules={[{ required: true, type: 'array', min: 1, message: '至少保留一个提案分类' }]}>
            <Select mode="tags" open={false} suffixIcon={null} placeholder="输入分类名称后按回车" tokenSeparators={[',', '，', '、']} />
          </Form.Item>
        </Card>
        <Card title="答复类别">
          <Form.Item name="replyCategories" extra="承办单位答复时选择；“需再次报告”的类别（如正在解决、列入计划），答复须写明再次报告的日期。" rules={[{ required: true, type: 'array', min: 2, message: '答复类别至少 2 个' }]}>
            <ReplyCategoriesEditor />
          </Form.Item>
        </Card>
        <Card title="篇幅与联名">
          <Row gutter={24}>{LIMITS.map(numberItem)}</Row>
        </Card>
        <Card title="办理期限">
          <Row gutter={24}>{DEADLINES.map(numberItem)}</Row>
          <Form.Item name="contactRequired" label="答复前须与提案者沟通" valuePropName="checked" extra="开启后，承办单位须先登记与提案者的沟通情况（电话、走访、座谈等）才能答复。">
            <Switch checkedChildren="须沟通" unCheckedChildren="不强制" />
          </Form.Item>
        </Card>
        <Card title="本地工作日历">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="国家法定节假日和调休已自动计入，这里只需补充本地的安排。"
            description="工作日期限（异议期、联名确认、公开期限等）和到期日顺延都按此计算。"
          />
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              <Form.Item name={['calendar', 'holidays']} label="本地休息日" extra="本地另行放假的日期，如地方民族节日。">
                <DateList color="red" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name={['calendar', 'workdays']} label="本地工作日" extra="本地另行安排上班的周末日期。">
                <DateList color="blue" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {staff && (
          <Button type="primary" onClick={submit} loading={save.isPending}>
            保存规则
          </Button>
        )}
        {!staff && <Typography.Text type="secondary">只有机关干部可以修改提案工作规则。</Typography.Text>}
      </Space>
    </Form>
  );
}
