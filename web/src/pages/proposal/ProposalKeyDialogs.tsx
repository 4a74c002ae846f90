import { Alert, AutoComplete, Button, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { PUBLISH_MODE_LABELS, PUBLISH_MODES, SUPERVISION_KIND_LABELS, SUPERVISION_KINDS } from '@server/modules/proposal/proposal.schema';
import { get } from '../../api/client';
import { ActionModal, day, longText, reasonRules } from './ActionModal';
import { useProposalActions, type ProposalView } from './proposalApi';
import { chinaToday } from './proposalTags';

/* 重点提案 (shortlist, approve, drop, supervisors, supervision events) and the publication of the reply. */

export function KeyDialog({ p, action, onClose }: { p: ProposalView; action: 'shortlist' | 'approve' | 'drop'; onClose: () => void }) {
  const [form] = Form.useForm<{ decidedOn?: Dayjs; note?: string }>();
  const { key } = useProposalActions();
  const T = { shortlist: ['拟定为重点提案', '拟定', '已拟定为重点提案'], approve: ['确定为重点提案', '确定', '已确定为重点提案'], drop: ['取消重点提案', '取消重点提案', '已取消重点提案'] }[action];
  return (
    <ActionModal
      title={`${T[0]}：《${p.title}》`}
      okText={T[1]}
      danger={action === 'drop'}
      form={form}
      onClose={onClose}
      send={(v) =>
        action === 'approve'
          ? key.mutateAsync({ id: p.id, action, decidedOn: day(v.decidedOn)!, note: v.note?.trim() ?? '' })
          : action === 'drop'
            ? key.mutateAsync({ id: p.id, action, note: v.note ?? '' })
            : key.mutateAsync({ id: p.id, action, note: v.note?.trim() ?? '' })
      }
      done={T[2]}
      initialValues={{ decidedOn: chinaToday() }}
    >
      {action === 'approve' && (
        <Form.Item name="decidedOn" label="主席会议日期" rules={[{ required: true, message: '请选择主席会议日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
        </Form.Item>
      )}
      <Form.Item name="note" label={action === 'drop' ? '说明' : '说明（可不填）'} rules={action === 'drop' ? reasonRules('说明') : []}>
        <Input.TextArea {...longText(2)} maxLength={500} showCount placeholder={action === 'approve' ? '如：经十届政协第×次主席会议研究确定' : undefined} />
      </Form.Item>
    </ActionModal>
  );
}

interface LeaderOption {
  id: string;
  displayName: string;
}
/** the org's leader accounts (to link a supervisor so the proposal shows on their page) */
function useLeaderAccounts() {
  return useQuery({ queryKey: ['proposal-supervisor-options'], queryFn: () => get<LeaderOption[]>('/api/proposal-supervisor-options') });
}

export function SupervisorsDialog({ p, onClose }: { p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<{ supervisors: { accountId?: string | null; name: string; title: string }[] }>();
  const { setSupervisors } = useProposalActions();
  const { data: leaders } = useLeaderAccounts();
  const current = p.key?.supervisors ?? [];
  return (
    <ActionModal
      title="督办领导"
      okText="保存"
      width={680}
      form={form}
      onClose={onClose}
      send={(v) => setSupervisors.mutateAsync({ id: p.id, supervisors: v.supervisors.map((s) => ({ accountId: s.accountId || null, name: s.name, title: s.title })) })}
      done="督办领导已保存，关联账号的领导可在“我督办的”中看到本提案"
      initialValues={{ supervisors: current.length ? current.map((s) => ({ accountId: s.accountId, name: s.name, title: s.title })) : [{ accountId: null, name: '', title: '' }] }}
    >
      <Typography.Paragraph type="secondary">如：县政协副主席、县委常委、副县长。关联系统账号的领导登录后可在“我督办的”中看到本提案。</Typography.Paragraph>
      <Form.List name="supervisors">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={reasonRules('领导姓名')}>
                  <AutoComplete
                    style={{ width: 140 }}
                    placeholder="姓名"
                    options={(leaders ?? []).map((l) => ({ value: l.displayName }))}
                    onSelect={(name: string) => {
                      const l = leaders?.find((x) => x.displayName === name);
                      if (l) form.setFieldValue(['supervisors', f.name, 'accountId'], l.id);
                    }}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} rules={reasonRules('领导职务')}>
                  <Input style={{ width: 200 }} placeholder="职务，如：县政协副主席" maxLength={30} />
                </Form.Item>
                <Form.Item name={[f.name, 'accountId']}>
                  <Select
                    allowClear
                    style={{ width: 170 }}
                    placeholder="关联账号（可不选）"
                    options={(leaders ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
                  />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />}
              </Space>
            ))}
            {fields.length < 6 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ accountId: null, name: '', title: '' })}>
                添加督办领导
              </Button>
            )}
          </>
        )}
      </Form.List>
    </ActionModal>
  );
}

export function SupervisionDialog({ p, onClose }: { p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<{ kind: (typeof SUPERVISION_KINDS)[number]; on: Dayjs; place?: string; participants?: string; note: string }>();
  const { addSupervision } = useProposalActions();
  return (
    <ActionModal
      title={`登记督办：《${p.title}》`}
      okText="登记"
      width={620}
      form={form}
      onClose={onClose}
      send={(v) => addSupervision.mutateAsync({ id: p.id, kind: v.kind, on: day(v.on)!, place: v.place?.trim() ?? '', participants: v.participants?.trim() ?? '', note: v.note })}
      done="督办情况已登记"
      initialValues={{ kind: 'symposium', on: chinaToday() }}
    >
      <Form.Item name="kind" label="督办方式">
        <Radio.Group optionType="button" options={SUPERVISION_KINDS.map((k) => ({ value: k, label: SUPERVISION_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择督办日期' }]}>
        <DatePicker disabledDate={(d) => d.isAfter(chinaToday(), 'day')} />
      </Form.Item>
      <Form.Item name="place" label="地点（可不填）">
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="participants" label="参加人员（可不填）">
        <Input.TextArea {...longText(2)} maxLength={300} />
      </Form.Item>
      <Form.Item name="note" label="督办情况" rules={reasonRules('督办情况', 10)}>
        <Input.TextArea {...longText(4)} maxLength={3000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/* ------------------------------------------------------------------ 公开 */

export function PublishDialog({ p, onClose }: { p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<{ mode: (typeof PUBLISH_MODES)[number]; summary?: string; reason?: string }>();
  const { publish } = useProposalActions();
  const mode = Form.useWatch('mode', form) ?? 'full';
  return (
    <ActionModal
      title={`公开答复：《${p.title}》`}
      okText={mode === 'withheld' ? '不公开' : '公开'}
      form={form}
      onClose={onClose}
      send={(v) =>
        v.mode === 'full'
          ? publish.mutateAsync({ id: p.id, mode: 'full' })
          : v.mode === 'summary'
            ? publish.mutateAsync({ id: p.id, mode: 'summary', summary: v.summary ?? '' })
            : publish.mutateAsync({ id: p.id, mode: 'withheld', reason: v.reason ?? '' })
      }
      done={(v) => (v.mode === 'withheld' ? '已决定不公开' : '已在门户网站公开')}
      initialValues={{ mode: p.publication.mode ?? (p.mayPublish ? 'full' : 'withheld'), summary: p.publication.summary ?? '' }}
    >
      {!p.mayPublish && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="提案者未同意公开本提案。" />}
      <Form.Item name="mode" label="公开方式">
        <Radio.Group optionType="button" options={PUBLISH_MODES.map((m) => ({ value: m, label: PUBLISH_MODE_LABELS[m] }))} />
      </Form.Item>
      {mode === 'summary' && (
        <Form.Item name="summary" label="公开摘要" rules={reasonRules('公开摘要', 20)}>
          <Input.TextArea {...longText(5)} maxLength={2000} showCount />
        </Form.Item>
      )}
      {mode === 'withheld' && (
        <Form.Item name="reason" label="不公开的理由" rules={reasonRules()}>
          <Input.TextArea {...longText(2)} maxLength={500} showCount />
        </Form.Item>
      )}
      {mode !== 'withheld' && <Typography.Text type="secondary">公开页面不显示联系人、电话等联系方式，正文中的电话号码会自动去除。</Typography.Text>}
    </ActionModal>
  );
}

/** The proposal page's dialogs: one open at a time. */
