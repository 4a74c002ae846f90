import { useEffect, useState } from 'react';
import { Popup, Tag } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { RequestStatus } from '@server/modules/request/request.schema';
import { RESIDENT_STATUS } from './format';
import { useSimilar } from './residentApi';

/** The text as typed, settled for `ms` (the similar search runs on what the resident stopped at). */
export function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const statusLabel = (s: string) => RESIDENT_STATUS[s as RequestStatus] ?? s;

/**
 * "已有N条类似诉求" under the content while typing; tapping shows the published ones with their
 * answers, so the resident may find theirs already answered.
 */
export function SimilarHint({ regionCode, text }: { regionCode: string; text: string }) {
  const settled = useDebounced(text.trim(), 500);
  const { data } = useSimilar(regionCode, settled);
  const [open, setOpen] = useState(false);
  if (!data || !data.count || settled.length < 6) return null;
  return (
    <>
      <div
        role="button"
        data-testid="similar-hint"
        onClick={() => setOpen(true)}
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 8, padding: '8px 12px', background: '#fff7e6', color: '#ad6800', borderRadius: 8, fontSize: 13 }}
      >
        <span>已有 {data.count} 条类似诉求{data.items.length ? '，看看是否已有答复' : '，正在办理中'}</span>
        {data.items.length > 0 && <RightOutline />}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} showCloseButton bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '75vh', overflowY: 'auto' }}>
        <div style={{ padding: '16px 16px 24px' }}>
          <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 4 }}>类似的诉求</div>
          <div style={{ color: '#888', fontSize: 13, marginBottom: 12 }}>
            共 {data.count} 条类似诉求{data.items.length ? `，以下是已公开的 ${data.items.length} 条及其答复。若已解决您的问题，就不必重复提交。` : '，暂无公开的答复。'}
          </div>
          {data.items.map((s) => (
            <div key={s.id} style={{ borderTop: '1px solid #f0f0f0', padding: '12px 0' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <div style={{ flex: 1, fontWeight: 500, wordBreak: 'break-all' }}>{s.title}</div>
                <Tag color={s.status === 'closed' || s.status === 'answered' ? 'success' : 'default'} fill="outline">{statusLabel(s.status)}</Tag>
              </div>
              <div style={{ marginTop: 6, padding: '8px 10px', background: '#f7f7f7', borderRadius: 6, fontSize: 13, color: '#555', lineHeight: 1.6, wordBreak: 'break-all' }}>
                {s.answerSnippet ? <>答复：{s.answerSnippet}</> : '尚未答复'}
              </div>
            </div>
          ))}
        </div>
      </Popup>
    </>
  );
}
