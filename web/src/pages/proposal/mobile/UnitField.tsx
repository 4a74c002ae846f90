import { useState } from 'react';
import { Button, CheckList, DotLoading, Popup, SearchBar, Tag, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useUnits } from './memberProposalApi';

export interface UnitRef {
  id: string;
  name: string;
}
const MAX = 5;

/** 建议承办单位: up to five of the org's handling units; the office decides the actual assignment. */
export function UnitField({ value = [], onChange }: { value?: UnitRef[]; onChange?: (v: UnitRef[]) => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const units = useUnits();
  const shown = (units.data ?? []).filter((u) => !q.trim() || u.name.includes(q.trim()));
  const pick = (ids: string[]) => {
    if (ids.length > MAX) return void Toast.show({ content: `建议承办单位最多 ${MAX} 个` });
    const all = units.data ?? [];
    onChange?.(ids.map((id) => all.find((u) => u.id === id) ?? value.find((u) => u.id === id)).filter((u): u is UnitRef => !!u).map((u) => ({ id: u.id, name: u.name })));
  };
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {value.map((u) => (
          <Tag key={u.id} color="primary" fill="outline" style={{ fontSize: 14, padding: '4px 8px' }}>
            {u.name}
            <span role="button" aria-label={`移除${u.name}`} onClick={() => onChange?.(value.filter((x) => x.id !== u.id))} style={{ marginLeft: 6, color: '#999' }}>×</span>
          </Tag>
        ))}
        {value.length < MAX && (
          <Button size="mini" fill="outline" onClick={() => setOpen(true)}>
            <AddOutline /> 选择单位
          </Button>
        )}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, height: '75vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ padding: '14px 16px 6px', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>建议承办单位</div>
        <div style={{ padding: '0 12px 8px' }}>
          <SearchBar placeholder="输入单位名称查找" value={q} onChange={setQ} />
        </div>
        <div style={{ flex: 1, overflowY: 'auto' }}>
          {units.isLoading && <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>}
          {units.error && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>承办单位加载失败，可不填，由提案委交办</div>}
          {units.data && !shown.length && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>没有找到单位</div>}
          <CheckList multiple value={value.map((u) => u.id)} onChange={(v) => pick(v as string[])}>
            {shown.map((u) => <CheckList.Item key={u.id} value={u.id}>{u.name}</CheckList.Item>)}
          </CheckList>
        </div>
        <div style={{ padding: 12 }}>
          <Button block color="primary" onClick={() => setOpen(false)}>完成（已选 {value.length} 个）</Button>
        </div>
      </Popup>
    </>
  );
}
