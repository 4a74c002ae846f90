import { useMemo, useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import {
  DECLINE_GROUND_LABELS,
  DECLINE_GROUNDS,
  HANDLING_MODE_LABELS,
  HANDLING_MODES,
  RATING_LABELS,
  RATINGS,
  type AssignmentView,
  type HandlingMode,
  type ReplyView,
} from '@server/modules/proposal/proposal.schema';
import { addWorkdays, monthsDeadline } from '@server/core/workdays';
import { useProposalActions, useProposalRules, useProposals, useUnits, type ProposalView } from './proposalApi';
import { chinaToday, todayStr } from './proposalTags';
import { ActionModal, day, longText, reasonRules } from './ActionModal';
import { KeyDialog, PublishDialog, SupervisionDialog, SupervisorsDialog } from './ProposalKeyDialogs';

/** What the page's one open dialog is. */
export type Dialog =
  | { kind: 'review' }
  | { kind: 'assign' }
  | { kind: 'objection'; assignment: AssignmentView }
  | { kind: 'extension'; assignment: AssignmentView; extensionId: string; approve: boolean }
  | { kind: 'rehandle'; assignment: AssignmentView }
  | { kind: 'category'; reply: ReplyView }
  | { kind: 'onBehalf'; reply: ReplyView }
  | { kind: 'rate'; reply: ReplyView }
  | { kind: 'key'; action: 'shortlist' | 'approve' | 'drop' }
  | { kind: 'supervisors' }
  | { kind: 'supervision' }
  | { kind: 'publish' };

type ReviewAction = 'file' | 'decline' | 'convert' | 'return' | 'merge';
interface ReviewValues {
  action: ReviewAction;
  category?: string;
  oneMatterConfirmed?: boolean;
  note?: string;
  ground?: (typeof DECLINE_GROUNDS)[number];
  reason?: string;
  to?: 'opinion' | 'letter';
  proposerConsent?: boolean;
  intoId?: string;
}

/** Filed proposals to merge into, found by 案由 or 提案号. */
function MergeTarget({ value, onChange, exceptId }: { value?: string; onChange?: (v: string) => void; exceptId: string }) {
  const [q, setQ] = useState('');
  const filed = useProposals({ scope: 'all', q: q || undefined, status: 'filed', pageSize: 20 });
  const assigned = useProposals({ scope: 'all', q: q || undefined, status: 'assigned', pageSize: 20 });
  const options = [...(filed.data?.items ?? []), ...(assigned.data?.items ?? [])]
    .filter((p) => p.id !== exceptId)
    .map((p) => ({ value: p.id, label: `${p.session.name}${p.numberLabel ?? ''} ${p.title}（${p.proposerName} · ${p.statusLabel}）` }));
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入案由或提案号搜索已立案的提案"
      loading={filed.isFetching || assigned.isFetching}
      notFoundContent="没有可并入的已立案提案"
      options={options}
    />
  );
}

function ReviewDialog({ p, onClose }: { p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const { review } = useProposalActions();
  const { data: rules } = useProposalRules();
  const action = Form.useWatch('action', form) ?? 'file';
  const ground = Form.useWatch('ground', form);
  const send = (v: ReviewValues) => {
    const id = p.id;
    switch (v.action) {
      case 'file':
        return review.mutateAsync({ id, action: 'file', oneMatterConfirmed: true, category: v.category, note: v.note?.trim() ?? '' });
      case 'decline':
        return review.mutateAsync({ id, action: 'decline', ground: v.ground!, reason: v.reason?.trim() ?? '' });
      case 'convert':
        return review.mutateAsync({ id, action: 'convert', to: v.to!, proposerConsent: true, reason: v.reason ?? '' });
      case 'return':
        return review.mutateAsync({ id, action: 'return', reason: v.reason ?? '' });
      case 'merge':
        return review.mutateAsync({ id, action: 'merge', intoId: v.intoId!, reason: v.reason ?? '' });
    }
  };
  const DONE: Record<ReviewAction, string> = { file: '已立案，提案者已收到通知', decline: '已作不予立案处理，提案者已收到通知', convert: '已转办，提案者已收到通知', return: '已退回修改，提案者已收到通知', merge: '已并案，提案者已收到通知' };
  return (
    <ActionModal
      title={`审查：《${p.title}》`}
      okText={{ file: '立案', decline: '不予立案', convert: '转办', return: '退回修改', merge: '并案' }[action]}
      danger={action === 'decline'}
      width={620}
      form={form}
      onClose={onClose}
      send={send}
      done={(v) => DONE[v.action]}
      initialValues={{ action: 'file', category: p.category, oneMatterConfirmed: false, to: 'opinion', proposerConsent: false }}
    >
      <Form.Item name="action" label="审查意见">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'file', label: '立案' },
            { value: 'decline', label: '不予立案' },
            { value: 'convert', label: '转办' },
            { value: 'return', label: '退回修改' },
            { value: 'merge', label: '并案' },
          ]}
        />
      </Form.Item>
      {action === 'file' && (
        <>
          <Form.Item name="category" label="提案分类（可调整）" rules={[{ required: true, message: '请选择提案分类' }]}>
            <Select options={(rules?.rules.categories ?? [p.category]).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="oneMatterConfirmed" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('立案前请确认符合“一事一案”'))) }]}>
            <Checkbox>已审核：本提案符合“一事一案”，内容具体、建议可行</Checkbox>
          </Form.Item>
          <Form.Item name="note" label="说明（可不填）">
            <Input.TextArea {...longText(2)} maxLength={500} />
          </Form.Item>
          <Typography.Text type="secondary">立案后按本次会议的顺序自动编号。</Typography.Text>
        </>
      )}
      {action === 'decline' && (
        <>
          <Form.Item name="ground" label="不予立案的情形" rules={[{ required: true, message: '请选择不予立案的理由' }]}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={DECLINE_GROUNDS.map((g) => ({ value: g, label: DECLINE_GROUND_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="reason" label={ground === 'other' ? '理由' : '补充说明（可不填）'} rules={ground === 'other' ? reasonRules() : []}>
            <Input.TextArea {...longText(2)} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
      {action === 'convert' && (
        <>
          <Form.Item name="to" label="转为">
            <Radio.Group options={[{ value: 'opinion', label: '社情民意信息' }, { value: 'letter', label: '建议函（转有关部门参考）' }]} />
          </Form.Item>
          <Form.Item name="proposerConsent" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('转办须征得提案者同意，请先确认已征得同意'))) }]}>
            <Checkbox>已征得提案者同意</Checkbox>
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={reasonRules()}>
            <Input.TextArea {...longText(2)} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
      {action === 'return' && (
        <Form.Item name="reason" label="退回理由" extra="写明需要修改或补充的内容，提案者会收到通知。" rules={reasonRules('退回理由')}>
          <Input.TextArea {...longText(3)} maxLength={500} showCount />
        </Form.Item>
      )}
      {action === 'merge' && (
        <>
          <Form.Item name="intoId" label="并入的提案" rules={[{ required: true, message: '请选择并入的提案' }]}>
            <MergeTarget exceptId={p.id} />
          </Form.Item>
          <Form.Item name="reason" label="并案理由" rules={reasonRules('并案理由')}>
            <Input.TextArea {...longText(2)} maxLength={500} showCount placeholder="如：与第0012号提案反映同一问题" />
          </Form.Item>
          <Typography.Text type="secondary">并案后随主提案一起交办办理，本提案的提案者同样收到答复并参加测评。</Typography.Text>
        </>
      )}
    </ActionModal>
  );
}

/* ------------------------------------------------------------------ 交办 */

interface AssignValues {
  mode: HandlingMode;
  single?: string;
  lead?: string;
  co?: string[];
  several?: string[];
  note?: string;
}

function AssignDialog({ p, onClose }: { p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<AssignValues>();
  const { assign } = useProposalActions();
  const { data: units } = useUnits();
  const { data: rv } = useProposalRules();
  const mode = Form.useWatch('mode', form) ?? 'single';
  const lead = Form.useWatch('lead', form);
  const options = (units ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  const suggested = p.suggestedUnits.map((u) => u.id);
  const hint = useMemo(() => {
    if (!rv) return null;
    const today = todayStr();
    const r = rv.rules;
    return {
      due: monthsDeadline(today, r.handlingMonths, rv.calendar),
      co: monthsDeadline(today, r.coInputMonths, rv.calendar),
      max: monthsDeadline(today, r.maxHandlingMonths, rv.calendar),
      objection: addWorkdays(today, r.objectionWorkdays, rv.calendar),
      r,
    };
  }, [rv]);
  const send = (v: AssignValues) => {
    const unitIds = v.mode === 'single' ? [v.single!] : v.mode === 'lead' ? [v.lead!, ...(v.co ?? [])] : (v.several ?? []);
    return assign.mutateAsync({ id: p.id, mode: v.mode, unitIds, note: v.note?.trim() ?? '' });
  };
  return (
    <ActionModal
      title={`交办：《${p.title}》`}
      okText="交办"
      width={620}
      form={form}
      onClose={onClose}
      send={send}
      done="已交办，承办单位已收到通知"
      initialValues={{ mode: suggested.length > 1 ? 'lead' : 'single', single: suggested[0], lead: suggested[0], co: suggested.slice(1), several: suggested }}
    >
      {p.suggestedUnits.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`提案者建议的承办单位：${p.suggestedUnits.map((u) => u.name).join('、')}`} />}
      <Form.Item name="mode" label="办理方式">
        <Radio.Group optionType="button" options={HANDLING_MODES.map((m) => ({ value: m, label: HANDLING_MODE_LABELS[m] }))} />
      </Form.Item>
      {mode === 'single' && (
        <Form.Item name="single" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="请选择" />
        </Form.Item>
      )}
      {mode === 'lead' && (
        <>
          <Form.Item name="lead" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="co" label="会办单位" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个会办单位' }]}>
            <Select mode="multiple" maxCount={7} showSearch={{ optionFilterProp: 'label' }} options={options.filter((o) => o.value !== lead)} placeholder="请选择" />
          </Form.Item>
        </>
      )}
      {mode === 'separate' && (
        <Form.Item name="several" label="承办单位（各自答复）" rules={[{ required: true, type: 'array', min: 2, message: '分别办理至少选择两个承办单位' }]}>
          <Select mode="multiple" maxCount={8} showSearch={{ optionFilterProp: 'label' }} options={options} placeholder="请选择" />
        </Form.Item>
      )}
      <Form.Item name="note" label="交办说明（可不填）">
        <Input.TextArea {...longText(2)} maxLength={500} />
      </Form.Item>
      {hint && (
        <Alert
          type="success"
          title={`今天交办，办理期限为 ${hint.due}（${hint.r.handlingMonths} 个月，遇节假日顺延）`}
          description={
            <>
              {mode === 'lead' && <div>会办单位应在 {hint.co} 前将会办意见送主办单位。</div>}
              <div>承办单位如认为不属于本单位职责，可在 {hint.objection} 前提出异议（{hint.r.objectionWorkdays} 个工作日）。</div>
              <div>申请延期最长至 {hint.max}（{hint.r.maxHandlingMonths} 个月）。</div>
            </>
          }
        />
      )}
    </ActionModal>
  );
}

/* ------------------------------------------------------------------ 异议、延期、退回重办、答复类别 */

function ObjectionDialog({ a, onClose }: { a: AssignmentView; onClose: () => void }) {
  const [form] = Form.useForm<{ action: 'keep' | 'reassign'; unitId?: string; note?: string }>();
  const { decideObjection } = useProposalActions();
  const { data: units } = useUnits();
  const action = Form.useWatch('action', form) ?? 'keep';
  return (
    <ActionModal
      title={`处理异议：${a.unit.name}`}
      okText={action === 'keep' ? '维持交办' : '改派'}
      form={form}
      onClose={onClose}
      send={(v) => (v.action === 'keep' ? decideObjection.mutateAsync({ id: a.id, action: 'keep', note: v.note ?? '' }) : decideObjection.mutateAsync({ id: a.id, action: 'reassign', unitId: v.unitId!, note: v.note?.trim() ?? '' }))}
      done={(v) => (v.action === 'keep' ? '已维持交办，承办单位已收到通知' : '已改派，新的承办单位已收到通知')}
      initialValues={{ action: 'keep' }}
    >
      {a.objection && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={`异议理由：${a.objection.reason}`}
          description={a.objection.suggestedUnit ? `建议改由：${a.objection.suggestedUnit}` : undefined}
        />
      )}
      <Form.Item name="action" label="处理意见">
        <Radio.Group options={[{ value: 'keep', label: '维持交办' }, { value: 'reassign', label: '改为其他单位办理' }]} />
      </Form.Item>
      {action === 'reassign' && (
        <Form.Item name="unitId" label="改由" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择"
            options={(units ?? []).filter((u) => u.active && u.id !== a.unit.id).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={action === 'keep' ? '说明' : '说明（可不填）'} rules={action === 'keep' ? reasonRules('说明') : []}>
        <Input.TextArea {...longText(2)} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}

function ExtensionDialog({ a, extensionId, approve, onClose }: { a: AssignmentView; extensionId: string; approve: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { decideExtension } = useProposalActions();
  const ext = a.extensions.find((e) => e.id === extensionId);
  return (
    <ActionModal
      title={`${approve ? '同意' : '不同意'}延期：${a.unit.name}`}
      okText={approve ? '同意延期' : '不同意'}
      danger={!approve}
      form={form}
      onClose={onClose}
      send={(v) => decideExtension.mutateAsync({ id: extensionId, approve, note: v.note?.trim() ?? '' })}
      done={approve ? '已同意延期，承办单位已收到通知' : '已不同意延期，承办单位已收到通知'}
    >
      {ext && <p>申请将办理期限由 {ext.fromDueOn} 延至 <b>{ext.requestedDueOn}</b>。理由：{ext.reason}</p>}
      <Form.Item name="note" label={approve ? '说明（可不填）' : '说明'} rules={approve ? [] : reasonRules('说明')}>
        <Input.TextArea {...longText(2)} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}

function RehandleDialog({ a, onClose }: { a: AssignmentView; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string; dueOn: Dayjs }>();
  const { rehandle } = useProposalActions();
  const { data: rv } = useProposalRules();
  const suggested = rv ? dayjs(monthsDeadline(todayStr(), 1, rv.calendar)) : chinaToday().add(1, 'month');
  return (
    <ActionModal
      title={`退回重办：${a.unit.name}`}
      okText="退回重办"
      danger
      form={form}
      onClose={onClose}
      send={(v) => rehandle.mutateAsync({ id: a.id, reason: v.reason, dueOn: day(v.dueOn)! })}
      done="已退回重办，承办单位已收到通知"
      initialValues={{ dueOn: suggested }}
    >
      <Form.Item name="reason" label="退回理由" extra="如：提案者对答复不满意，答复内容不具体。" rules={reasonRules('退回理由')}>
        <Input.TextArea {...longText(3)} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="dueOn" label="新的办理期限" rules={[{ required: true, message: '请选择新的办理期限' }]}>
        <DatePicker disabledDate={(d) => !d.isAfter(chinaToday(), 'day')} />
      </Form.Item>
    </ActionModal>
  );
}

function CategoryDialog({ reply, onClose }: { reply: ReplyView; onClose: () => void }) {
  const [form] = Form.useForm<{ category: string; note: string; followUpOn?: Dayjs }>();
  const { correctCategory } = useProposalActions();
  const { data: rv } = useProposalRules();
  const code = Form.useWatch('category', form);
  const needsDate = !!rv?.rules.replyCategories.find((c) => c.code === code)?.followUp && !reply.followUpOn;
  return (
    <ActionModal
      title={`修改答复类别：${reply.unit.name}`}
      okText="修改"
      form={form}
      onClose={onClose}
      send={(v) => correctCategory.mutateAsync({ id: reply.id, category: v.category, note: v.note, followUpOn: needsDate ? (day(v.followUpOn) ?? null) : null })}
      done="答复类别已修改"
      initialValues={{ category: reply.category ?? undefined }}
    >
      <Form.Item name="category" label="答复类别" rules={[{ required: true, message: '请选择答复类别' }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={(rv?.rules.replyCategories ?? []).map((c) => ({ value: c.code, label: `${c.code}类：${c.label}` }))} />
      </Form.Item>
      {needsDate && (
        <Form.Item name="followUpOn" label="再次报告日期" extra="该类别须由承办单位再次报告落实情况" rules={[{ required: true, message: '请选择再次报告日期' }]}>
          <DatePicker style={{ width: 200 }} disabledDate={(d) => !d.isAfter(chinaToday(), 'day')} />
        </Form.Item>
      )}
      <Form.Item name="note" label="修改理由" rules={reasonRules('修改理由')}>
        <Input.TextArea {...longText(2)} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/* ------------------------------------------------------------------ 测评 */

const ratingOptions = RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }));

function RateDialog({ reply, onBehalf, p, onClose }: { reply: ReplyView; onBehalf: boolean; p: ProposalView; onClose: () => void }) {
  const [form] = Form.useForm<{ memberId?: string; handling: (typeof RATINGS)[number]; result: (typeof RATINGS)[number]; comment?: string }>();
  const { rate, rateOnBehalf } = useProposalActions();
  const rated = new Set(reply.ratings.map((r) => r.member.id));
  const proposers = p.signers.filter((s) => s.status === 'confirmed' && !rated.has(s.memberId));
  return (
    <ActionModal
      title={`${onBehalf ? '代录测评' : '测评'}：${reply.unit.name}的答复`}
      okText={onBehalf ? '代录' : '提交测评'}
      form={form}
      onClose={onClose}
      send={(v) =>
        onBehalf
          ? rateOnBehalf.mutateAsync({ id: reply.id, memberId: v.memberId!, handling: v.handling, result: v.result, comment: v.comment ?? '' })
          : rate.mutateAsync({ id: reply.id, handling: v.handling, result: v.result, comment: v.comment?.trim() ?? '' })
      }
      done={(v) => (v.result === 'unsatisfied' || v.handling === 'unsatisfied' ? '测评已提交，提案委员会将跟进办理' : '测评已提交，感谢您的评价')}
    >
      {onBehalf && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="代录仅用于无法自行测评的委员，将标注“代录”并记入日志。" />
          <Form.Item name="memberId" label="提案者" rules={[{ required: true, message: '请选择提案者' }]}>
            <Select placeholder="请选择" options={proposers.map((s) => ({ value: s.memberId, label: s.name }))} notFoundContent="提案者都已测评" />
          </Form.Item>
        </>
      )}
      <Form.Item name="handling" label="对办理工作" rules={[{ required: true, message: '请评价办理工作' }]}>
        <Radio.Group optionType="button" options={ratingOptions} />
      </Form.Item>
      <Form.Item name="result" label="对办理结果" rules={[{ required: true, message: '请评价办理结果' }]}>
        <Radio.Group optionType="button" options={ratingOptions} />
      </Form.Item>
      <Form.Item
        name="comment"
        label={onBehalf ? '代录说明' : '意见和建议（可不填）'}
        rules={onBehalf ? reasonRules('代录说明', 4) : []}
        extra={onBehalf ? '如：电话征询，委员口述。' : undefined}
      >
        <Input.TextArea {...longText(3)} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/* ------------------------------------------------------------------ 重点提案 */

export function ProposalDialogs({ p, dialog, onClose }: { p: ProposalView; dialog: Dialog | null; onClose: () => void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'review':
      return <ReviewDialog p={p} onClose={onClose} />;
    case 'assign':
      return <AssignDialog p={p} onClose={onClose} />;
    case 'objection':
      return <ObjectionDialog a={dialog.assignment} onClose={onClose} />;
    case 'extension':
      return <ExtensionDialog a={dialog.assignment} extensionId={dialog.extensionId} approve={dialog.approve} onClose={onClose} />;
    case 'rehandle':
      return <RehandleDialog a={dialog.assignment} onClose={onClose} />;
    case 'category':
      return <CategoryDialog reply={dialog.reply} onClose={onClose} />;
    case 'onBehalf':
      return <RateDialog reply={dialog.reply} onBehalf p={p} onClose={onClose} />;
    case 'rate':
      return <RateDialog reply={dialog.reply} onBehalf={false} p={p} onClose={onClose} />;
    case 'key':
      return <KeyDialog p={p} action={dialog.action} onClose={onClose} />;
    case 'supervisors':
      return <SupervisorsDialog p={p} onClose={onClose} />;
    case 'supervision':
      return <SupervisionDialog p={p} onClose={onClose} />;
    case 'publish':
      return <PublishDialog p={p} onClose={onClose} />;
  }
}
