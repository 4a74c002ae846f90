import { Tag } from 'antd-mobile';
import type { RequestStatus } from '@server/modules/request/request.schema';
import { day, RESIDENT_STATUS } from './format';
import type { PublicSearchHit } from './residentApi';

/** Matched words marked (the server sends text pieces, never HTML). */
const Marked = ({ parts }: { parts: { text: string; hit: boolean }[] }) => (
  <>{parts.map((p, i) => (p.hit ? <mark key={i} style={{ background: '#fff1b8', color: '#b7261b', padding: 0 }}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>
);

/** One published concern found by the public search. */
export function SearchHitCard({ hit }: { hit: PublicSearchHit }) {
  return (
    <div style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px' }} data-testid="search-hit">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#888' }}>
        {hit.category && <Tag color="primary" fill="outline">{hit.category}</Tag>}
        <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{hit.placeName}</span>
        <span style={{ flexShrink: 0 }}>{day(hit.createdAt)}</span>
      </div>
      <div style={{ fontSize: 16, fontWeight: 600, marginTop: 8, lineHeight: 1.5, wordBreak: 'break-all' }}>
        <Marked parts={hit.titleHighlights.length ? hit.titleHighlights : [{ text: hit.title, hit: false }]} />
      </div>
      <div style={{ fontSize: 14, color: '#555', lineHeight: 1.7, marginTop: 4, wordBreak: 'break-all' }}>
        <Marked parts={hit.snippetHighlights.length ? hit.snippetHighlights : [{ text: hit.snippet, hit: false }]} />
      </div>
      <div style={{ marginTop: 8 }}>
        <Tag color={hit.status === 'closed' || hit.status === 'answered' ? 'success' : 'default'} fill="outline">{RESIDENT_STATUS[hit.status as RequestStatus] ?? hit.status}</Tag>
      </div>
    </div>
  );
}
