import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, DotLoading, ErrorBlock, Form, Input, NavBar, Switch, TextArea, Toast } from 'antd-mobile';
import type { MemberView } from '@server/modules/member/member.schema';
import { MAX_PROPOSAL_FILES, type ProposalBody, type ProposalRules, type ProposerKind } from '@server/modules/proposal/proposal.schema';
import { ApiError, get } from '../../../api/client';
import { putApiErrors } from '../../request/mobile/mobileForms';
import { CoAuthorField, type CoAuthor } from '../../opinion/mobile/CoAuthorField';
import { uploadProposalFile, useProposal, useProposalActions, useProposalRules, type ProposalFileView, type ProposalView } from './memberProposalApi';
import { AttachmentField } from '../../../components/AttachmentField';
import { BodyName, BodyPicker, OneOf, PROPOSER_OPTIONS } from './ProposerField';
import { len } from './proposalFormat';
import { SimilarProposals } from './SimilarProposals';
import { UnitField, type UnitRef } from './UnitField';

interface Values {
  title: string;
  category: string;
  proposerKind: ProposerKind;
  bodyId: string | null;
  bodyName: string | null;
  sealNoted: boolean;
  situation: string;
  analysis: string;
  suggestion: string;
  coSigners: CoAuthor[];
  suggestedUnits: UnitRef[];
  files: ProposalFileView[];
  mayPublish: boolean;
}
const BODY_KINDS: ProposerKind[] = ['sector', 'group', 'committee'];
const NAME_KINDS: ProposerKind[] = ['party', 'people_org'];

/** /proposals/new and /proposals/:id/edit: write or revise a proposal, save it as a draft (inviting co-signers) or submit it. */
export function ProposalEditor() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: p, error, isLoading } = useProposal(id);
  const rules = useProposalRules();
  if ((id && isLoading) || rules.isLoading) return <Shell><div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div></Shell>;
  const failed = (id && error) || rules.error;
  if (failed) return <Shell><ErrorBlock status="default" title={failed instanceof ApiError ? failed.message : '加载失败'} description="请返回后重试" style={{ padding: '48px 16px' }} /></Shell>;
  if (p && !p.can.edit)
    return (
      <Shell title="修改提案">
        <ErrorBlock status="empty" title="这件提案现在不能修改" description={`当前状态：${p.statusLabel}；只有提案者可以修改草稿或退回修改的提案`} style={{ padding: '48px 16px' }}>
          <Button color="primary" fill="outline" onClick={() => navigate(`/proposals/${p.id}`, { replace: true })}>查看提案</Button>
        </ErrorBlock>
      </Shell>
    );
  return <Editor key={p?.id ?? 'new'} proposal={p} rules={rules.data!.rules} />;
}

function Shell({ title = '提案', onBack, children }: { title?: string; onBack?: () => void; children: React.ReactNode }) {
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 96, overflowX: 'hidden' }}>
      <NavBar onBack={onBack ?? (() => navigate(-1))} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>{title}</NavBar>
      {children}
    </div>
  );
}

const initialOf = (p: ProposalView | undefined): Values =>
  p
    ? {
        title: p.title,
        category: p.category,
        proposerKind: p.proposerKind,
        bodyId: p.bodyId,
        bodyName: p.bodyName,
        sealNoted: p.sealNoted,
        situation: p.situation,
        analysis: p.analysis,
        suggestion: p.suggestion,
        coSigners: p.proposerKind === 'member' ? p.signers.filter((s) => s.position > 0).map((s) => ({ id: s.memberId, name: s.name, sector: s.sector, status: s.status, statusLabel: s.statusLabel })) : [],
        suggestedUnits: p.suggestedUnits,
        files: p.files,
        mayPublish: p.mayPublish,
      }
    : { title: '', category: '', proposerKind: 'member', bodyId: null, bodyName: null, sealNoted: false, situation: '', analysis: '', suggestion: '', coSigners: [], suggestedUnits: [], files: [], mayPublish: true };

/** A counter under a section: how much is written against the org's limits. */
const counter = (min: number) => (n: number, max?: number) => (
  <span style={{ fontSize: 13, color: n < min ? '#d46b08' : n > (max ?? Infinity) * 0.95 ? '#cf1322' : '#999' }}>
    {n < min ? `已写 ${n} 字，还需 ${min - n} 字` : `${n} / ${max} 字`}
  </span>
);

function Editor({ proposal, rules }: { proposal: ProposalView | undefined; rules: ProposalRules }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { create, update, submit } = useProposalActions();
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const { data: me } = useQuery({ queryKey: ['members', 'me'], queryFn: () => get<MemberView | null>('/api/members/me') });
  const kind = (Form.useWatch('proposerKind', form) as ProposerKind | undefined) ?? proposal?.proposerKind ?? 'member';
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const suggestion = (Form.useWatch('suggestion', form) as string | undefined) ?? '';
  const situation = (Form.useWatch('situation', form) as string | undefined) ?? '';
  const categories = rules.categories.includes(proposal?.category ?? '') || !proposal ? rules.categories : [...rules.categories, proposal.category];

  const back = async () => {
    if (form.isFieldsTouched() && !(await Dialog.confirm({ content: '修改尚未保存，确定离开？', confirmText: '离开', cancelText: '继续编辑' }))) return;
    navigate(proposal ? `/proposals/${proposal.id}` : '/proposals', { replace: true });
  };
  const bodyOf = (v: Values): ProposalBody => ({
    title: v.title.trim(),
    category: v.category,
    proposerKind: v.proposerKind,
    bodyId: BODY_KINDS.includes(v.proposerKind) ? v.bodyId : null,
    bodyName: NAME_KINDS.includes(v.proposerKind) ? (v.bodyName ?? '').trim() || null : null,
    sealNoted: v.proposerKind === 'member' ? false : v.sealNoted,
    situation: v.situation ?? '',
    analysis: v.analysis ?? '',
    suggestion: v.suggestion ?? '',
    coSignerIds: v.proposerKind === 'member' ? v.coSigners.map((c) => c.id) : [],
    suggestedUnitIds: v.suggestedUnits.map((u) => u.id),
    fileIds: v.files.map((f) => f.id),
    mayPublish: v.mayPublish,
    fromLeadId: null,
  });
  /** Saves (creates the draft the first time, inviting the co-signers); on submit, then submits it. */
  const save = async (andSubmit: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) {
      Toast.show({ content: '请按提示补充或修改' });
      return;
    }
    const all = { ...initialOf(proposal), ...(form.getFieldsValue(true) as Values) };
    if (andSubmit) {
      const invited = all.proposerKind === 'member' ? all.coSigners.filter((c) => !c.status || c.status === 'invited').length : 0;
      const ok = await Dialog.confirm({
        title: '提交提案',
        content: `提交后由提案委审查，不能再修改。${invited ? '尚未答复联名邀请的委员，提交后不再计为联名人。' : ''}确定提交？`,
        confirmText: '提交',
        cancelText: '取消',
      });
      if (!ok) return;
    }
    setBusy(andSubmit ? 'submit' : 'save');
    const body = bodyOf(all);
    try {
      const saved = proposal ? await update.mutateAsync({ id: proposal.id, ...body }) : await create.mutateAsync(body);
      if (andSubmit)
        await submit.mutateAsync(saved.id).catch((e) => {
          // saved as a draft, not submitted: open it, and say why
          navigate(`/proposals/${saved.id}`, { replace: true });
          throw e;
        });
      Toast.show({
        icon: 'success',
        content: andSubmit ? '已提交，提案委审查后会通知您' : body.coSignerIds.length ? '草稿已保存，已邀请联名委员' : '草稿已保存',
      });
      navigate(`/proposals/${saved.id}`, { replace: true });
    } catch (e) {
      putApiErrors(form, e, (m) => Toast.show({ icon: 'fail', content: m }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Shell title={proposal ? '修改提案' : '撰写提案'} onBack={back}>
      {proposal?.status === 'returned' && proposal.decision?.reason && (
        <div style={{ margin: '12px 12px 0', padding: '10px 14px', borderRadius: 8, background: '#fff7e6', color: '#ad4e00', lineHeight: 1.6, wordBreak: 'break-all' }}>
          <b>退回修改的意见：</b>
          {proposal.decision.reason}
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={initialOf(proposal)} style={{ marginTop: 12 }}>
        <Form.Header>提案内容</Form.Header>
        <Form.Item
          name="title"
          label="案由"
          description="一事一案，写成“关于……的建议”，不超过 50 个字"
          rules={[
            { required: true, message: '请填写案由' },
            { validator: (_, v: string) => (!len(v) || len(v) >= 6 ? Promise.resolve() : Promise.reject(new Error('案由至少 6 个字'))) },
            { max: 50, message: '案由不超过 50 个字' },
          ]}
        >
          <Input placeholder="关于……的建议" maxLength={50} clearable />
        </Form.Item>
        <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择提案分类' }]}>
          <OneOf options={categories.map((c) => ({ label: c, value: c }))} />
        </Form.Item>
        <Form.Item name="situation" label="情况" description="基本情况和存在的问题（选填）">
          <TextArea placeholder="写清反映的问题和现状" maxLength={rules.situationMax} autoSize={{ minRows: 4, maxRows: 16 }} showCount={counter(0)} />
        </Form.Item>
        <Form.Item name="analysis" label="分析" description="问题的原因分析（选填）">
          <TextArea placeholder="分析问题产生的原因" maxLength={rules.analysisMax} autoSize={{ minRows: 4, maxRows: 16 }} showCount={counter(0)} />
        </Form.Item>
        <Form.Item
          name="suggestion"
          label="建议"
          description={`具体、可行的建议，${rules.suggestionMin}～${rules.suggestionMax} 字`}
          rules={[
            { required: true, message: '请填写建议' },
            { validator: (_, v: string) => (!len(v) || len(v) >= rules.suggestionMin ? Promise.resolve() : Promise.reject(new Error(`“建议”至少 ${rules.suggestionMin} 个字`))) },
          ]}
        >
          <TextArea placeholder={'一是……\n二是……\n三是……'} maxLength={rules.suggestionMax} autoSize={{ minRows: 6, maxRows: 20 }} showCount={counter(rules.suggestionMin)} />
        </Form.Item>
        <Form.Item noStyle>
          <SimilarProposals title={title} text={[suggestion, situation].filter(Boolean).join('\n')} exceptId={proposal?.id} />
        </Form.Item>
        <Form.Header>提案者</Form.Header>
        <Form.Item name="proposerKind" label="提案者类型" description={kind === 'member' ? '委员个人提出，或邀请其他委员联名' : '集体提案由召集人执笔提交'}>
          <OneOf options={PROPOSER_OPTIONS} />
        </Form.Item>
        {kind === 'member' && (
          <Form.Item name="coSigners" label={`联名委员（选填，最多 ${rules.maxCoSigners} 位）`} description={`保存草稿时发出邀请，委员须在 ${rules.coSignWorkdays} 个工作日内确认`}>
            <CoAuthorField selfId={me?.id} max={rules.maxCoSigners} addLabel="邀请联名委员" />
          </Form.Item>
        )}
        {BODY_KINDS.includes(kind) && (
          <Form.Item name="bodyId" label={PROPOSER_OPTIONS.find((o) => o.value === kind)?.label} rules={[{ required: true, message: `请选择提案的${PROPOSER_OPTIONS.find((o) => o.value === kind)?.label}` }]}>
            <BodyPicker kind={kind} />
          </Form.Item>
        )}
        {NAME_KINDS.includes(kind) && (
          <Form.Item name="bodyName" label={`${PROPOSER_OPTIONS.find((o) => o.value === kind)?.label}名称`} rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <BodyName kind={kind} />
          </Form.Item>
        )}
        {kind !== 'member' && (
          <Form.Item name="sealNoted" label="加盖公章" description="书面提案已加盖单位公章的，请打开" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Header>办理与公开</Form.Header>
        <Form.Item name="suggestedUnits" label="建议承办单位（选填，最多 5 个）" description="由提案委审查后确定交办单位">
          <UnitField />
        </Form.Item>
        <Form.Item name="files" label="附件（选填）">
          <AttachmentField onBusy={setUploading} upload={uploadProposalFile} max={MAX_PROPOSAL_FILES} hint="如调研报告、照片；" />
        </Form.Item>
        <Form.Item name="mayPublish" label="同意公开" description="同意的，答复后可在公开页面公布提案及答复（不含联系方式）" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #eee', padding: '10px 12px calc(10px + env(safe-area-inset-bottom))', display: 'flex', gap: 10 }}>
        <Button block fill="outline" color="primary" loading={busy === 'save'} disabled={uploading || !!busy} onClick={() => void save(false)}>保存草稿</Button>
        <Button block color="primary" loading={busy === 'submit'} disabled={uploading || !!busy} onClick={() => void save(true)}>提交</Button>
      </div>
    </Shell>
  );
}
