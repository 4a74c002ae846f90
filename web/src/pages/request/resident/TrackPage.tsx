import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, NavBar, NoticeBar, Steps, Tag } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { day, minute, outcomeText, RATING_COLORS, RESIDENT_STATUS, STATUS_COLORS } from './format';
import { Photos } from './Photos';
import { RatingForm } from './RatingForm';
import { useTrack, type TrackView } from './residentApi';
import { Section } from './ResidentShell';
import { residentStore } from './residentStore';

type StepStatus = 'wait' | 'process' | 'finish';
/**
 * 已提交 → 已分派 → 已答复 → 已办结, as far as the concern has come: reached steps done, the last
 * reached one highlighted; reopened (不满意) shows 重新办理 in place of 已答复.
 */
function progress(t: TrackView): { title: string; status: StepStatus }[] {
  const reached = t.status === 'closed' ? 4 : t.status === 'answered' ? 3 : t.status === 'reopened' ? 3 : t.group || t.status !== 'new' ? 2 : 1;
  const titles = ['已提交', '已分派', t.status === 'reopened' ? '重新办理' : '已答复', '已办结'];
  return titles.map((title, i) => ({ title, status: i < reached - 1 || reached === 4 ? 'finish' : i === reached - 1 ? 'process' : 'wait' }));
}

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div style={{ display: 'flex', gap: 12, padding: '6px 0', fontSize: 14 }}>
    <div style={{ color: '#888', width: 70, flexShrink: 0 }}>{label}</div>
    <div style={{ flex: 1, wordBreak: 'break-all' }}>{children}</div>
  </div>
);

/** 查看办理情况: the resident's own concern by its tracking code, the answer, and the rating. */
export function TrackPage({ code }: { code: string }) {
  const navigate = useNavigate();
  const { data: t, error, isLoading } = useTrack(code);
  useEffect(() => {
    // looked up on this phone: keep it in 我的诉求
    if (!t) return;
    if (!residentStore.get().codes.some((c) => c.code === t.code)) residentStore.saveCode({ code: t.code, regionCode: t.regionCode });
    // opened first on this phone by its link: the bottom bar learns where to raise and read the list
    if (!residentStore.get().regionCode) residentStore.setRegion(t.regionCode);
  }, [t]);
  const nav = <NavBar onBack={() => navigate('/track')} style={{ background: '#fff' }}>查看办理情况</NavBar>;
  if (isLoading) return <>{nav}<div style={{ padding: 48, textAlign: 'center' }}><DotLoading /></div></>;
  if (!t)
    return (
      <>
        {nav}
        <ErrorBlock status="empty" title="未找到诉求" description={error instanceof ApiError ? error.message : '请检查网络后重试'}>
          <Button color="primary" onClick={() => navigate('/track')}>重新输入查询码</Button>
        </ErrorBlock>
      </>
    );
  const steps = progress(t);
  const open = t.status === 'new' || t.status === 'claimed' || t.status === 'reopened';
  return (
    <>
      {nav}
      {t.status === 'reopened' && <NoticeBar wrap color="alert" content={t.rating === 'unsatisfied' ? '您对答复不满意，已转机关干部重新办理。' : '诉求正在重新办理。'} />}
      <Section>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, fontSize: 17, fontWeight: 600, lineHeight: 1.5, wordBreak: 'break-all' }}>{t.title}</div>
          <Tag color={STATUS_COLORS[t.status]} style={{ flexShrink: 0, marginTop: 3 }}>{RESIDENT_STATUS[t.status]}</Tag>
        </div>
        <div style={{ color: '#888', fontSize: 13, marginTop: 6 }}>查询码 {t.code} · 提交于 {minute(t.createdAt)}</div>
        <Steps current={steps.findIndex((x) => x.status !== 'finish')} style={{ '--title-font-size': '13px', '--icon-size': '20px', margin: '12px -12px 0' }}>
          {steps.map((x) => <Steps.Step key={x.title} title={x.title} status={x.status} />)}
        </Steps>
        <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 6 }}>
          <Row label="诉求分类">{t.category}</Row>
          <Row label="所在地点">{t.place}</Row>
          <Row label="负责小组">{t.group ?? '正在分派'}</Row>
          {open && <Row label="答复期限">{day(t.dueAt)} 前</Row>}
        </div>
      </Section>
      {t.answer && (
        <Section title="委员答复" extra={outcomeText(t) && <Tag color="success" fill="outline">{outcomeText(t)}</Tag>}>
          <div style={{ fontSize: 13, color: '#888', marginBottom: 8 }}>{t.answeredBy} · {minute(t.answeredAt)}</div>
          <div style={{ fontSize: 15, lineHeight: 1.75, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{t.answer}</div>
          <Photos code={t.code} photos={t.answerPhotos} />
          {t.rating && (
            <div style={{ marginTop: 12, padding: '10px 12px', background: '#f7f7f7', borderRadius: 8, fontSize: 14 }}>
              您的评价：<Tag color={RATING_COLORS[t.rating]}>{t.ratingLabel}</Tag>
              {t.ratingComment && <div style={{ marginTop: 6, color: '#555', wordBreak: 'break-all' }}>{t.ratingComment}</div>}
            </div>
          )}
        </Section>
      )}
      {t.canRate && (
        <Section title="评价本次答复">
          <RatingForm code={t.code} />
        </Section>
      )}
      <Section title="我的诉求">
        <div style={{ fontSize: 15, lineHeight: 1.75, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{t.content}</div>
        <Photos code={t.code} photos={t.photos} />
      </Section>
      <Section title="办理过程">
        <Steps direction="vertical" current={t.timeline.length - 1} style={{ '--title-font-size': '14px', '--description-font-size': '12px' }}>
          {[...t.timeline].reverse().map((e, i) => (
            <Steps.Step key={i} status={i === 0 ? 'process' : 'finish'} title={e.label} description={[e.by, minute(e.at)].filter(Boolean).join(' · ')} />
          ))}
        </Steps>
      </Section>
    </>
  );
}
