import { useState } from 'react';
import { Button, Dialog, List, Toast } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { fetchContact } from './memberRequestApi';

/**
 * The resident, masked; the responsible member may see the whole number to call them back (the
 * look-up is recorded in the audit log, which the member is told before).
 */
export function ResidentContact({ r }: { r: RequestDetailView }) {
  const [contact, setContact] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    const ok = await Dialog.confirm({
      title: '联系群众',
      content: '将显示群众的完整手机号，查看记录会写入审计日志。请仅用于办理本诉求。',
      confirmText: '显示号码',
      cancelText: '取消',
    });
    if (!ok) return;
    setBusy(true);
    try {
      setContact(await fetchContact(r.id));
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '获取联系方式失败' });
    } finally {
      setBusy(false);
    }
  };
  const phone = r.phoneErased ? '已按规定删除' : (contact?.phone ?? r.phoneMasked ?? '未留');
  return (
    <List header="提出诉求的群众" style={{ '--header-font-size': '14px' }}>
      <List.Item extra={contact?.name ?? r.residentName ?? '未留称呼'}>称呼</List.Item>
      <List.Item
        extra={
          contact?.phone ? (
            <a href={`tel:${contact.phone}`} style={{ color: '#b7261b', display: 'inline-flex', alignItems: 'center', gap: 4, fontSize: 16 }}>
              <PhoneFill /> {contact.phone}
            </a>
          ) : (
            phone
          )
        }
        description={contact?.phone ? '点击号码即可拨打' : !r.can.viewContact && r.phoneMasked && !r.phoneErased ? '认领或被指定办理后，可查看完整号码联系群众' : undefined}
      >
        手机号
      </List.Item>
      {r.can.viewContact && !contact && (
        <List.Item>
          <Button block color="primary" fill="outline" loading={busy} onClick={reveal}>
            <PhoneFill /> 联系群众
          </Button>
        </List.Item>
      )}
    </List>
  );
}
