import { Image, ImageViewer } from 'antd-mobile';
import type { PhotoView } from './residentApi';
import { trackPhotoUrl } from './residentApi';

/** A row of thumbnails of a concern's (or its answer's) photos; tapping one opens them full screen. */
export function Photos({ code, photos }: { code: string; photos: PhotoView[] }) {
  if (!photos.length) return null;
  const urls = photos.map((p) => trackPhotoUrl(code, p.id));
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 10 }}>
      {urls.map((u, i) => (
        <Image key={u} src={u} width={88} height={88} fit="cover" lazy style={{ borderRadius: 6 }} onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })} />
      ))}
    </div>
  );
}
