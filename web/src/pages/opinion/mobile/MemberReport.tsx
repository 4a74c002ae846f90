import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Dialog, DotLoading, ErrorBlock, List, NavBar, Steps, Tag, Toast } from 'antd-mobile';
import { FileOutline } from 'antd-mobile-icons';
import dayjs from 'dayjs';
import type { OpinionView } from '@server/modules/opinion/opinion.schema';
import { ApiError } from '../../../api/client';
import { fileUrl, useReport, useReportActions } from './memberOpinionApi';
import { OPINION_STATUS_COLORS } from './opinionFormat';

const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A report: its text, state, the reason of a return or decline, adoptions and instructions per level, where it came from. */
export function MemberReport() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: r, error, isLoading } = useReport(id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/reports'));
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 16 }}>
      <NavBar onBack={back} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>社情民意信息</NavBar>
      {isLoading && <div style={{ padding: 48, textAlign: 'center' }}><DotLoading color="primary" /></div>}
      {error && (
        <ErrorBlock status="default" title={error instanceof ApiError ? error.message : '加载失败'} description="请返回后重试" style={{ padding: '48px 16px' }}>
          <Button color="primary" fill="outline" onClick={() => navigate('/reports')}>返回我的信息</Button>
        </ErrorBlock>
      )}
      {r && <Report r={r} />}
    </div>
  );
}

function Report({ r }: { r: OpinionView }) {
  const navigate = useNavigate();
  return (
    <>
      <Card style={{ margin: 12 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <Tag color={OPINION_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
          {r.forwardedTo && <Tag fill="outline">已报{r.forwardedTo.name}</Tag>}
        </div>
        <div style={{ fontSize: 18, fontWeight: 600, margin: '10px 0 8px', lineHeight: 1.4, wordBreak: 'break-all' }}>{r.title}</div>
        <div style={{ color: '#666', fontSize: 14, lineHeight: 1.6 }}>
          {r.authors.map((a, i) => (
            <div key={a.id}>
              {i === 0 ? '撰写' : '联名'}：{a.name}
              <span style={{ color: '#999' }}>（{a.sector}{a.workUnit ? ` · ${a.workUnit}` : ''}）</span>
            </div>
          ))}
        </div>
        <div style={{ color: '#999', fontSize: 13, marginTop: 6 }}>
          {r.submittedAt ? `报送于 ${fmt(r.submittedAt)}` : `最后保存于 ${fmt(r.updatedAt)}`}
          {r.decidedAt ? ` · 处理于 ${fmt(r.decidedAt)}` : ''}
        </div>
      </Card>
      {r.reason && (
        <div style={{ margin: '0 12px 12px', padding: '10px 14px', borderRadius: 8, background: r.status === 'declined' ? '#fff1f0' : '#fff7e6', color: r.status === 'declined' ? '#a8071a' : '#ad4e00', lineHeight: 1.6, wordBreak: 'break-all' }}>
          <b>{r.status === 'declined' ? '不予采用的理由' : r.status === 'returned' ? '退回修改的意见' : '处理意见'}：</b>
          {r.reason}
        </div>
      )}
      <Card title="正文" style={{ margin: '0 12px 12px' }}>
        <div style={{ fontSize: 15, lineHeight: 1.8, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{r.body}</div>
      </Card>
      {r.files.length > 0 && (
        <List header="附件" style={{ margin: '0 12px 12px', borderRadius: 8, overflow: 'hidden' }}>
          {r.files.map((f) => (
            <List.Item key={f.id} prefix={<FileOutline />} extra={kb(f.size)} onClick={() => window.open(fileUrl(r.id, f.id), '_blank')}>
              <span style={{ wordBreak: 'break-all' }}>{f.name}</span>
            </List.Item>
          ))}
        </List>
      )}
      {r.fromRequests.length > 0 && (
        <List header="来自群众诉求" style={{ margin: '0 12px 12px', borderRadius: 8, overflow: 'hidden' }}>
          {r.fromRequests.map((q) => (
            <List.Item key={q.id} description={`诉求编号 ${q.code}`} onClick={() => navigate(`/requests/${q.id}`)}>
              {q.title}
            </List.Item>
          ))}
        </List>
      )}
      <Levels r={r} />
      {r.bulletins.length > 0 && (
        <List header="刊登期刊" style={{ margin: '0 12px 12px', borderRadius: 8, overflow: 'hidden' }}>
          {r.bulletins.map((b) => (
            <List.Item key={b.id} description={b.org.name}>
              《{b.title}》{b.year}年第{b.number}期
            </List.Item>
          ))}
        </List>
      )}
      {r.history.length > 0 && (
        <Card title="处理记录" style={{ margin: '0 12px 12px' }}>
          <Steps direction="vertical" current={r.history.length - 1} style={{ '--title-font-size': '15px', '--description-font-size': '13px' }}>
            {r.history.map((h, i) => (
              <Steps.Step
                key={i}
                status="finish"
                title={h.label}
                description={
                  <div style={{ wordBreak: 'break-all' }}>
                    <div>{h.actorName ? `${h.actorName} · ` : ''}{fmt(h.at)}</div>
                    {h.summary && <div style={{ color: '#666', marginTop: 2 }}>{h.summary}</div>}
                  </div>
                }
              />
            ))}
          </Steps>
        </Card>
      )}
      <Actions r={r} />
    </>
  );
}

/** Adoptions and leaders' instructions, per level (county first). */
function Levels({ r }: { r: OpinionView }) {
  if (!r.levels.length) return null;
  return (
    <Card title="采用与批示" style={{ margin: '0 12px 12px' }}>
      {r.levels.map((l) => (
        <div key={l.level} style={{ marginBottom: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 6 }}>
            <Tag color="primary" style={{ marginRight: 6 }}>{l.label}</Tag>
            {l.adopted.length > 0 && <span style={{ color: '#389e0d', fontSize: 14 }}>已采用</span>}
          </div>
          {l.adopted.map((a) => (
            <div key={a.id} style={{ fontSize: 14, color: '#555', marginBottom: 4 }}>
              采用：{a.byName} · {a.on}
            </div>
          ))}
          {l.instructed.map((a) => (
            <div key={a.id} style={{ fontSize: 14, background: '#fff7f6', borderLeft: '3px solid #b7261b', padding: '6px 10px', marginBottom: 6, lineHeight: 1.6, wordBreak: 'break-all' }}>
              <div><b>{a.byName}</b> 批示（{a.on}）：</div>
              <div>{a.text}</div>
            </div>
          ))}
        </div>
      ))}
    </Card>
  );
}

function Actions({ r }: { r: OpinionView }) {
  const navigate = useNavigate();
  const { submit } = useReportActions();
  if (!r.can.edit && !r.can.submit) return null;
  const doSubmit = async () => {
    const ok = await Dialog.confirm({ title: '报送社情民意信息', content: '报送后由政协机关审核处理，不能再修改。确定报送？', confirmText: '报送', cancelText: '取消' });
    if (!ok) return;
    submit.mutate(r.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: '已报送，机关处理后会通知您' }),
      onError: (e) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '报送失败，请重试' }),
    });
  };
  return (
    <>
    <div style={{ height: 72 }} />
    <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 20, background: '#fff', borderTop: '1px solid #eee', padding: '10px 12px calc(10px + env(safe-area-inset-bottom))', display: 'flex', gap: 10 }}>
      {r.can.edit && <Button block fill="outline" color="primary" onClick={() => navigate(`/reports/${r.id}/edit`)}>修改</Button>}
      {r.can.submit && <Button block color="primary" loading={submit.isPending} onClick={doSubmit}>报送</Button>}
    </div>
    </>
  );
}
