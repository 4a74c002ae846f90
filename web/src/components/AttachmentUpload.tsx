import { App, Button, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';

/** The servers' limit per attachment (checked there by content too). */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

interface Attachment {
  id: string;
  name: string;
  size: number;
}

/** A stored attachment as the upload list shows it. */
export const asUpload = <F extends Attachment>(f: F): UploadFile<F> => ({ uid: f.id, name: f.name, status: 'done', response: f, size: f.size });

/**
 * Attachments on a console form (reports, proposals): each file is uploaded by `upload` as it is
 * picked; the form keeps the ids of the done ones when it is saved.
 */
export function AttachmentUpload<F extends Attachment>({ files, onChange, upload, max }: { files: UploadFile<F>[]; onChange: (f: UploadFile<F>[]) => void; upload: (f: File) => Promise<F>; max: number }) {
  const { message } = App.useApp();
  return (
    <Upload<F>
      accept={ACCEPT}
      multiple
      fileList={files}
      maxCount={max}
      onChange={({ fileList }) => onChange(fileList)}
      beforeUpload={(f) => {
        if (f.size > MAX_BYTES) {
          message.error(`“${f.name}”超过 10 MB，不能上传`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        upload(file as File).then(
          (r) => onSuccess?.(r),
          (e: unknown) => {
            message.error(e instanceof ApiError ? e.message : '上传失败，请重试');
            onError?.(e as Error);
          },
        );
      }}
      itemRender={(node, f) => (f.status === 'error' ? <Typography.Text type="danger">{node}</Typography.Text> : node)}
    >
      <Button icon={<UploadOutlined />} disabled={files.length >= max}>选择文件</Button>
    </Upload>
  );
}
