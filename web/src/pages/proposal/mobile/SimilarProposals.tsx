import { useEffect, useState } from 'react';
import { Popup, Tag } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useSimilarProposals, type SimilarProposal } from './memberProposalApi';
import { day } from './proposalFormat';

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * "已有N件相似提案": earlier proposals like the one being written, with how they were answered, so a member
 * can build on them rather than repeat them. Tapping one opens it in a sheet (it may not be the member's own).
 */
export function SimilarProposals({ title, text, exceptId }: { title: string; text: string; exceptId: string | undefined }) {
  const t = useDebounced(title.trim(), 600);
  const x = useDebounced(text.trim(), 900);
  const { data } = useSimilarProposals(t, x, exceptId);
  const [open, setOpen] = useState(false);
  const [one, setOne] = useState<SimilarProposal | null>(null);
  if (!data?.length) return null;
  return (
    <>
      <div
        role="button"
        data-testid="similar-proposals"
        onClick={() => setOpen(true)}
        style={{ margin: '8px 12px', padding: '10px 14px', borderRadius: 8, background: '#fffbe6', border: '1px solid #ffe58f', color: '#874d00', display: 'flex', alignItems: 'center', gap: 8 }}
      >
        <span style={{ flex: 1, lineHeight: 1.5 }}>已有 {data.length} 件相似提案，看看以往是怎么答复的</span>
        <RightOutline />
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', overflowY: 'auto' }}>
        <div style={{ padding: '14px 16px 4px', fontSize: 17, fontWeight: 600, textAlign: 'center' }}>相似提案（{data.length}）</div>
        <div style={{ padding: '0 16px 8px', color: '#999', fontSize: 12, textAlign: 'center' }}>围绕同一问题的提案可联名或补充新的建议，避免重复</div>
        {data.map((s) => (
          <div key={s.id} role="button" onClick={() => setOne(s)} style={{ margin: '0 12px 10px', padding: '10px 12px', borderRadius: 8, background: '#f7f7f7' }}>
            <div style={{ fontSize: 15, fontWeight: 500, lineHeight: 1.5, wordBreak: 'break-all' }}>{s.title}</div>
            <div style={{ color: '#999', fontSize: 12, marginTop: 2 }}>
              {s.session}{s.numberLabel ?? ''} · {s.proposerName} · {s.statusLabel}
            </div>
            {s.reply ? (
              <div style={{ fontSize: 13, color: '#555', marginTop: 4, lineHeight: 1.6, wordBreak: 'break-all' }}>
                <b>{s.reply.unit}</b>
                {s.reply.categoryLabel && <span style={{ color: '#b7261b' }}>（{s.reply.categoryLabel}）</span>}：
                <span style={{ display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 2, overflow: 'hidden' }}>{s.reply.snippet}</span>
              </div>
            ) : (
              <div style={{ fontSize: 13, color: '#999', marginTop: 4 }}>尚未答复</div>
            )}
          </div>
        ))}
        <div style={{ height: 'calc(12px + env(safe-area-inset-bottom))' }} />
      </Popup>
      <Popup visible={!!one} onMaskClick={() => setOne(null)} onClose={() => setOne(null)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '85vh', overflowY: 'auto' }}>
        {one && (
          <div style={{ padding: '16px 16px calc(16px + env(safe-area-inset-bottom))' }}>
            <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
              <Tag fill="outline">{one.session}{one.numberLabel ?? ''}</Tag>
              <Tag color="primary">{one.statusLabel}</Tag>
            </div>
            <div style={{ fontSize: 17, fontWeight: 600, margin: '10px 0 4px', lineHeight: 1.5, wordBreak: 'break-all' }}>{one.title}</div>
            <div style={{ color: '#999', fontSize: 13 }}>提案者：{one.proposerName}</div>
            {one.words.length > 0 && (
              <div style={{ marginTop: 8, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                {one.words.slice(0, 8).map((w) => <Tag key={w} color="warning" fill="outline">{w}</Tag>)}
              </div>
            )}
            {one.reply ? (
              <div style={{ marginTop: 12, background: '#f7f7f7', borderRadius: 8, padding: '10px 12px', lineHeight: 1.7, wordBreak: 'break-all' }}>
                <div style={{ fontWeight: 600, color: '#b7261b' }}>{one.reply.unit} · {day(one.reply.sentAt)} 答复</div>
                {one.reply.categoryLabel && <div style={{ fontSize: 13, color: '#555' }}>{one.reply.categoryLabel}</div>}
                <div style={{ fontSize: 14, marginTop: 4 }}>{one.reply.snippet}</div>
              </div>
            ) : (
              <div style={{ marginTop: 12, color: '#999' }}>尚未答复</div>
            )}
          </div>
        )}
      </Popup>
    </>
  );
}
