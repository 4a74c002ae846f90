import { useRef, useState } from 'react';
import { ImageUploader, Toast, type ImageUploadItem } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { shrinkPhoto } from '../../../components/shrinkPhoto';
import { sendWithChallenge } from './challenge';
import { uploadPhoto } from './residentApi';

interface Rules {
  maxPhotos: number;
  maxPhotoMB: number;
  photoTypes: string[];
}

/** The check the server makes too (by content there): refuse early what it would refuse. */
export function photoProblem(file: File, rules: Rules): string | null {
  // some phones give no type; the server then tells by the content
  if (file.type && !rules.photoTypes.includes(file.type)) return '只能上传 JPG 或 PNG 图片';
  if (file.size > rules.maxPhotoMB * 1024 * 1024) return `照片不能超过 ${rules.maxPhotoMB} MB，请换一张或截图后上传`;
  return null;
}

/** Photos over 1 MB are drawn at 1600 px (what the server keeps anyway): less to send, and the address's daily allowance of uploads goes further. */
const SHRINK_ABOVE = 1024 * 1024;
async function prepared(file: File, rules: Rules) {
  if (file.type && !rules.photoTypes.includes(file.type)) return file;
  return shrinkPhoto(file, Math.min(SHRINK_ABOVE, rules.maxPhotoMB * 1024 * 1024));
}

/**
 * Up to 3 photos, each sent to the server as it is picked (raw bytes); the item keeps the stored
 * photo's id for the submission. When the server asks for the challenge (many uploads from one
 * network), it is solved in the page (`onVerifying` shows it) and the photo sent again. A refusal
 * shows the server's Chinese message; one for the day's limit stays under the field.
 */
export function PhotoField({
  regionCode,
  rules,
  value,
  onChange,
  onBusy,
  onVerifying,
}: {
  regionCode: string;
  rules: Rules;
  value?: ImageUploadItem[];
  onChange?: (v: ImageUploadItem[]) => void;
  onBusy: (busy: boolean) => void;
  onVerifying: (on: boolean) => void;
}) {
  const [limit, setLimit] = useState<string | null>(null);
  // several photos may be solving at once: verifying until the last is done
  const solving = useRef(0);
  const verifying = (on: boolean) => {
    solving.current += on ? 1 : -1;
    onVerifying(solving.current > 0);
  };
  return (
    <>
      <ImageUploader
        value={value ?? []}
        onChange={onChange}
        maxCount={rules.maxPhotos}
        multiple
        accept={rules.photoTypes.join(',')}
        showFailed={false}
        onCountExceed={(n) => Toast.show({ content: `最多上传 ${rules.maxPhotos} 张照片，已忽略 ${n} 张` })}
        onUploadQueueChange={(tasks) => onBusy(tasks.some((t) => t.status === 'pending'))}
        beforeUpload={async (picked) => {
          const file = await prepared(picked, rules);
          const problem = photoProblem(file, rules);
          if (problem) {
            Toast.show({ icon: 'fail', content: problem });
            return null;
          }
          return file;
        }}
        upload={async (file) => {
          try {
            const photo = await sendWithChallenge((challenge) => uploadPhoto(regionCode, file, challenge), verifying);
            return { key: photo.id, url: URL.createObjectURL(file), extra: { id: photo.id } };
          } catch (e) {
            const message = e instanceof ApiError ? e.message : '照片上传失败，请重试';
            if (e instanceof ApiError && e.status === 429) setLimit(message);
            Toast.show({ icon: 'fail', content: message });
            throw e;
          }
        }}
      />
      {limit && (
        <div role="alert" style={{ color: '#b7261b', fontSize: 13, marginTop: 6 }}>
          {limit}
        </div>
      )}
      <div style={{ color: '#999', fontSize: 12, marginTop: 6 }}>
        选填，最多 {rules.maxPhotos} 张，JPG 或 PNG；较大的照片会先自动缩小；照片中的拍摄位置等信息会被去除
      </div>
    </>
  );
}

export const photoIdsOf = (items: ImageUploadItem[] | undefined) => (items ?? []).map((i) => (i.extra as { id: string }).id);
