import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Dialog, DotLoading, ErrorBlock, List, NavBar, Tag, Toast } from 'antd-mobile';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { ApiError } from '../../../api/client';
import { AssignPopup } from './AssignPopup';
import { EscalatePopup } from './EscalatePopup';
import { PhotoStrip } from './PhotoStrip';
import { ResidentContact } from './ResidentContact';
import { RequestAnswerView } from './RequestAnswerView';
import { RequestTimeline } from './RequestTimeline';
import { useRequest, useRequestActions } from './memberRequestApi';
import { dueLabel, fmtTime, STATUS_COLORS } from './requestFormat';

/** A concern on the member's phone: what the resident asked, who they are (masked), what happened, and what I can do. */
export function MemberRequest() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: r, error, isLoading } = useRequest(id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/requests'));
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 16 }}>
      <NavBar onBack={back} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>诉求详情</NavBar>
      {isLoading && <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>}
      {error && (
        <ErrorBlock
          status={error instanceof ApiError && error.status === 404 ? 'empty' : 'default'}
          title={error instanceof ApiError ? error.message : '加载失败'}
          description={error instanceof ApiError && error.status === 403 ? '您只能查看和办理本小组的诉求，以及指定给您的诉求' : '请返回后重试'}
          style={{ padding: '48px 16px' }}
        >
          <Button color="primary" fill="outline" onClick={() => navigate('/requests')}>返回诉求列表</Button>
        </ErrorBlock>
      )}
      {r && <Detail r={r} />}
    </div>
  );
}

function Detail({ r }: { r: RequestDetailView }) {
  const navigate = useNavigate();
  const due = dueLabel(r);
  const opinion = r.escalations.filter((e) => e.kind === 'opinion_report' && e.targetId);
  return (
    <>
      <Card style={{ margin: 12 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
          <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
          <Tag color="primary" fill="outline">{r.category.name}</Tag>
          <span style={{ marginLeft: 'auto', color: '#999', fontSize: 13 }}>编号 {r.code}</span>
        </div>
        <div style={{ fontSize: 18, fontWeight: 600, margin: '10px 0 8px', lineHeight: 1.4, wordBreak: 'break-all' }}>{r.title}</div>
        <div style={{ fontSize: 15, lineHeight: 1.7, whiteSpace: 'pre-wrap', wordBreak: 'break-all', color: '#333' }}>{r.content}</div>
        <PhotoStrip photos={r.photos} />
      </Card>
      <List style={{ margin: '0 12px', borderRadius: 8, overflow: 'hidden', '--border-top': 'none', '--border-bottom': 'none' }}>
        <List.Item extra={r.place.fullName}>地点</List.Item>
        <List.Item extra={fmtTime(r.createdAt)}>提交时间</List.Item>
        <List.Item extra={<span style={{ color: due.danger ? '#b7261b' : due.warn ? '#d46b08' : undefined, fontWeight: due.danger ? 600 : undefined }}>{fmtTime(r.dueAt).slice(0, 10)}（{due.text}）</span>}>答复期限</List.Item>
        <List.Item extra={r.group?.name ?? '未分配小组'}>负责小组</List.Item>
        <List.Item extra={r.member?.name ?? '尚无委员认领'}>办理委员</List.Item>
      </List>
      {r.can.seeResident ? (
        <div style={{ margin: 12, borderRadius: 8, overflow: 'hidden' }}>
          <ResidentContact r={r} />
        </div>
      ) : (
        <div style={{ margin: '12px 16px', color: '#999', fontSize: 13 }}>这条诉求已公开，由其他小组办理，您可以查阅办理情况。</div>
      )}
      {r.answer && <RequestAnswerView r={r} />}
      {opinion.length > 0 && (
        <List header="已转化" style={{ margin: '0 12px 12px', borderRadius: 8, overflow: 'hidden' }}>
          {opinion.map((e) => (
            <List.Item key={e.id} description={`${e.kindLabel} · ${fmtTime(e.createdAt)}`} onClick={() => navigate(`/reports/${e.targetId}`)}>
              {e.title}
            </List.Item>
          ))}
        </List>
      )}
      {r.escalations.some((e) => e.kind !== 'opinion_report') && (
        <div style={{ margin: '0 12px 12px', color: '#888', fontSize: 13 }}>
          {r.escalations.filter((e) => e.kind !== 'opinion_report').map((e) => `已由机关转为${e.kindLabel}“${e.title}”`).join('；')}
        </div>
      )}
      <Card title="办理过程" style={{ margin: '0 12px 12px' }}>
        <RequestTimeline events={r.events} />
      </Card>
      <Actions r={r} />
    </>
  );
}

/** The bottom bar: claim, assign (convener), answer, escalate — each shown only when the server says I may. */
function Actions({ r }: { r: RequestDetailView }) {
  const navigate = useNavigate();
  const { claim } = useRequestActions(r.id);
  const [assigning, setAssigning] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const doClaim = async () => {
    const ok = await Dialog.confirm({ content: `认领后由您负责答复，请在 ${fmtTime(r.dueAt).slice(0, 10)} 前答复群众。确定认领？`, confirmText: '认领', cancelText: '取消' });
    if (!ok) return;
    claim.mutate(undefined, {
      onSuccess: () => Toast.show({ icon: 'success', content: '已认领，请及时联系群众并答复' }),
      onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '认领失败，请重试' }),
    });
  };
  const buttons = [
    r.can.claim && <Button key="claim" block color="primary" fill="outline" loading={claim.isPending} onClick={doClaim}>认领</Button>,
    r.can.assign && <Button key="assign" block fill="outline" onClick={() => setAssigning(true)}>指定委员</Button>,
    r.can.answer && <Button key="answer" block color="primary" onClick={() => navigate(`/requests/${r.id}/answer`)}>答复群众</Button>,
  ].filter(Boolean);
  return (
    <>
      {r.can.escalate && (
        <div style={{ margin: '0 12px 12px' }}>
          <Button block fill="none" style={{ color: '#b7261b', background: '#fff' }} onClick={() => setEscalating(true)}>
            转为社情民意信息
          </Button>
        </div>
      )}
      {buttons.length > 0 && <div style={{ height: 72 }} />}
      {buttons.length > 0 && (
        <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #eee', padding: '10px 12px calc(10px + env(safe-area-inset-bottom))', display: 'flex', gap: 10 }}>
          {buttons}
        </div>
      )}
      {r.can.assign && <AssignPopup r={r} visible={assigning} onClose={() => setAssigning(false)} />}
      <EscalatePopup r={r} visible={escalating} onClose={() => setEscalating(false)} />
    </>
  );
}
