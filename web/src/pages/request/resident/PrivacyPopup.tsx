import { Button, Popup } from 'antd-mobile';
import type { RequestFormView } from './residentApi';

/** 个人信息收集说明 as the server words it (个人信息保护法: what, why, who sees it, how long). */
export function PrivacyPopup({ privacy, visible, onClose, onAgree }: { privacy: RequestFormView['privacy']; visible: boolean; onClose: () => void; onAgree: () => void }) {
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', display: 'flex', flexDirection: 'column' }}>
      <div style={{ padding: '16px 16px 0', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>{privacy.title}</div>
      <div style={{ padding: '12px 16px', overflowY: 'auto', flex: 1, fontSize: 14, lineHeight: 1.75, color: '#333' }}>
        {privacy.paragraphs.map((p, i) => <p key={i} style={{ margin: '0 0 10px' }}>{p}</p>)}
      </div>
      <div style={{ display: 'flex', gap: 12, padding: '8px 16px 16px' }}>
        <Button block onClick={onClose}>关闭</Button>
        <Button
          block
          color="primary"
          onClick={() => {
            onAgree();
            onClose();
          }}
        >
          我已阅读并同意
        </Button>
      </div>
    </Popup>
  );
}
