import { useState } from 'react';
import { Button, Tag, Toast } from 'antd-mobile';
import { HeartFill, HeartOutline } from 'antd-mobile-icons';
import { ApiError } from '../../../api/client';
import { Clamp } from './Clamp';
import { day, outcomeText, RATING_COLORS, RESIDENT_STATUS } from './format';
import { follow, type PublicItemView } from './residentApi';
import { residentStore, useResidentStore } from './residentStore';

/** 关注 without an account: +1 once per phone (the phone remembers, and the server counts its token once). */
function FollowButton({ id, count }: { id: string; count: number }) {
  const { followed } = useResidentStore();
  const [n, setN] = useState(count);
  const [busy, setBusy] = useState(false);
  const mine = followed.includes(id);
  return (
    <Button
      size="mini"
      shape="rounded"
      color={mine ? 'default' : 'primary'}
      fill="outline"
      loading={busy}
      data-testid="follow"
      onClick={async () => {
        if (mine || busy) return;
        setBusy(true);
        try {
          const r = await follow(id, residentStore.device());
          setN(r.followCount);
          residentStore.follow(id);
          Toast.show({ content: '已关注，可在“我的诉求”中查看' });
        } catch (e) {
          Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '关注失败，请稍后重试' });
        } finally {
          setBusy(false);
        }
      }}
    >
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        {mine ? <HeartFill color="#b7261b" /> : <HeartOutline />}
        {mine ? '已关注' : '关注'} {n}
      </span>
    </Button>
  );
}

/** One published concern with its answer: category, place, text, answer, outcome, rating, member. */
export function PublicCard({ item }: { item: PublicItemView }) {
  const outcome = outcomeText(item);
  return (
    <div style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: '14px 16px' }} data-testid="public-card">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#888' }}>
        <Tag color="primary" fill="outline">{item.category}</Tag>
        <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{item.place}</span>
        <span style={{ flexShrink: 0 }}>{day(item.createdAt)}</span>
      </div>
      <div style={{ fontSize: 16, fontWeight: 600, marginTop: 8, lineHeight: 1.5, wordBreak: 'break-all' }}>{item.title}</div>
      <Clamp text={item.content} rows={3} style={{ fontSize: 14, color: '#555', lineHeight: 1.7, marginTop: 4 }} />
      {item.answer ? (
        <div style={{ marginTop: 10, background: '#f7f7f7', borderRadius: 8, padding: '10px 12px' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap', fontSize: 13 }}>
            <span style={{ fontWeight: 600, color: '#b7261b' }}>{item.answeredBy}答复</span>
            <span style={{ color: '#999' }}>{day(item.answeredAt)}</span>
          </div>
          <Clamp text={item.answer} rows={4} style={{ fontSize: 14, color: '#333', lineHeight: 1.7, marginTop: 4 }} />
        </div>
      ) : (
        <div style={{ marginTop: 10, color: '#999', fontSize: 13 }}>{RESIDENT_STATUS[item.status]}，尚未答复</div>
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginTop: 10, flexWrap: 'wrap' }}>
        {outcome && <Tag color="success">{outcome}</Tag>}
        {item.rating && <Tag color={RATING_COLORS[item.rating]} fill="outline">群众评价：{item.ratingLabel}</Tag>}
        <div style={{ flex: 1 }} />
        <FollowButton id={item.id} count={item.followCount} />
      </div>
    </div>
  );
}
