import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, Form, ImageUploader, Input, NavBar, Selector, TextArea, Toast, type ImageUploadItem } from 'antd-mobile';
import { OUTCOME_LABELS, OUTCOMES, PHOTO_RULES, type AnswerBody, type Outcome } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { putApiErrors } from './mobileForms';
import { shrinkPhoto } from '../../../components/shrinkPhoto';
import { uploadAnswerPhoto, useRequest, useRequestActions } from './memberRequestApi';
import { dueLabel } from './requestFormat';

interface Values {
  answer: string;
  outcome: Outcome[];
  department?: string;
  mergedIntoCode?: string;
  photos?: ImageUploadItem[];
}

const OUTCOME_HINTS: Record<Outcome, string> = {
  solved: '问题已经解决',
  explained: '向群众解释政策或原因',
  referred: '交由职能部门办理',
  merged: '与另一条诉求一并办理',
};
const MAX_MB = PHOTO_RULES.maxPhotoBytes / 1024 / 1024;

/** 答复群众: the reply, its outcome (with the department or the concern it merges into) and up to 3 photos. */
export function AnswerPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: r, error, isLoading } = useRequest(id);
  const { answer } = useRequestActions(id);
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const back = () => navigate(`/requests/${id}`, { replace: true });

  const submit = (v: Values) => {
    const outcome = v.outcome[0];
    const body: Partial<AnswerBody> = {
      answer: v.answer,
      outcome,
      department: outcome === 'referred' ? v.department : undefined,
      mergedIntoCode: outcome === 'merged' ? v.mergedIntoCode : undefined,
      photoIds: (v.photos ?? []).map((p) => (p.extra as { id: string }).id),
    };
    answer.mutate(body, {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: '已答复，群众可凭查询码查看并评价' });
        back();
      },
      onError: (e) => putApiErrors(form, e, (m) => Toast.show({ icon: 'fail', content: m })),
    });
  };

  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 24 }}>
      <NavBar onBack={back} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>答复群众</NavBar>
      {isLoading && <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>}
      {error && <ErrorBlock status="default" title={error instanceof ApiError ? error.message : '加载失败'} description="请返回后重试" style={{ padding: '48px 16px' }} />}
      {r && !r.can.answer && (
        <ErrorBlock status="empty" title={r.status === 'answered' ? '该诉求已答复，正在等待群众评价' : '该诉求现在不能答复'} description={`当前状态：${r.statusLabel}`} style={{ padding: '48px 16px' }}>
          <Button color="primary" fill="outline" onClick={back}>返回诉求</Button>
        </ErrorBlock>
      )}
      {r && r.can.answer && (
        <>
          <div style={{ background: '#fff', padding: '12px 16px', marginBottom: 8 }}>
            <div style={{ fontWeight: 600, fontSize: 16, wordBreak: 'break-all' }}>{r.title}</div>
            <div style={{ color: '#888', fontSize: 13, marginTop: 4 }}>
              {r.code} · {r.place.fullName} · <span style={{ color: dueLabel(r).danger ? '#b7261b' : undefined }}>{dueLabel(r).text}</span>
            </div>
          </div>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ outcome: ['solved'], photos: [] }}
            onFinish={submit}
            footer={
              <Button block type="submit" color="primary" size="large" loading={answer.isPending} disabled={uploading}>
                {uploading ? '照片上传中…' : '提交答复'}
              </Button>
            }
          >
            <Form.Item name="answer" label="答复内容" description="群众凭查询码可以看到；请写清怎么办、谁来办、什么时候办好" rules={[{ required: true, message: '请填写答复内容' }, { min: 10, message: '答复内容至少 10 个字' }]}>
              <TextArea placeholder="例如：已联系镇政府，门牌将于本月底前统一安装……" maxLength={1000} showCount autoSize={{ minRows: 5, maxRows: 12 }} />
            </Form.Item>
            <Form.Item name="outcome" label="办理结果" rules={[{ required: true, type: 'array', min: 1, message: '请选择办理结果' }]}>
              <Selector columns={2} style={{ '--checked-color': '#fbeae8', '--checked-border': 'solid 1px #b7261b', '--border': 'solid 1px transparent' }} options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o], description: OUTCOME_HINTS[o] }))} />
            </Form.Item>
            <Form.Subscribe to={['outcome']}>
              {({ outcome }: { outcome?: Outcome[] }) => (
                <>
                  {outcome?.[0] === 'referred' && (
                    <Form.Item name="department" label="转交部门" rules={[{ required: true, message: '请填写部门名称' }]}>
                      <Input placeholder="例如：远安县住房和城乡建设局" maxLength={40} clearable />
                    </Form.Item>
                  )}
                  {outcome?.[0] === 'merged' && (
                    <Form.Item name="mergedIntoCode" label="合并到的诉求编号" description="合并后本诉求即办结，随那条诉求一并办理" rules={[{ required: true, message: '请填写诉求编号' }]}>
                      <Input placeholder="另一条诉求的编号（8 位字母数字）" maxLength={20} clearable />
                    </Form.Item>
                  )}
                </>
              )}
            </Form.Subscribe>
            <Form.Item name="photos" label="现场照片（选填）" description={`最多 ${PHOTO_RULES.maxPhotos} 张，JPG 或 PNG；超过 ${MAX_MB} MB 的照片会先自动缩小；拍摄位置等信息会被去除`}>
              <ImageUploader
                maxCount={PHOTO_RULES.maxPhotos}
                multiple
                accept="image/jpeg,image/png"
                showFailed={false}
                onCountExceed={(n) => Toast.show({ content: `最多上传 ${PHOTO_RULES.maxPhotos} 张照片，已忽略 ${n} 张` })}
                onUploadQueueChange={(tasks) => setUploading(tasks.some((t) => t.status === 'pending'))}
                beforeUpload={async (picked) => {
                  if (picked.type && !(PHOTO_RULES.types as readonly string[]).includes(picked.type)) return Toast.show({ icon: 'fail', content: '只能上传 JPG 或 PNG 图片' }), null;
                  // straight from the camera a photo is often over the limit: made smaller first
                  const file = await shrinkPhoto(picked, PHOTO_RULES.maxPhotoBytes);
                  if (file.size > PHOTO_RULES.maxPhotoBytes) return Toast.show({ icon: 'fail', content: `照片不能超过 ${MAX_MB} MB` }), null;
                  return file;
                }}
                upload={async (file) => {
                  try {
                    const p = await uploadAnswerPhoto(file);
                    return { key: p.id, url: URL.createObjectURL(file), extra: { id: p.id } };
                  } catch (e) {
                    Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '照片上传失败，请重试' });
                    throw e;
                  }
                }}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </div>
  );
}
