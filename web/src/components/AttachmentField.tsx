import { useRef, useState } from 'react';
import { Button, List, Toast } from 'antd-mobile';
import { FileOutline, UploadOutline } from 'antd-mobile-icons';
import { ApiError } from '../api/client';

/** the servers' limit per attachment (checked there by content too) */
const MAX_MB = 10;

export interface AttachmentView {
  id: string;
  name: string;
  size: number;
}
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * Attachments on a phone form (reports, proposals): each file is uploaded by `upload` as it is picked;
 * the item keeps the ids when it is saved.
 */
export function AttachmentField<F extends AttachmentView>({
  value = [],
  onChange,
  onBusy,
  upload,
  max,
  hint = '',
}: {
  value?: F[];
  onChange?: (v: F[]) => void;
  onBusy: (b: boolean) => void;
  upload: (f: File) => Promise<F>;
  max: number;
  /** what to attach, e.g. 如调研报告、照片 */
  hint?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    if (input.current) input.current.value = '';
    if (!list.length) return;
    if (value.length + list.length > max) return Toast.show({ content: `附件最多 ${max} 个` });
    setBusy(true);
    onBusy(true);
    let next = value;
    try {
      for (const f of list) {
        if (f.size > MAX_MB * 1024 * 1024) {
          Toast.show({ icon: 'fail', content: `“${f.name}”超过 ${MAX_MB} MB` });
          continue;
        }
        next = [...next, await upload(f)];
        onChange?.(next);
      }
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '上传失败，请重试' });
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };
  return (
    <div>
      {value.length > 0 && (
        <List style={{ '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0', marginBottom: 8 }}>
          {value.map((f) => (
            <List.Item
              key={f.id}
              prefix={<FileOutline />}
              description={kb(f.size)}
              extra={<Button size="mini" fill="none" color="danger" onClick={() => onChange?.(value.filter((x) => x.id !== f.id))}>移除</Button>}
            >
              <span style={{ wordBreak: 'break-all', fontSize: 15 }}>{f.name}</span>
            </List.Item>
          ))}
        </List>
      )}
      <input ref={input} type="file" accept={ACCEPT} multiple hidden onChange={(e) => void pick(e.target.files)} />
      <Button size="small" fill="outline" loading={busy} disabled={value.length >= max} onClick={() => input.current?.click()}>
        <UploadOutline /> 上传附件
      </Button>
      <div style={{ color: '#999', fontSize: 12, marginTop: 6 }}>选填，{hint}最多 {max} 个；PDF、Word（.docx）、Excel（.xlsx）或 JPG、PNG 图片，每个不超过 {MAX_MB} MB</div>
    </div>
  );
}
