import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Dialog, DotLoading, ErrorBlock, List, NavBar, Steps, Tag, Toast } from 'antd-mobile';
import { FileOutline } from 'antd-mobile-icons';
import type { MemberView } from '@server/modules/member/member.schema';
import { ApiError, get } from '../../../api/client';
import { proposalFileUrl, useProposal, useProposalActions, type ProposalView } from './memberProposalApi';
import { day, minute, numberWithSession, SIGNER_COLORS, STATUS_COLORS } from './proposalFormat';
import { ReplyLetter } from './ReplyLetter';

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const card = { margin: '0 12px 12px' };
const text = { fontSize: 15, lineHeight: 1.8, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** /proposals/:id: the proposal, its proposers, units, replies (with my rating) and timeline; the actions I may take now. */
export function MemberProposal() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: p, error, isLoading } = useProposal(id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/proposals'));
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 16, overflowX: 'hidden' }}>
      <NavBar onBack={back} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>提案</NavBar>
      {isLoading && <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>}
      {error && (
        <ErrorBlock status="default" title={error instanceof ApiError ? error.message : '加载失败'} description="请返回后重试" style={{ padding: '48px 16px' }}>
          <Button color="primary" fill="outline" onClick={() => navigate('/proposals')}>返回我的提案</Button>
        </ErrorBlock>
      )}
      {p && <Proposal p={p} />}
    </div>
  );
}

function Proposal({ p }: { p: ProposalView }) {
  const navigate = useNavigate();
  const { data: me } = useQuery({ queryKey: ['members', 'me'], queryFn: () => get<MemberView | null>('/api/members/me') });
  const collective = p.proposerKind !== 'member';
  return (
    <>
      <Card style={{ margin: 12 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
          <Tag color={STATUS_COLORS[p.status]}>{p.statusLabel}</Tag>
          <Tag fill="outline">{p.kindLabel}</Tag>
          {p.key && <Tag color="danger" fill={p.key.status === 'approved' ? 'solid' : 'outline'}>{p.key.statusLabel}</Tag>}
        </div>
        <div style={{ fontSize: 18, fontWeight: 600, margin: '10px 0 6px', lineHeight: 1.4, wordBreak: 'break-all' }}>{p.title}</div>
        <div style={{ color: '#666', fontSize: 14, lineHeight: 1.7 }}>
          <div>{numberWithSession(p)}{p.numberLabel ? '' : '（立案后编号）'}</div>
          <div>分类：{p.category}</div>
          <div>提案者：{collective ? `${p.bodyName ?? p.proposerName}${p.sealNoted ? '（加盖公章）' : ''}` : p.proposerName}</div>
          {p.dueOn && <div style={{ color: p.overdue ? '#cf1322' : undefined }}>办理期限：{p.dueOn}{p.overdue ? '（已逾期）' : ''}</div>}
        </div>
        <div style={{ color: '#999', fontSize: 13, marginTop: 6 }}>
          {p.submittedAt ? `提交于 ${minute(p.submittedAt)}` : `起草于 ${minute(p.createdAt)}`}
          {p.filedAt ? ` · 立案于 ${day(p.filedAt)}` : ''}
        </div>
      </Card>
      <Decision p={p} />
      <Invitation p={p} />
      {p.mergedInto && (
        <div style={{ ...card, padding: '10px 14px', borderRadius: 8, background: '#f0f5ff', color: '#1d39c4', lineHeight: 1.6 }}>
          已并入 {p.mergedInto.numberLabel ?? ''}《{p.mergedInto.title}》办理，下方为主提案的办理情况。
        </div>
      )}
      {p.situation && <Card title="情况" style={card}><div style={text}>{p.situation}</div></Card>}
      {p.analysis && <Card title="分析" style={card}><div style={text}>{p.analysis}</div></Card>}
      {p.suggestion && <Card title="建议" style={card}><div style={text}>{p.suggestion}</div></Card>}
      {p.signers.length > 0 && (
        <List header={collective ? '执笔' : `提案者（${p.signers.filter((s) => s.status === 'confirmed').length} 位已确认）`} style={{ ...card, borderRadius: 8, overflow: 'hidden' }}>
          {p.signers.map((s) => (
            <List.Item
              key={s.memberId}
              description={`${s.sector}${s.workUnit ? ` · ${s.workUnit}` : ''}`}
              extra={<Tag color={SIGNER_COLORS[s.status]} fill="outline">{s.position === 0 ? (collective ? '执笔' : '领衔') : s.statusLabel}</Tag>}
            >
              {s.name}
            </List.Item>
          ))}
          {p.coSignDueAt && p.signers.some((s) => s.status === 'invited') && (
            <List.Item><span style={{ color: '#999', fontSize: 13 }}>联名确认截止：{minute(p.coSignDueAt)}</span></List.Item>
          )}
        </List>
      )}
      {p.suggestedUnits.length > 0 && p.assignments.length === 0 && (
        <Card title="建议承办单位" style={card}><div style={{ fontSize: 14, lineHeight: 1.7 }}>{p.suggestedUnits.map((u) => u.name).join('、')}</div></Card>
      )}
      {p.files.length > 0 && (
        <List header="附件" style={{ ...card, borderRadius: 8, overflow: 'hidden' }}>
          {p.files.map((f) => (
            <List.Item key={f.id} prefix={<FileOutline />} extra={kb(f.size)} onClick={() => window.open(proposalFileUrl(p.id, f.id), '_blank')}>
              <span style={{ wordBreak: 'break-all' }}>{f.name}</span>
            </List.Item>
          ))}
        </List>
      )}
      {p.assignments.length > 0 && (
        <List header={`承办单位${p.handlingMode === 'lead' ? '（主办会办）' : p.handlingMode === 'separate' ? '（分别办理）' : ''}`} style={{ ...card, borderRadius: 8, overflow: 'hidden' }}>
          {p.assignments.map((a) => (
            <List.Item
              key={a.id}
              description={
                <span style={{ color: a.overdue ? '#cf1322' : undefined }}>
                  办理期限 {a.dueOn}{a.overdue ? '（已逾期）' : ''}{a.followUpDueOn && !a.followUpDoneAt ? ` · ${a.followUpDueOn} 前再次报告` : ''}
                </span>
              }
              extra={<Tag fill="outline" color={a.status === 'replied' || a.status === 'signed_off' ? 'success' : 'primary'}>{a.statusLabel}</Tag>}
            >
              <span style={{ wordBreak: 'break-all' }}>{a.roleLabel}：{a.unit.name}</span>
            </List.Item>
          ))}
        </List>
      )}
      {p.replies.length > 0 && (
        <>
          <div style={{ margin: '4px 16px 8px', color: '#666', fontSize: 14 }}>答复（{p.replies.length}）</div>
          {p.replies.map((r) => <ReplyLetter key={r.id} r={r} canRate={p.can.rateReplyIds.includes(r.id)} myMemberId={me?.id} />)}
        </>
      )}
      {p.fromRequests.length > 0 && (
        <List header="来自群众诉求" style={{ ...card, borderRadius: 8, overflow: 'hidden' }}>
          {p.fromRequests.map((q) => (
            <List.Item key={q.id} description={`诉求编号 ${q.code}`} onClick={() => navigate(`/requests/${q.id}`)}>{q.title}</List.Item>
          ))}
        </List>
      )}
      {p.timeline.length > 0 && (
        <Card title="办理记录" style={card}>
          <Steps direction="vertical" current={p.timeline.length - 1} style={{ '--title-font-size': '15px', '--description-font-size': '13px' }}>
            {p.timeline.map((e, i) => (
              <Steps.Step
                key={i}
                status="finish"
                title={e.label}
                description={
                  <div style={{ wordBreak: 'break-all' }}>
                    <div>{[e.unit, e.actorName].filter(Boolean).join(' · ')}{e.actorName || e.unit ? ' · ' : ''}{minute(e.at)}</div>
                    {e.note && <div style={{ color: '#666', marginTop: 2 }}>{e.note}</div>}
                  </div>
                }
              />
            ))}
          </Steps>
        </Card>
      )}
      <Actions p={p} />
    </>
  );
}

/** Why the office returned, declined, converted it. */
function Decision({ p }: { p: ProposalView }) {
  const d = p.decision;
  if (!d || !['returned', 'declined', 'converted'].includes(p.status)) return null;
  const title = p.status === 'declined' ? '不予立案' : p.status === 'returned' ? '退回修改的意见' : `已转为${d.convertedTo === 'opinion' ? '社情民意信息' : '建议函'}办理`;
  const body = [d.groundLabel, d.reason].filter(Boolean).join('：');
  return (
    <div style={{ ...card, padding: '10px 14px', borderRadius: 8, background: p.status === 'declined' ? '#fff1f0' : '#fff7e6', color: p.status === 'declined' ? '#a8071a' : '#ad4e00', lineHeight: 1.6, wordBreak: 'break-all' }}>
      <b>{title}</b>
      {body && `：${body}`}
    </div>
  );
}

/** The invited member answers: 同意联名 / 不同意. */
function Invitation({ p }: { p: ProposalView }) {
  const { respond } = useProposalActions();
  if (!p.can.respondInvitation) return null;
  const answer = async (accept: boolean) => {
    const ok = await Dialog.confirm({
      title: accept ? '同意联名' : '不同意联名',
      content: accept ? `同意作为联名人提出《${p.title}》？同意后您将成为提案者之一。` : '确定不参加这件提案的联名？',
      confirmText: accept ? '同意' : '不同意',
      cancelText: '再想想',
    });
    if (!ok) return;
    respond.mutate(
      { id: p.id, accept },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: accept ? '已同意联名' : '已答复不参加联名' }),
        onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '操作失败，请重试' }),
      },
    );
  };
  return (
    <div data-testid="invitation" style={{ ...card, padding: '12px 14px', borderRadius: 8, background: '#fff', border: '1px solid #f3d3cf' }}>
      <div style={{ fontSize: 15, lineHeight: 1.6 }}>
        {p.signers[0]?.name ?? p.proposerName} 委员邀请您联名提出这件提案
        {p.coSignDueAt && <span style={{ color: '#999', fontSize: 13 }}>，请于 {minute(p.coSignDueAt)} 前答复</span>}
      </div>
      <div style={{ display: 'flex', gap: 10, marginTop: 10 }}>
        <Button block fill="outline" loading={respond.isPending && respond.variables?.accept === false} disabled={respond.isPending} onClick={() => void answer(false)}>不同意</Button>
        <Button block color="primary" loading={respond.isPending && respond.variables?.accept === true} disabled={respond.isPending} onClick={() => void answer(true)}>同意联名</Button>
      </div>
    </div>
  );
}

function Actions({ p }: { p: ProposalView }) {
  const navigate = useNavigate();
  const { submit, withdraw } = useProposalActions();
  if (!p.can.edit && !p.can.submit && !p.can.withdraw) return null;
  const pending = p.signers.filter((s) => s.status === 'invited').length;
  const doSubmit = async () => {
    const ok = await Dialog.confirm({
      title: '提交提案',
      content: `提交后由提案委审查，不能再修改。${pending ? `还有 ${pending} 位委员未答复联名邀请，提交后视为未联名。` : ''}确定提交？`,
      confirmText: '提交',
      cancelText: '取消',
    });
    if (!ok) return;
    submit.mutate(p.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: '已提交，提案委审查后会通知您' }),
      onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '提交失败，请重试' }),
    });
  };
  const doWithdraw = async () => {
    const ok = await Dialog.confirm({ title: '撤回提案', content: '撤回后提案回到草稿，可修改后重新提交。确定撤回？', confirmText: '撤回', cancelText: '取消' });
    if (!ok) return;
    withdraw.mutate(p.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: '已撤回' }),
      onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '撤回失败，请重试' }),
    });
  };
  return (
    <>
      <div style={{ height: 72 }} />
      <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #eee', padding: '10px 12px calc(10px + env(safe-area-inset-bottom))', display: 'flex', gap: 10 }}>
        {p.can.withdraw && <Button block fill="outline" loading={withdraw.isPending} onClick={doWithdraw}>撤回</Button>}
        {p.can.edit && <Button block fill="outline" color="primary" onClick={() => navigate(`/proposals/${p.id}/edit`)}>修改</Button>}
        {p.can.submit && <Button block color="primary" loading={submit.isPending} onClick={doSubmit}>提交</Button>}
      </div>
    </>
  );
}
