import { Tag } from 'antd-mobile';
import { Clamp } from '../../request/resident/Clamp';
import type { ReplyView } from './memberProposalApi';
import { day, minute, RATING_COLORS } from './proposalFormat';
import { RatingForm } from './RatingForm';

/** A unit's reply as a letter: its number, category, text, the co-units' sign-off (会签), follow-up date, ratings and my rating form. */
export function ReplyLetter({ r, canRate, myMemberId }: { r: ReplyView; canRate: boolean; myMemberId: string | undefined }) {
  const mine = r.ratings.find((x) => x.member.id === myMemberId);
  return (
    <div data-testid="proposal-reply" style={{ background: '#fff', borderRadius: 8, margin: '0 12px 12px', padding: '14px 16px', borderTop: `3px solid ${r.status === 'returned' ? '#bbb' : '#b7261b'}` }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 16, fontWeight: 600 }}>{r.unit.name}</span>
        <span style={{ color: '#999', fontSize: 13 }}>{r.kind === 'follow_up' ? '落实情况报告' : '答复'}{r.round > 1 ? `（第${r.round}次办理）` : ''}</span>
      </div>
      <div style={{ color: '#999', fontSize: 13, marginTop: 4, lineHeight: 1.6 }}>
        {r.letterNo && <span>{r.letterNo} · </span>}
        {day(r.sentAt)} · 签发：{r.signer}
      </div>
      {r.categoryLabel && (
        <div style={{ marginTop: 8, fontSize: 14, lineHeight: 1.6 }}>
          <Tag color="primary" style={{ marginRight: 6 }}>{r.category}类</Tag>
          {r.categoryLabel}
          {r.categoryCorrectedFrom && <span style={{ color: '#999', fontSize: 12 }}>（提案委由{r.categoryCorrectedFrom}类更正）</span>}
        </div>
      )}
      {r.followUpOn && <div style={{ marginTop: 6, color: '#ad4e00', fontSize: 14 }}>承诺于 {r.followUpOn} 前再次报告落实情况</div>}
      {r.status === 'returned' && <div style={{ marginTop: 6, color: '#a8071a', fontSize: 14, wordBreak: 'break-all' }}>此答复已退回重办{r.returnedReason ? `：${r.returnedReason}` : ''}</div>}
      <Clamp text={r.body} rows={8} style={{ fontSize: 15, lineHeight: 1.8, marginTop: 10, color: '#333' }} />
      {r.signOffs.length > 0 && (
        <div style={{ marginTop: 10, padding: '8px 10px', background: '#f7f7f7', borderRadius: 6 }}>
          <div style={{ fontSize: 13, fontWeight: 600, marginBottom: 4 }}>会签</div>
          {r.signOffs.map((s) => (
            <div key={s.unit.id} style={{ fontSize: 13, color: '#555', lineHeight: 1.6, marginBottom: 4, wordBreak: 'break-all' }}>
              <b>{s.unit.name}</b>
              {s.signedOffAt ? `（${day(s.signedOffAt)} 会签）` : s.late ? '（逾期未会签）' : '（未会签）'}
              {s.text && <div>{s.text}</div>}
            </div>
          ))}
        </div>
      )}
      {r.ratings.length > 0 && (
        <div style={{ marginTop: 10 }}>
          <div style={{ fontSize: 13, fontWeight: 600, marginBottom: 4 }}>测评</div>
          {r.ratings.map((x) => (
            <div key={x.id} style={{ fontSize: 13, color: '#555', lineHeight: 1.8, wordBreak: 'break-all' }}>
              {x.member.name}{x.onBehalf ? '（代录）' : ''}：办理工作 <Tag color={RATING_COLORS[x.handling]} fill="outline">{x.handlingLabel}</Tag> 办理结果{' '}
              <Tag color={RATING_COLORS[x.result]} fill="outline">{x.resultLabel}</Tag>
              {x.comment && <div style={{ color: '#888' }}>{x.comment}</div>}
              <div style={{ color: '#bbb', fontSize: 12 }}>{minute(x.at)}</div>
            </div>
          ))}
          {mine && (mine.handling === 'unsatisfied' || mine.result === 'unsatisfied') && (
            <div style={{ color: '#d4380d', fontSize: 13, marginTop: 4 }}>已转提案委，可要求承办单位重新办理</div>
          )}
        </div>
      )}
      {canRate && <RatingForm replyId={r.id} unitName={r.unit.name} />}
    </div>
  );
}
