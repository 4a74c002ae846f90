import { useState } from 'react';
import { Button, Dialog, Selector, TextArea, Toast } from 'antd-mobile';
import { RATING_LABELS, RATINGS, type Rating } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { useRate } from './residentApi';

const HINTS: Record<Rating, string> = {
  satisfied: '问题已解决或得到满意的答复，诉求将办结',
  basic: '基本认可答复，诉求将办结',
  unsatisfied: '答复未解决问题，将转机关干部重新办理',
};

/** 满意 / 基本满意 / 不满意 + comment; 不满意 reopens the concern for the office. */
export function RatingForm({ code }: { code: string }) {
  const rate = useRate(code);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const submit = async () => {
    if (!rating) return void Toast.show({ content: '请选择满意、基本满意或不满意' });
    if (rating === 'unsatisfied' && !comment.trim()) {
      const go = await Dialog.confirm({ content: '写上不满意的原因，能帮助重新办理。仍要直接提交吗？', confirmText: '直接提交', cancelText: '去填写' });
      if (!go) return;
    }
    try {
      const v = await rate.mutateAsync({ rating, comment: comment.trim() || undefined });
      if (v.rating === 'unsatisfied') Dialog.alert({ title: '已收到您的评价', content: '已转机关干部重新办理，办理结果会在本页更新。', confirmText: '知道了' });
      else Toast.show({ icon: 'success', content: '感谢您的评价' });
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '评价失败，请稍后重试' });
    }
  };
  return (
    <div data-testid="rating-form">
      <Selector
        columns={3}
        options={RATINGS.map((r) => ({ label: RATING_LABELS[r], value: r }))}
        value={rating ? [rating] : []}
        onChange={(v) => setRating((v[0] as Rating) ?? null)}
      />
      {rating && <div style={{ color: rating === 'unsatisfied' ? '#d4380d' : '#888', fontSize: 13, marginTop: 8 }}>{HINTS[rating]}</div>}
      <div style={{ marginTop: 12, background: '#f7f7f7', borderRadius: 8, padding: '8px 10px' }}>
        <TextArea value={comment} onChange={setComment} placeholder={rating === 'unsatisfied' ? '请说说哪里不满意（选填）' : '说说您的意见（选填）'} maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </div>
      <Button block color="primary" style={{ marginTop: 12 }} loading={rate.isPending} onClick={submit}>提交评价</Button>
    </div>
  );
}
