import { useState } from 'react';
import { Button, Dialog, Selector, TextArea, Toast } from 'antd-mobile';
import { RATING_LABELS, RATINGS, type Rating } from '@server/modules/proposal/proposal.schema';
import { ApiError } from '../../../api/client';
import { useProposalActions } from './memberProposalApi';

const OPTIONS = RATINGS.map((r) => ({ label: RATING_LABELS[r], value: r }));

/** One of 满意 / 基本满意 / 不满意; tapping the chosen one again keeps it (antd-mobile's Selector would clear it). */
function RatingPick({ label, value, onChange, testId }: { label: string; value: Rating | null; onChange: (r: Rating) => void; testId: string }) {
  return (
    <div style={{ marginBottom: 12 }} data-testid={testId}>
      <div style={{ fontSize: 14, fontWeight: 500, marginBottom: 6 }}>{label}</div>
      <Selector
        columns={3}
        options={OPTIONS}
        value={value ? [value] : []}
        onChange={(v) => {
          if (v.length) onChange(v[0]);
        }}
        style={{ '--padding': '8px 4px' }}
      />
    </div>
  );
}

/** 测评: the proposer rates the handling work and the result of one reply, with an optional comment. */
export function RatingForm({ replyId, unitName }: { replyId: string; unitName: string }) {
  const { rate } = useProposalActions();
  const [handling, setHandling] = useState<Rating | null>(null);
  const [result, setResult] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const unsatisfied = handling === 'unsatisfied' || result === 'unsatisfied';
  const submit = async () => {
    if (!handling) return void Toast.show({ content: '请评价办理工作' });
    if (!result) return void Toast.show({ content: '请评价办理结果' });
    if (unsatisfied && !comment.trim()) {
      const go = await Dialog.confirm({ content: '写明不满意的原因，便于承办单位重新办理。仍要直接提交吗？', confirmText: '直接提交', cancelText: '去填写' });
      if (!go) return;
    }
    const ok = await Dialog.confirm({
      title: '提交测评',
      content: `办理工作：${RATING_LABELS[handling]}；办理结果：${RATING_LABELS[result]}。提交后不能修改，确定提交？`,
      confirmText: '提交',
      cancelText: '取消',
    });
    if (!ok) return;
    try {
      await rate.mutateAsync({ replyId, handling, result, comment: comment.trim() });
      if (unsatisfied) Dialog.alert({ title: '测评已提交', content: '已转提案委，可要求承办单位重新办理。', confirmText: '知道了' });
      else Toast.show({ icon: 'success', content: '测评已提交，感谢您的评价' });
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '提交失败，请稍后重试' });
    }
  };
  return (
    <div data-testid="proposal-rating-form" style={{ marginTop: 12, padding: 12, borderRadius: 8, background: '#fff7f6', border: '1px solid #f3d3cf' }}>
      <div style={{ fontSize: 15, fontWeight: 600, marginBottom: 10 }}>请对{unitName}的办理进行测评</div>
      <RatingPick label="办理工作" value={handling} onChange={setHandling} testId="rate-handling" />
      <RatingPick label="办理结果" value={result} onChange={setResult} testId="rate-result" />
      {unsatisfied && <div style={{ color: '#d4380d', fontSize: 13, marginBottom: 8 }}>选择不满意的，将转提案委，可要求承办单位重新办理</div>}
      <div style={{ background: '#fff', borderRadius: 8, padding: '8px 10px' }}>
        <TextArea value={comment} onChange={setComment} placeholder={unsatisfied ? '请写明不满意的原因（选填）' : '意见（选填）'} maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </div>
      <Button block color="primary" style={{ marginTop: 12 }} loading={rate.isPending} onClick={submit}>提交测评</Button>
    </div>
  );
}
