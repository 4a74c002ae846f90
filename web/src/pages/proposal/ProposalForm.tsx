import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { MAX_PROPOSAL_FILES } from '@server/modules/proposal/proposal.schema';
import { showApiError, validValues } from '../../api/forms';
import { AttachmentUpload, asUpload } from '../../components/AttachmentUpload';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { uploadProposalFile, useProposalActions, useProposalRules, useSimilarProposals, useUnits, type ProposalFileView, type ProposalView } from './proposalApi';

interface Values {
  title: string;
  category: string;
  situation: string;
  analysis: string;
  suggestion: string;
  coSignerIds: string[];
  suggestedUnitIds: string[];
  mayPublish: boolean;
}

/** Earlier proposals like this one, with how they were answered: look before writing the same again. */
function SimilarList({ title, text, exceptId }: { title: string; text: string; exceptId?: string }) {
  const [q, setQ] = useState({ title: '', text: '' });
  useEffect(() => {
    const t = setTimeout(() => setQ({ title: title.trim(), text: text.trim().slice(0, 2000) }), 600);
    return () => clearTimeout(t);
  }, [title, text]);
  const { data } = useSimilarProposals({ ...q, exceptId });
  if (!data?.items.length) return null;
  return (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      title="以往相似的提案及答复（供参考，避免重复提出）"
      description={
        <List
          size="small"
          dataSource={data.items.slice(0, 5)}
          renderItem={(s) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Space orientation="vertical" size={0}>
                <span>
                  {s.session}
                  {s.numberLabel ?? ''} 《{s.title}》 <Typography.Text type="secondary">{s.proposerName} · {s.statusLabel}</Typography.Text>
                </span>
                {s.reply && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.reply.unit}答复{s.reply.categoryLabel ? `（${s.reply.categoryLabel}）` : ''}：{s.reply.snippet}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}

/**
 * 写提案 / 修改提案 on the PC (the members' phone pages are the main place): 案由, category, the three
 * sections, co-signers, suggested units, attachments, publication consent. 保存草稿 invites the
 * co-signers at once; 提交 sends it to the proposals office.
 */
export function ProposalForm({ open, proposal, onClose }: { open: boolean; proposal?: ProposalView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { create, update, submit } = useProposalActions();
  const { data: rulesView } = useProposalRules();
  const { data: units } = useUnits(open);
  const rules = rulesView?.rules;
  const [files, setFiles] = useState<UploadFile<ProposalFileView>[]>([]);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const title = Form.useWatch('title', form) ?? '';
  const suggestion = Form.useWatch('suggestion', form) ?? '';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setSavedId(null);
    if (proposal)
      form.setFieldsValue({
        title: proposal.title,
        category: proposal.category,
        situation: proposal.situation,
        analysis: proposal.analysis,
        suggestion: proposal.suggestion,
        coSignerIds: proposal.signers.filter((s) => s.position > 0).map((s) => s.memberId),
        suggestedUnitIds: proposal.suggestedUnits.map((u) => u.id),
        mayPublish: proposal.mayPublish,
      });
    setFiles(proposal ? proposal.files.map(asUpload) : []);
  }, [open, proposal, form]);

  const uploading = files.some((f) => f.status === 'uploading');
  const save = async (andSubmit: boolean) => {
    const v = await validValues(form);
    if (!v) return;
    if (uploading) return void message.warning('附件还在上传，请稍候');
    setBusy(andSubmit ? 'submit' : 'draft');
    try {
      // the whole proposal: what this form does not show (a collective proposal's body and seal) is sent as it is
      const kept = proposal
        ? { proposerKind: proposal.proposerKind, bodyId: proposal.bodyId, bodyName: proposal.bodyName, sealNoted: proposal.sealNoted }
        : { proposerKind: 'member' as const, bodyId: null, bodyName: null, sealNoted: false };
      const body = {
        ...v,
        ...kept,
        situation: v.situation ?? '',
        analysis: v.analysis ?? '',
        suggestion: v.suggestion ?? '',
        coSignerIds: v.coSignerIds ?? [],
        suggestedUnitIds: v.suggestedUnitIds ?? [],
        fileIds: files.filter((f) => f.status === 'done').map((f) => f.response!.id),
        fromLeadId: null,
      };
      const id = proposal?.id ?? savedId;
      let saved = id ? await update.mutateAsync({ id, ...body }) : await create.mutateAsync(body);
      setSavedId(saved.id);
      if (andSubmit) saved = await submit.mutateAsync(saved.id);
      message.success(andSubmit ? '提案已提交，提案委员会将及时审查' : body.coSignerIds.length ? '已保存草稿，联名邀请已发出' : '已保存草稿');
      onClose();
      if (!proposal) navigate(`/proposals/${saved.id}`);
    } catch (e) {
      showApiError(form, e, message.error);
    } finally {
      setBusy(null);
    }
  };

  const known = proposal ? proposal.signers.filter((s) => s.position > 0).map((s) => ({ id: s.memberId, name: `${s.name}（${s.sector}）` })) : [];
  return (
    <Drawer
      open={open}
      size={760}
      title={proposal ? '修改提案' : '写提案'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => save(false)} loading={busy === 'draft'} disabled={!!busy && busy !== 'draft'}>保存草稿</Button>
          <Button type="primary" onClick={() => save(true)} loading={busy === 'submit'} disabled={!!busy && busy !== 'submit'}>提交</Button>
        </Space>
      }
    >
      {proposal?.status === 'returned' && proposal.decision?.reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回修改：${proposal.decision.reason}`} />}
      <Form form={form} layout="vertical" initialValues={{ coSignerIds: [], suggestedUnitIds: [], mayPublish: true, situation: '', analysis: '' }}>
        <Form.Item name="title" label="案由" extra="一般写作“关于……的建议”，一事一案。" rules={[{ required: true, whitespace: true, message: '请填写案由' }, { min: 6, message: '案由至少 6 个字' }]}>
          <Input maxLength={50} showCount placeholder="如：关于加快城区老旧小区改造的建议" />
        </Form.Item>
        <SimilarList title={title} text={suggestion} exceptId={proposal?.id} />
        <Form.Item name="category" label="分类" rules={[{ required: true, message: '请选择提案分类' }]}>
          <Select placeholder="请选择" options={(rules?.categories ?? []).map((c) => ({ value: c, label: c }))} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="situation" label="情况">
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={rules?.situationMax} showCount placeholder="反映的基本情况" />
        </Form.Item>
        <Form.Item name="analysis" label="分析">
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={rules?.analysisMax} showCount placeholder="存在的问题及原因分析" />
        </Form.Item>
        <Form.Item
          name="suggestion"
          label="建议"
          rules={[{ required: true, whitespace: true, message: '请填写“建议”' }, ...(rules ? [{ min: rules.suggestionMin, message: `“建议”至少 ${rules.suggestionMin} 个字` }] : [])]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={rules?.suggestionMax} showCount placeholder="具体、可行的建议" />
        </Form.Item>
        <Form.Item name="coSignerIds" label={`联名委员（您是第一提案人；保存后即发出邀请${rules ? `，${rules.coSignWorkdays} 个工作日内确认` : ''}）`}>
          <MemberMultiSelect known={known} max={rules?.maxCoSigners ?? 20} placeholder="输入姓名、拼音或首字母搜索本会委员（个人提案不选）" />
        </Form.Item>
        <Form.Item name="suggestedUnitIds" label="建议承办单位（可不选，最多 5 个）">
          <Select
            mode="multiple"
            maxCount={5}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择"
            options={(units ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item label={`附件（PDF、Word、Excel、图片，每个不超过 10 MB，最多 ${MAX_PROPOSAL_FILES} 个）`}>
          <AttachmentUpload files={files} onChange={setFiles} upload={uploadProposalFile} max={MAX_PROPOSAL_FILES} />
        </Form.Item>
        <Form.Item name="mayPublish" valuePropName="checked">
          <Checkbox>同意答复后在门户网站公开（不含联系方式）</Checkbox>
        </Form.Item>
        {proposal && proposal.signers.some((s) => s.position > 0) && (
          <Space wrap>
            {proposal.signers
              .filter((s) => s.position > 0)
              .map((s) => (
                <Tag key={s.memberId} color={s.status === 'confirmed' ? 'green' : s.status === 'invited' ? 'gold' : 'default'}>
                  {s.name} {s.statusLabel}
                </Tag>
              ))}
          </Space>
        )}
      </Form>
    </Drawer>
  );
}
