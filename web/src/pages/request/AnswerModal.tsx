import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { OUTCOME_LABELS, OUTCOMES, PHOTO_RULES, type AnswerBody } from '@server/modules/request/request.schema';
import { ApiError } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import { useMe } from '../../api/session';
import { uploadAnswerPhoto, useRequestActions, type RequestDetailView } from './requestApi';

/** 代为答复: staff answer on a member's behalf (the timeline says so), with an outcome and up to 3 photos. */
export function AnswerModal({ r, open, onClose }: { r: RequestDetailView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AnswerBody>();
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>([]);
  const { answer } = useRequestActions();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const outcome = Form.useWatch('outcome', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFiles([]);
  }, [open, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    if (files.some((f) => f.status === 'uploading')) return void message.warning('照片还在上传，请稍候');
    try {
      await answer.mutateAsync({ id: r.id, ...v, photoIds: files.filter((f) => f.status === 'done').map((f) => f.response!.id) });
      message.success('已答复，群众凭查询码即可看到');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Modal title={`代委员答复 · ${r.code}`} open={open} onCancel={onClose} onOk={submit} okText="提交答复" confirmLoading={answer.isPending} width={640} forceRender>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`办理过程中将记为“${me?.account.displayName ?? ''}（代委员答复）”。${r.member ? `一般应由${r.member.name}委员答复。` : ''}`}
      />
      <Form form={form} layout="vertical" initialValues={{ outcome: 'solved' }}>
        <Form.Item name="outcome" label="办理结果" rules={[{ required: true, message: '请选择办理结果' }]}>
          <Radio.Group optionType="button" options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))} />
        </Form.Item>
        {outcome === 'referred' && (
          <Form.Item name="department" label="转交部门" rules={[{ required: true, message: '请填写部门名称' }, { max: 40, message: '部门名称不超过 40 个字' }]}>
            <Input placeholder="如：县住房和城乡建设局" maxLength={40} />
          </Form.Item>
        )}
        {outcome === 'merged' && (
          <Form.Item name="mergedIntoCode" label="合并到的诉求查询码" rules={[{ required: true, message: '请填写合并到的诉求查询码' }]} extra="合并后本诉求即办结，群众可看到合并去向">
            <Input placeholder="如：A6ZSL8EP" maxLength={12} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        )}
        <Form.Item name="answer" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }, { min: 10, message: '答复内容至少 10 个字' }, { max: 1000, message: '答复内容不超过 1000 个字' }]}>
          <Input.TextArea rows={5} maxLength={1000} showCount placeholder="写给群众看的答复：做了什么、结果如何、后续怎么跟进" />
        </Form.Item>
        <Form.Item label={`照片（可选，最多 ${PHOTO_RULES.maxPhotos} 张，JPG/PNG，每张不超过 5 MB）`}>
          <Upload<{ id: string }>
            listType="picture-card"
            accept="image/jpeg,image/png"
            fileList={files}
            maxCount={PHOTO_RULES.maxPhotos}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => {
              uploadAnswerPhoto(file as Blob).then(
                (p) => onSuccess?.(p),
                (e: unknown) => {
                  message.error(e instanceof ApiError ? e.message : '照片上传失败');
                  onError?.(e as Error);
                },
              );
            }}
          >
            {files.length < PHOTO_RULES.maxPhotos && (
              <div>
                <PlusOutlined />
                <div style={{ marginTop: 4 }}>添加照片</div>
              </div>
            )}
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
