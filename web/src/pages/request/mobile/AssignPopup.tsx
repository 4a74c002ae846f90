import { useState } from 'react';
import { Button, CheckList, DotLoading, Popup, SearchBar, Toast } from 'antd-mobile';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { useGroupMembers, useRequestActions } from './memberRequestApi';

/** 指定委员: the convener gives the concern to a member of the group. */
export function AssignPopup({ r, visible, onClose }: { r: RequestDetailView; visible: boolean; onClose: () => void }) {
  const members = useGroupMembers(visible ? r.group?.id : undefined);
  const { assign } = useRequestActions(r.id);
  const [picked, setPicked] = useState<string | null>(r.member?.id ?? null);
  const [q, setQ] = useState('');
  const shown = (members.data ?? []).filter((m) => !q || m.name.includes(q) || m.sector.name.includes(q));
  const submit = () => {
    if (!picked) {
      Toast.show({ content: '请选择办理的委员' });
      return;
    }
    assign.mutate(picked, {
      onSuccess: (d) => {
        Toast.show({ icon: 'success', content: `已指定${d.member?.name ?? ''}办理` });
        onClose();
      },
      onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '指定失败，请重试' }),
    });
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', display: 'flex', flexDirection: 'column' }}>
      <div style={{ padding: '14px 16px 8px', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>指定办理委员</div>
      <div style={{ padding: '0 12px 8px', color: '#888', fontSize: 13, textAlign: 'center' }}>{r.group?.name}的委员；被指定的委员会收到消息提醒</div>
      <div style={{ padding: '0 12px 8px' }}>
        <SearchBar placeholder="按姓名或界别筛选" value={q} onChange={setQ} />
      </div>
      <div style={{ overflowY: 'auto', flex: 1 }}>
        {members.isLoading ? (
          <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>
        ) : (
          <CheckList value={picked ? [picked] : []} onChange={(v) => setPicked((v[0] as string) ?? null)}>
            {shown.map((m) => (
              <CheckList.Item key={m.id} value={m.id} description={`${m.sector.name} · ${m.workUnit}`}>
                {m.name}
                {r.member?.id === m.id ? '（当前办理）' : ''}
              </CheckList.Item>
            ))}
          </CheckList>
        )}
        {members.data && !shown.length && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>没有符合条件的委员</div>}
      </div>
      <div style={{ padding: 12, display: 'flex', gap: 12 }}>
        <Button block onClick={onClose}>取消</Button>
        <Button block color="primary" loading={assign.isPending} disabled={!picked || picked === r.member?.id} onClick={submit}>确定指定</Button>
      </div>
    </Popup>
  );
}
