import { Image, ImageViewer } from 'antd-mobile';
import type { PhotoView } from '@server/modules/request/request.schema';
import { photoUrl } from './memberRequestApi';

/** Photos as thumbnails; a tap opens them full screen. */
export function PhotoStrip({ photos }: { photos: PhotoView[] }) {
  if (!photos.length) return null;
  const urls = photos.map((p) => photoUrl(p.id));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, marginTop: 10 }}>
      {urls.map((u, i) => (
        <Image key={u} src={u} fit="cover" style={{ width: '100%', aspectRatio: '1', borderRadius: 6 }} onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })} />
      ))}
    </div>
  );
}
