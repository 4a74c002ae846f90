import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { MAX_CO_AUTHORS, MAX_FILES } from '@server/modules/opinion/opinion.schema';
import { showApiError, validValues } from '../../api/forms';
import { AttachmentUpload, asUpload } from '../../components/AttachmentUpload';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { uploadOpinionFile, useOpinionActions, type OpinionFileView, type OpinionView } from './opinionApi';

interface Values {
  title: string;
  body: string;
  coAuthorIds: string[];
}

/**
 * 写信息 / 修改信息: title, body, co-authors and attachments; 保存草稿 keeps it for later, 报送 saves and
 * sends it to the office. For a new report (`report` null) or the writer's draft or returned one.
 */
export function OpinionForm({ open, report, onClose, onSaved }: { open: boolean; report: OpinionView | null; onClose: () => void; onSaved?: (r: OpinionView) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { create, update, submit } = useOpinionActions();
  const [files, setFiles] = useState<UploadFile<OpinionFileView>[]>([]);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  /** a new report saved once (e.g. saved, then 报送 refused) is updated from then on, not created twice */
  const [savedId, setSavedId] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setSavedId(null);
    if (report) form.setFieldsValue({ title: report.title, body: report.body, coAuthorIds: report.authors.slice(1).map((a) => a.id) });
    setFiles(report ? report.files.map(asUpload) : []);
  }, [open, report, form]);

  const uploading = files.some((f) => f.status === 'uploading');

  const save = async (andSubmit: boolean) => {
    const v = await validValues(form);
    if (!v) return;
    if (uploading) return void message.warning('附件还在上传，请稍候');
    setBusy(andSubmit ? 'submit' : 'draft');
    try {
      const body = { ...v, coAuthorIds: v.coAuthorIds ?? [], fileIds: files.filter((f) => f.status === 'done').map((f) => f.response!.id) };
      const id = report?.id ?? savedId;
      let saved = id ? await update.mutateAsync({ id, ...body }) : await create.mutateAsync(body);
      setSavedId(saved.id);
      if (andSubmit) saved = await submit.mutateAsync(saved.id);
      message.success(andSubmit ? '已报送，机关将尽快处理' : '已保存草稿');
      onSaved?.(saved);
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      open={open}
      size={720}
      title={report ? '修改社情民意信息' : '写社情民意信息'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => save(false)} loading={busy === 'draft'} disabled={!!busy && busy !== 'draft'}>保存草稿</Button>
          <Button type="primary" onClick={() => save(true)} loading={busy === 'submit'} disabled={!!busy && busy !== 'submit'}>报送</Button>
        </Space>
      }
    >
      {report?.status === 'returned' && report.reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回修改：${report.reason}`} />}
      <Form form={form} layout="vertical" initialValues={{ coAuthorIds: [] }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { min: 4, message: '标题至少 4 个字' }]}>
          <Input maxLength={60} showCount placeholder="如：关于解决城区老旧小区停车难问题的建议" />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          extra="写清反映的情况、存在的问题和具体建议。"
          rules={[{ required: true, whitespace: true, message: '请填写正文' }, { min: 50, message: '正文至少 50 个字' }]}
        >
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="coAuthorIds" label={`联名委员（最多 ${MAX_CO_AUTHORS} 人，您是第一作者）`}>
          <MemberMultiSelect known={report ? report.authors.slice(1).map((a) => ({ id: a.id, name: `${a.name}（${a.sector}）` })) : []} max={MAX_CO_AUTHORS} placeholder="输入姓名、拼音或首字母搜索本会委员（可不选）" />
        </Form.Item>
        <Form.Item label={`附件（PDF、Word .docx、Excel .xlsx、JPG、PNG，每个不超过 10 MB，最多 ${MAX_FILES} 个）`}>
          <AttachmentUpload files={files} onChange={setFiles} upload={uploadOpinionFile} max={MAX_FILES} />
          {!files.length && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              <PaperClipOutlined /> 可附调研材料、照片等，图片会自动去除拍摄位置信息。
            </Typography.Text>
          )}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
