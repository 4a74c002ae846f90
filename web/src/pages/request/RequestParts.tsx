import { useState } from 'react';
import { App, Button, Image, Space, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { photoUrl, revealRequestContact, type PhotoView, type RequestDetailView } from './requestApi';

/** Thumbnails of a concern's (or an answer's) photos; a click shows them large, with the others to page through. */
export function PhotoGrid({ photos }: { photos: PhotoView[] }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {photos.map((p, i) => (
          <Image key={p.id} src={photoUrl(p.id)} alt={`照片 ${i + 1}`} width={112} height={112} style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** The resident, masked (张*, 139****1234); staff and the responsible member may see the whole name and number (audited). */
export function ResidentContact({ r }: { r: RequestDetailView }) {
  const [full, setFull] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  if (r.phoneErased) return <Typography.Text type="secondary">{r.residentName ?? '群众'}（手机号已按规定到期删除）</Typography.Text>;
  const shown = full ? [full.name, full.phone].filter(Boolean).join(' ') : [r.residentName, r.phoneMasked].filter(Boolean).join(' ');
  return (
    <Space size={4} wrap>
      <span>{shown || '未留称呼'}</span>
      {r.can.viewContact && !full && (
        <Tooltip title="查看完整姓名和手机号，以便电话联系群众（将记入审计日志）">
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={busy}
            onClick={() => {
              setBusy(true);
              revealRequestContact(r.id)
                .then(setFull, (e: unknown) => message.error(e instanceof ApiError ? e.message : '查看失败'))
                .finally(() => setBusy(false));
            }}
          >
            查看完整手机号
          </Button>
        </Tooltip>
      )}
      {full && <Typography.Text type="secondary" style={{ fontSize: 12 }}>已记入审计日志</Typography.Text>}
    </Space>
  );
}

/** A plain list of rows (antd's List is deprecated in 6.6): dividers between items, a text when empty. */
export function Rows<T>({ items, render, empty, keyOf, bordered }: { items: T[]; render: (x: T) => React.ReactNode; empty: React.ReactNode; keyOf: (x: T) => string; bordered?: boolean }) {
  if (!items.length) return <div style={{ padding: '12px 0', color: 'rgba(0,0,0,0.45)', textAlign: 'center' }}>{empty}</div>;
  return (
    <div style={bordered ? { border: '1px solid #f0f0f0', borderRadius: 6, padding: '0 12px' } : undefined}>
      {items.map((x, i) => (
        <div key={keyOf(x)} style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
          {render(x)}
        </div>
      ))}
    </div>
  );
}
