import { useState } from 'react';
import { Button, DotLoading, List, Popup, SearchBar, Tag, Toast } from 'antd-mobile';
import { AddOutline, CheckOutline } from 'antd-mobile-icons';
import { MAX_CO_AUTHORS } from '@server/modules/opinion/opinion.schema';
import { useMemberSearch } from './memberOpinionApi';

export interface CoAuthor {
  id: string;
  name: string;
  sector: string;
  /** a proposal's co-signer: the invitation's state once saved (已邀请, 已确认…) */
  status?: 'invited' | 'confirmed' | 'declined' | 'lapsed';
  statusLabel?: string;
}

/**
 * 联名委员 of a report or a proposal: chosen by searching members by name, pinyin or initials
 * (zhm → 张红梅), in order, up to `max` (a report's five by default).
 */
export function CoAuthorField({
  value = [],
  onChange,
  selfId,
  max = MAX_CO_AUTHORS,
  addLabel = '添加联名委员',
}: {
  value?: CoAuthor[];
  onChange?: (v: CoAuthor[]) => void;
  selfId: string | undefined;
  max?: number;
  addLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const found = useMemberSearch(q);
  const chosen = new Set(value.map((v) => v.id));
  const toggle = (m: CoAuthor) => {
    if (chosen.has(m.id)) return onChange?.(value.filter((v) => v.id !== m.id));
    if (value.length >= max) return Toast.show({ content: `联名委员最多 ${max} 位` });
    onChange?.([...value, m]);
  };
  const results = (found.data ?? []).filter((m) => m.id !== selfId);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {value.map((m) => (
          <Tag key={m.id} color="primary" fill="outline" style={{ fontSize: 14, padding: '4px 8px' }}>
            {m.name}
            {m.statusLabel && <span style={{ color: '#999', fontSize: 12 }}>（{m.statusLabel}）</span>}
            <span role="button" aria-label={`移除${m.name}`} onClick={() => toggle(m)} style={{ marginLeft: 6, color: '#999' }}>×</span>
          </Tag>
        ))}
        {value.length < max && (
          <Button size="mini" fill="outline" onClick={() => setOpen(true)}>
            <AddOutline /> {addLabel}
          </Button>
        )}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, height: '75vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ padding: '14px 16px 6px', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>选择联名委员</div>
        <div style={{ padding: '0 12px 8px' }}>
          <SearchBar placeholder="输入姓名、拼音或首字母" value={q} onChange={setQ} autoFocus />
        </div>
        <div style={{ flex: 1, overflowY: 'auto' }}>
          {!q.trim() && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>输入姓名、拼音或拼音首字母查找本组织委员</div>}
          {found.isFetching && !found.data && <div style={{ padding: 24, textAlign: 'center' }}><DotLoading /></div>}
          {q.trim() && found.data && !results.length && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>没有找到“{q}”</div>}
          <List>
            {q.trim() &&
              results.map((m) => (
                <List.Item
                  key={m.id}
                  description={`${m.sector.name}${m.group ? ` · ${m.group.name}` : ''}`}
                  extra={chosen.has(m.id) ? <CheckOutline style={{ color: '#b7261b', fontSize: 20 }} /> : null}
                  onClick={() => toggle({ id: m.id, name: m.name, sector: m.sector.name })}
                  arrowIcon={false}
                >
                  {m.name}
                </List.Item>
              ))}
          </List>
        </div>
        <div style={{ padding: 12 }}>
          <Button block color="primary" onClick={() => setOpen(false)}>完成（已选 {value.length} 位）</Button>
        </div>
      </Popup>
    </>
  );
}
