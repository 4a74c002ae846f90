import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Divider, Dropdown, Empty, List, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined, EyeOutlined, FileWordOutlined, MoreOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { ApiError } from '../../api/client';
import type { AssignmentView, ReplyView } from '@server/modules/proposal/proposal.schema';
import { HANDLING_MODE_LABELS } from '@server/modules/proposal/proposal.schema';
import type { Dialog } from './ProposalDialogs';
import { proposalFileUrl, replyLetterUrl, revealProposalContacts, type ProposalView } from './proposalApi';
import { DueCell, formatDay, formatTime } from './proposalTags';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const para = { whiteSpace: 'pre-wrap' as const, fontSize: 15, lineHeight: 1.9, marginBottom: 0 };

/** 情况 / 分析 / 建议, as the proposer wrote them. */
export function TextCard({ p }: { p: ProposalView }) {
  const sections = [
    ['情况', p.situation],
    ['分析', p.analysis],
    ['建议', p.suggestion],
  ] as const;
  return (
    <Card title="提案内容">
      {sections.map(([label, text], i) => (
        <div key={label} style={{ marginTop: i ? 16 : 0 }}>
          <Typography.Title level={5}>{label}</Typography.Title>
          {text ? <Typography.Paragraph style={para}>{text}</Typography.Paragraph> : <Typography.Text type="secondary">（未填写）</Typography.Text>}
        </div>
      ))}
      {p.files.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>附件</Divider>
          <List
            size="small"
            dataSource={p.files}
            renderItem={(f) => (
              <List.Item actions={[<a key="dl" href={proposalFileUrl(p.id, f.id)} download={f.name}><DownloadOutlined /> 下载</a>]}>
                <Space>
                  <PaperClipOutlined />
                  <a href={proposalFileUrl(p.id, f.id)} download={f.name}>{f.name}</a>
                  <Typography.Text type="secondary">{size(f.size)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

const SIGNER_COLORS = { confirmed: 'green', invited: 'gold', declined: 'default', lapsed: 'default' } as const;

/**
 * The whole phone numbers behind a proposal, fetched only when asked for (an audited look-up); the
 * proposers' card and the replies' card share the one answer.
 */
function useProposalContacts(id: string) {
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['proposal-contacts', id], queryFn: () => revealProposalContacts(id), enabled: false, staleTime: Infinity, retry: false });
  const reveal = () => q.refetch().then((r) => r.error && message.error((r.error as ApiError).message));
  return { contacts: q.data ?? null, reveal, loading: q.isFetching };
}

const RevealPhones = ({ onClick, loading, label }: { onClick: () => void; loading: boolean; label: string }) => (
  <Tooltip title="查看完整号码将记入审计日志">
    <Button size="small" icon={<EyeOutlined />} loading={loading} onClick={onClick}>{label}</Button>
  </Tooltip>
);

/** 提案者: the first proposer, co-signers and their answers (phones masked; the whole ones on request); the suggested units. */
export function ProposersCard({ p }: { p: ProposalView }) {
  const { contacts, reveal, loading } = useProposalContacts(p.id);
  const phoneOf = (memberId: string, masked: string | null | undefined) => (contacts ? (contacts.signers.find((c) => c.memberId === memberId)?.phone ?? masked) : masked);
  return (
    <Card
      title={p.proposerKind === 'member' ? '提案者' : '提案单位'}
      extra={p.can.viewContacts && !contacts && p.signers.some((s) => s.phoneMasked) && <RevealPhones onClick={reveal} loading={loading} label="查看完整电话" />}
    >
      {p.bodyName && (
        <Typography.Paragraph>
          {p.bodyName}
          {p.sealNoted && <Tag style={{ marginLeft: 8 }}>已加盖公章</Tag>}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={p.signers}
        locale={{ emptyText: '—' }}
        renderItem={(s) => (
          <List.Item extra={<Tag color={SIGNER_COLORS[s.status]}>{s.position === 0 ? (p.proposerKind === 'member' ? '第一提案人' : '召集人') : s.statusLabel}</Tag>}>
            <List.Item.Meta
              title={
                <Space size={6}>
                  {s.name}
                  {phoneOf(s.memberId, s.phoneMasked) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{phoneOf(s.memberId, s.phoneMasked)}</Typography.Text>}
                </Space>
              }
              description={[s.sector, s.workUnit].filter(Boolean).join(' · ')}
            />
          </List.Item>
        )}
      />
      {p.coSignDueAt && p.signers.some((s) => s.status === 'invited') && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>联名确认截止：{formatTime(p.coSignDueAt)}</Typography.Text>
      )}
      {p.suggestedUnits.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>建议承办单位</Divider>
          <Space wrap>{p.suggestedUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>)}</Space>
        </>
      )}
      {p.mergedFrom.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>并入本案的提案</Divider>
          <List
            size="small"
            dataSource={p.mergedFrom}
            renderItem={(m) => (
              <List.Item>
                <Link to={`/proposals/${m.id}`}>{m.numberLabel ?? ''} {m.title}</Link>
                <Typography.Text type="secondary">{m.proposerName}</Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
      {p.fromRequests.length > 0 && (
        <>
          <Divider titlePlacement="start" plain>来自群众诉求</Divider>
          <List size="small" dataSource={p.fromRequests} renderItem={(q) => <List.Item><Typography.Text type="secondary">{q.code}</Typography.Text> {q.title}</List.Item>} />
        </>
      )}
    </Card>
  );
}

const ASSIGNMENT_COLORS: Record<AssignmentView['status'], string> = { handling: 'processing', objected: 'warning', withdrawn: 'default', replied: 'green', signed_off: 'green' };
const ROLE_COLORS: Record<AssignmentView['role'], string> = { sole: 'blue', lead: 'blue', co: 'default', separate: 'cyan' };

/** 办理情况: every unit's part, deadlines, objection, extensions, contacts, sign-off; staff decide objections and extensions here. */
export function AssignmentsCard({ p, staff, open }: { p: ProposalView; staff: boolean; open: (d: Dialog) => void }) {
  if (!p.assignments.length) return null;
  const replied = new Set(p.replies.filter((r) => r.status === 'sent').map((r) => r.assignmentId));
  return (
    <Card title={`办理情况${p.handlingMode ? `（${HANDLING_MODE_LABELS[p.handlingMode]}）` : ''}`}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {p.assignments.map((a) => {
          const pending = a.extensions.filter((e) => e.status === 'pending');
          const objectionOpen = a.status === 'objected' && a.objection && !a.objection.resolution;
          const live = a.status === 'handling' || a.status === 'objected';
          return (
            <div key={a.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, background: a.status === 'withdrawn' ? '#fafafa' : a.overdue ? '#fff1f0' : undefined }}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
                <Space wrap>
                  <Typography.Text strong delete={a.status === 'withdrawn'}>{a.unit.name}</Typography.Text>
                  <Tag color={ROLE_COLORS[a.role]}>{a.roleLabel}</Tag>
                  <Tag color={ASSIGNMENT_COLORS[a.status]}>{a.statusLabel}</Tag>
                  {a.round > 1 && <Tag color="volcano">第 {a.round} 轮办理</Tag>}
                </Space>
                {staff && p.can.rehandle && replied.has(a.id) && a.status === 'replied' && (
                  <Button size="small" danger onClick={() => open({ kind: 'rehandle', assignment: a })}>退回重办</Button>
                )}
              </Space>
              <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
                <Descriptions.Item label="交办">{formatDay(a.assignedAt)}</Descriptions.Item>
                <Descriptions.Item label={a.role === 'co' ? '会办期限' : '办理期限'}>
                  <DueCell dueOn={a.dueOn} overdue={a.overdue} open={live} />
                </Descriptions.Item>
                <Descriptions.Item label="异议期至">{a.objectionDueOn}</Descriptions.Item>
                {a.role !== 'co' && <Descriptions.Item label="最长可延至">{a.maxDueOn}</Descriptions.Item>}
                {a.followUpDueOn && (
                  <Descriptions.Item label="再次报告">
                    {a.followUpDueOn}
                    {a.followUpDoneAt ? <Tag color="green" style={{ marginLeft: 6 }}>已报告</Tag> : <Tag color="gold" style={{ marginLeft: 6 }}>待报告</Tag>}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {a.objection && (
                <Alert
                  style={{ marginTop: 8 }}
                  type={a.objection.resolution ? 'info' : 'warning'}
                  title={
                    <Space wrap>
                      <span>异议（{formatDay(a.objection.at)}）：{a.objection.reason}</span>
                      {a.objection.suggestedUnit && <Typography.Text type="secondary">建议改由 {a.objection.suggestedUnit}</Typography.Text>}
                    </Space>
                  }
                  description={a.objection.resolution ? `${a.objection.resolution === 'kept' ? '维持交办' : '已改派'}${a.objection.note ? `：${a.objection.note}` : ''}` : undefined}
                  action={staff && objectionOpen ? <Button size="small" type="primary" onClick={() => open({ kind: 'objection', assignment: a })}>处理异议</Button> : undefined}
                />
              )}
              {a.extensions.map((e) => (
                <Alert
                  key={e.id}
                  style={{ marginTop: 8 }}
                  type={e.status === 'pending' ? 'warning' : e.status === 'approved' ? 'success' : 'info'}
                  title={`申请延期至 ${e.requestedDueOn}（原期限 ${e.fromDueOn}）：${e.reason}`}
                  description={e.status === 'pending' ? `${formatTime(e.requestedAt)} 申请，待审批` : `${e.status === 'approved' ? '已同意' : '不同意'}${e.decisionNote ? `：${e.decisionNote}` : ''}（${formatDay(e.decidedAt)}）`}
                  action={
                    staff && e.status === 'pending' && pending.length ? (
                      <Space orientation="vertical" size={4}>
                        <Button size="small" type="primary" onClick={() => open({ kind: 'extension', assignment: a, extensionId: e.id, approve: true })}>同意</Button>
                        <Button size="small" danger onClick={() => open({ kind: 'extension', assignment: a, extensionId: e.id, approve: false })}>不同意</Button>
                      </Space>
                    ) : undefined
                  }
                />
              ))}
              {a.contacts.length > 0 && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">与提案者沟通：</Typography.Text>
                  <List
                    size="small"
                    dataSource={a.contacts}
                    renderItem={(c) => (
                      <List.Item>
                        <Space orientation="vertical" size={0}>
                          <span>
                            {c.on} · {c.methodLabel} · {c.members.map((m) => m.name).join('、')}
                            {c.round > 1 && <Typography.Text type="secondary">（第 {c.round} 轮）</Typography.Text>}
                          </span>
                          <Typography.Text type="secondary">{c.note}</Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                </div>
              )}
              {a.signOff && (
                <div style={{ marginTop: 8, padding: '6px 12px', borderLeft: '3px solid #52c41a', background: '#f6ffed' }}>
                  <Typography.Text type="secondary">会办意见（{formatDay(a.signOff.at)}）：</Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{a.signOff.text}</span>
                </div>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}

const RATING_COLORS = { satisfied: 'green', basic: 'blue', unsatisfied: 'red' } as const;

/** 答复: each letter with its category, follow-up date, the co-units' sign-off chain and the proposers' ratings. */
export function RepliesCard({ p, staff, open }: { p: ProposalView; staff: boolean; open: (d: Dialog) => void }) {
  const { contacts, reveal, loading } = useProposalContacts(p.id);
  if (!p.replies.length) return null;
  const contactPhone = (r: ReplyView) => contacts?.replies.find((c) => c.id === r.id)?.contactPhone ?? r.contactPhone;
  const done = p.status === 'replied' || p.status === 'closed';
  return (
    <Card title={`答复（${p.replies.length}）`}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {p.replies.map((r: ReplyView) => {
          const mayRate = p.can.rateReplyIds.includes(r.id);
          const unrated = p.signers.filter((s) => s.status === 'confirmed' && !r.ratings.some((x) => x.member.id === s.memberId)).length;
          const staffItems = [
            ...(staff && done && r.kind === 'reply' && r.status === 'sent' ? [{ key: 'category', label: '修改答复类别' }] : []),
            ...(staff && done && r.status === 'sent' && unrated > 0 ? [{ key: 'onBehalf', label: '代录测评' }] : []),
          ];
          return (
            <div key={r.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, background: r.status === 'returned' ? '#fafafa' : undefined }}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
                <Space wrap>
                  <Typography.Text strong>{r.unit.name}</Typography.Text>
                  <Tag>{r.kind === 'follow_up' ? '落实情况报告' : '答复'}</Tag>
                  {r.round > 1 && <Tag color="volcano">第 {r.round} 轮</Tag>}
                  {r.category && (
                    <Tooltip title={r.categoryCorrectedFrom ? `由 ${r.categoryCorrectedFrom} 类改定` : undefined}>
                      <Tag color="blue">
                        {r.category}类 {r.categoryLabel}
                        {r.categoryCorrectedFrom && '（已改定）'}
                      </Tag>
                    </Tooltip>
                  )}
                  {r.status === 'returned' && <Tag color="red">已退回重办</Tag>}
                </Space>
                <Space>
                  {mayRate && <Button type="primary" size="small" onClick={() => open({ kind: 'rate', reply: r })}>测评</Button>}
                  <Button size="small" icon={<FileWordOutlined />} href={replyLetterUrl(r.id)}>复文</Button>
                  {staffItems.length > 0 && (
                    <Dropdown menu={{ items: staffItems, onClick: ({ key }) => open({ kind: key as 'category' | 'onBehalf', reply: r }) }}>
                      <Button size="small" icon={<MoreOutlined />} aria-label="更多操作" />
                    </Dropdown>
                  )}
                </Space>
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
                {[r.letterNo, `签发人 ${r.signer}`, r.contactName && `联系人 ${r.contactName} ${contactPhone(r)}`, `${formatTime(r.sentAt)} 答复`].filter(Boolean).join(' · ')}
                {staff && !contacts && r.contactPhone && (
                  <Tooltip title="查看完整号码将记入审计日志">
                    <Button type="link" size="small" icon={<EyeOutlined />} loading={loading} onClick={reveal} aria-label={`查看${r.unit.name}联系人的完整电话`} />
                  </Tooltip>
                )}
              </Typography.Text>
              {r.followUpOn && <Alert style={{ marginTop: 8 }} type="info" showIcon title={`承诺于 ${r.followUpOn} 前再次报告落实情况`} />}
              {r.returnedReason && <Alert style={{ marginTop: 8 }} type="error" showIcon title={`退回重办：${r.returnedReason}`} />}
              <Typography.Paragraph style={{ ...para, marginTop: 8 }} ellipsis={{ rows: 6, expandable: 'collapsible', symbol: (e) => (e ? '收起' : '展开全文') }}>
                {r.body}
              </Typography.Paragraph>
              {r.signOffs.length > 0 && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">会签：</Typography.Text>
                  <Space wrap>
                    {r.signOffs.map((s) => (
                      <Tooltip key={s.unit.id} title={s.text ?? undefined}>
                        <Tag color={s.signedOffAt ? 'green' : s.late ? 'red' : 'default'}>
                          {s.unit.name} {s.signedOffAt ? `已会签 ${formatDay(s.signedOffAt)}` : s.late ? '逾期未会签' : '未会签'}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                </div>
              )}
              {(r.ratings.length > 0 || (r.status === 'sent' && r.kind === 'reply')) && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">测评：</Typography.Text>
                  {r.ratings.length === 0 && <Typography.Text type="secondary">提案者尚未测评</Typography.Text>}
                  {r.ratings.length > 0 && (
                  <List
                    size="small"
                    dataSource={r.ratings}
                    renderItem={(x) => (
                      <List.Item>
                        <Space orientation="vertical" size={0}>
                          <Space wrap size={4}>
                            <span>{x.member.name}</span>
                            <span>办理工作</span>
                            <Tag color={RATING_COLORS[x.handling]}>{x.handlingLabel}</Tag>
                            <span>办理结果</span>
                            <Tag color={RATING_COLORS[x.result]}>{x.resultLabel}</Tag>
                            {x.onBehalf && <Tag color="orange">代录</Tag>}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(x.at)}</Typography.Text>
                          </Space>
                          {x.comment && <Typography.Text type="secondary">{x.comment}</Typography.Text>}
                        </Space>
                      </List.Item>
                    )}
                  />
                  )}
                </div>
              )}
            </div>
          );
        })}
      </Space>
    </Card>
  );
}

/** 重点提案: its state, supervising leaders and the supervision events. */
export function KeyCard({ p, staff, open }: { p: ProposalView; staff: boolean; open: (d: Dialog) => void }) {
  if (!p.key) return null;
  const k = p.key;
  const mayRecord = staff && k.status === 'approved' && ['assigned', 'replied', 'closed'].includes(p.status);
  return (
    <Card
      title="重点提案"
      extra={
        staff && (
          <Space size={4}>
            <Button size="small" onClick={() => open({ kind: 'supervisors' })}>督办领导</Button>
            {mayRecord && <Button size="small" onClick={() => open({ kind: 'supervision' })}>登记督办</Button>}
          </Space>
        )
      }
    >
      <Space wrap>
        <Tag color={k.status === 'approved' ? 'red' : 'orange'}>{k.statusLabel}</Tag>
        {k.decidedOn && <Typography.Text type="secondary">主席会议 {k.decidedOn} 确定</Typography.Text>}
      </Space>
      {k.note && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{k.note}</Typography.Paragraph>}
      <Divider titlePlacement="start" plain>督办领导</Divider>
      {k.supervisors.length ? (
        <Space wrap>
          {k.supervisors.map((s) => (
            <Tag key={s.id} color={s.accountId ? 'blue' : undefined}>{s.title} {s.name}</Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">尚未指定</Typography.Text>
      )}
      <Divider titlePlacement="start" plain>督办情况</Divider>
      {k.supervisions.length ? (
        <Timeline
          items={k.supervisions.map((s) => ({
            content: (
              <>
                <Space size={6} wrap>
                  <Typography.Text strong>{s.kindLabel}</Typography.Text>
                  <Typography.Text type="secondary">{s.on}{s.place ? ` · ${s.place}` : ''}</Typography.Text>
                </Space>
                {s.participants && <div style={{ fontSize: 12, color: '#8c8c8c' }}>参加：{s.participants}</div>}
                <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>
              </>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">暂无督办记录</Typography.Text>
      )}
    </Card>
  );
}

/** 公开: how the reply is (or will be) published. */
export function PublicationCard({ p, staff, open }: { p: ProposalView; staff: boolean; open: (d: Dialog) => void }) {
  const pub = p.publication;
  if (!p.replies.length && !pub.mode) return null;
  const state = pub.mode === 'withheld' ? '不公开' : pub.publishedAt ? (pub.mode === 'summary' ? '已摘要公开' : '已全文公开') : p.mayPublish ? '待公开' : '提案者未同意公开';
  return (
    <Card title="公开" extra={staff && p.can.publish && <Button size="small" onClick={() => open({ kind: 'publish' })}>{pub.mode ? '调整' : '决定公开方式'}</Button>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="状态">
          <Tag color={pub.publishedAt ? 'green' : pub.mode === 'withheld' ? 'default' : 'gold'}>{state}</Tag>
        </Descriptions.Item>
        {pub.publishedAt && <Descriptions.Item label="公开于">{formatDay(pub.publishedAt)}</Descriptions.Item>}
        {!pub.publishedAt && pub.dueOn && pub.mode !== 'withheld' && <Descriptions.Item label="公开期限">{pub.dueOn}（未另行决定的，到期全文公开）</Descriptions.Item>}
        {pub.withheldReason && <Descriptions.Item label="不公开理由">{pub.withheldReason}</Descriptions.Item>}
        {pub.summary && pub.mode === 'summary' && <Descriptions.Item label="摘要">{pub.summary}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

const RED = /decline|return|unsatisf|rehandle|object|refus|drop|withheld/;
const GREEN = /file|assign|repl|rate|approv|close|publish|confirm|sign/;

/** 时间线: every step with who, which unit, when. */
export function TimelineCard({ p }: { p: ProposalView }) {
  return (
    <Card title="时间线">
      {p.timeline.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={p.timeline.map((h) => ({
            color: RED.test(h.kind) ? 'red' : GREEN.test(h.kind) ? 'green' : 'gray',
            content: (
              <>
                <Space size={6} wrap>
                  <Typography.Text strong>{h.label}</Typography.Text>
                  <Typography.Text>{h.unit ? `${h.unit} ${h.actorName}` : h.actorName}</Typography.Text>
                </Space>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatTime(h.at)}</div>
                {h.note && <div style={{ color: '#595959', whiteSpace: 'pre-wrap' }}>{h.note}</div>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
