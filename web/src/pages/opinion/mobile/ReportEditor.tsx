import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, DotLoading, ErrorBlock, Form, Input, NavBar, TextArea, Toast } from 'antd-mobile';
import type { MemberView } from '@server/modules/member/member.schema';
import { MAX_FILES, type OpinionFileView, type OpinionView } from '@server/modules/opinion/opinion.schema';
import { ApiError, get } from '../../../api/client';
import { putApiErrors } from '../../request/mobile/mobileForms';
import { AttachmentField } from '../../../components/AttachmentField';
import { CoAuthorField, type CoAuthor } from './CoAuthorField';
import { uploadReportFile, useReport, useReportActions } from './memberOpinionApi';
import { bodyLength } from './opinionFormat';

interface Values {
  title: string;
  body: string;
  coAuthors: CoAuthor[];
  files: OpinionFileView[];
}
const BODY_MIN = 50;
const BODY_MAX = 5000;

/** /reports/new and /reports/:id/edit: write or revise a report, save it as a draft or submit it. */
export function ReportEditor() {
  const { id } = useParams();
  const { data: r, error, isLoading } = useReport(id);
  const navigate = useNavigate();
  if (id && isLoading) return <Shell><div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div></Shell>;
  if (id && error) return <Shell><ErrorBlock status="default" title={error instanceof ApiError ? error.message : '加载失败'} description="请返回后重试" style={{ padding: '48px 16px' }} /></Shell>;
  if (r && !r.can.edit)
    return (
      <Shell title="修改信息">
        <ErrorBlock status="empty" title="这条信息现在不能修改" description={`当前状态：${r.statusLabel}；只有第一作者可以修改草稿或退回修改的信息`} style={{ padding: '48px 16px' }}>
          <Button color="primary" fill="outline" onClick={() => navigate(`/reports/${r.id}`, { replace: true })}>查看信息</Button>
        </ErrorBlock>
      </Shell>
    );
  return <Editor key={r?.id ?? 'new'} report={r} />;
}

function Shell({ title = '社情民意信息', onBack, children }: { title?: string; onBack?: () => void; children: React.ReactNode }) {
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 96 }}>
      <NavBar onBack={onBack ?? (() => navigate(-1))} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>{title}</NavBar>
      {children}
    </div>
  );
}

function Editor({ report }: { report: OpinionView | undefined }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { create, update, submit } = useReportActions();
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const { data: me } = useQuery({ queryKey: ['members', 'me'], queryFn: () => get<MemberView | null>('/api/members/me') });
  const initial: Values = report
    ? { title: report.title, body: report.body, coAuthors: report.authors.slice(1).map((a) => ({ id: a.id, name: a.name, sector: a.sector })), files: report.files }
    : { title: '', body: '', coAuthors: [], files: [] };

  const back = async () => {
    if (form.isFieldsTouched() && !(await Dialog.confirm({ content: '修改尚未保存，确定离开？', confirmText: '离开', cancelText: '继续编辑' }))) return;
    navigate(report ? `/reports/${report.id}` : '/reports', { replace: true });
  };
  /** Saves (creates the draft the first time); on submit, then submits it. */
  const save = async (andSubmit: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (andSubmit && !(await Dialog.confirm({ title: '报送社情民意信息', content: '报送后由政协机关审核处理，不能再修改。确定报送？', confirmText: '报送', cancelText: '取消' }))) return;
    setBusy(andSubmit ? 'submit' : 'save');
    const body = { title: v.title, body: v.body, coAuthorIds: v.coAuthors.map((c) => c.id), fileIds: v.files.map((f) => f.id) };
    try {
      const saved = report ? await update.mutateAsync({ id: report.id, ...body }) : await create.mutateAsync(body);
      if (andSubmit) await submit.mutateAsync(saved.id).catch((e) => {
        // saved as a draft, not submitted: open it, and say why
        navigate(`/reports/${saved.id}`, { replace: true });
        throw e;
      });
      Toast.show({ icon: 'success', content: andSubmit ? '已报送，机关处理后会通知您' : '草稿已保存' });
      navigate(`/reports/${saved.id}`, { replace: true });
    } catch (e) {
      putApiErrors(form, e, (m) => Toast.show({ icon: 'fail', content: m }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Shell title={report ? '修改信息' : '撰写社情民意信息'} onBack={back}>
      {report?.reason && report.status === 'returned' && (
        <div style={{ margin: '12px 12px 0', padding: '10px 14px', borderRadius: 8, background: '#fff7e6', color: '#ad4e00', lineHeight: 1.6, wordBreak: 'break-all' }}>
          <b>退回修改的意见：</b>
          {report.reason}
        </div>
      )}
      {report && report.fromRequests.length > 0 && (
        <div style={{ margin: '12px 12px 0', color: '#888', fontSize: 13, lineHeight: 1.6 }}>
          来自群众诉求：{report.fromRequests.map((q) => q.code).join('、')}。正文已自动整理诉求内容，请修改完善后再报送。
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={initial} style={{ marginTop: 12 }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 4, message: '标题至少 4 个字' }, { max: 60, message: '标题不超过 60 个字' }]}>
          <Input placeholder="例如：关于加快农村门牌统一安装的建议" maxLength={60} clearable />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          description={`写清反映的情况、原因分析和意见建议；${BODY_MIN}～${BODY_MAX} 字`}
          rules={[
            { required: true, message: '请填写正文' },
            { validator: (_, v: string) => (bodyLength(v) >= BODY_MIN ? Promise.resolve() : Promise.reject(new Error(`正文至少 ${BODY_MIN} 个字`))) },
          ]}
        >
          <TextArea
            placeholder={'一、基本情况\n二、存在的问题\n三、意见建议'}
            maxLength={BODY_MAX}
            autoSize={{ minRows: 10, maxRows: 24 }}
            showCount={(n, max) => <span style={{ fontSize: 13, color: n < BODY_MIN ? '#d46b08' : '#999' }}>{n < BODY_MIN ? `已写 ${n} 字，还需 ${BODY_MIN - n} 字` : `${n} / ${max} 字`}</span>}
          />
        </Form.Item>
        <Form.Item name="coAuthors" label="联名委员（选填）">
          <CoAuthorField selfId={me?.id} />
        </Form.Item>
        <Form.Item name="files" label="附件（选填）">
          <AttachmentField onBusy={setUploading} upload={uploadReportFile} max={MAX_FILES} />
        </Form.Item>
      </Form>
      <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #eee', padding: '10px 12px calc(10px + env(safe-area-inset-bottom))', display: 'flex', gap: 10 }}>
        <Button block fill="outline" color="primary" loading={busy === 'save'} disabled={uploading || !!busy} onClick={() => void save(false)}>保存草稿</Button>
        <Button block color="primary" loading={busy === 'submit'} disabled={uploading || !!busy} onClick={() => void save(true)}>报送</Button>
      </div>
    </Shell>
  );
}
