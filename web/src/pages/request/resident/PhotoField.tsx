import { ImageUploader, Toast, type ImageUploadItem } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { shrinkPhoto } from '../../../components/shrinkPhoto';
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

/** A photo straight from a phone's camera is often over the limit: it is made smaller first, then checked. */
async function prepared(file: File, rules: Rules) {
  if (file.type && !rules.photoTypes.includes(file.type)) return file;
  return shrinkPhoto(file, rules.maxPhotoMB * 1024 * 1024);
}

/**
 * Up to 3 photos, each sent to the server as it is picked (raw bytes); the item keeps the stored
 * photo's id for the submission. A refusal shows the server's Chinese message.
 */
export function PhotoField({ regionCode, rules, value, onChange, onBusy }: { regionCode: string; rules: Rules; value?: ImageUploadItem[]; onChange?: (v: ImageUploadItem[]) => void; onBusy: (busy: boolean) => void }) {
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
            const photo = await uploadPhoto(regionCode, file);
            return { key: photo.id, url: URL.createObjectURL(file), extra: { id: photo.id } };
          } catch (e) {
            Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '照片上传失败，请重试' });
            throw e;
          }
        }}
      />
      <div style={{ color: '#999', fontSize: 12, marginTop: 6 }}>
        选填，最多 {rules.maxPhotos} 张，JPG 或 PNG；超过 {rules.maxPhotoMB} MB 的照片会先自动缩小；照片中的拍摄位置等信息会被去除
      </div>
    </>
  );
}

export const photoIdsOf = (items: ImageUploadItem[] | undefined) => (items ?? []).map((i) => (i.extra as { id: string }).id);
