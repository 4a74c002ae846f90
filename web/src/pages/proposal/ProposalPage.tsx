import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Col, Dropdown, Popconfirm, Result, Row, Space, Spin, Tag } from 'antd';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { DECLINE_GROUND_LABELS } from '@server/modules/proposal/proposal.schema';
import { ApiError } from '../../api/client';
import { showApiError } from '../../api/forms';
import { DetailHeader } from '../../components/DetailHeader';
import { ProposalDialogs, type Dialog } from './ProposalDialogs';
import { ProposalForm } from './ProposalForm';
import { AssignmentsCard, KeyCard, ProposersCard, PublicationCard, RepliesCard, TextCard, TimelineCard } from './ProposalParts';
import { proposalDocxUrl, useProposal, useProposalActions, type ProposalView } from './proposalApi';
import { formatDay, formatTime, ProposalStatusTag, useProposalRole } from './proposalTags';
import { UnitActions } from './UnitActions';

/** What happened at review, said once under the title. */
function DecisionNotice({ p }: { p: ProposalView }) {
  const d = p.decision;
  if (p.status === 'draft')
    return <Alert style={{ marginTop: 12 }} type="info" showIcon title="这是草稿，只有提案者和受邀联名的委员能看到；提交后提案委员会才会收到。" />;
  if (p.status === 'returned' && d?.reason) return <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`退回修改：${d.reason}`} description="请修改后重新提交。" />;
  if (p.status === 'declined' && d)
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="error"
        showIcon
        title={`不予立案：${d.ground ? (d.groundLabel ?? DECLINE_GROUND_LABELS[d.ground]) : ''}`}
        description={d.reason ? `理由：${d.reason}` : undefined}
      />
    );
  if (p.status === 'converted' && d)
    return <Alert style={{ marginTop: 12 }} type="info" showIcon title={`已转为${d.convertedTo === 'opinion' ? '社情民意信息' : '建议函'}办理`} description={d.reason ?? undefined} />;
  if (p.status === 'merged' && p.mergedInto)
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        showIcon
        title={
          <span>
            已并入 <Link to={`/proposals/${p.mergedInto.id}`}>{p.mergedInto.numberLabel ?? ''}《{p.mergedInto.title}》</Link> 一并办理，答复和测评见下方。
          </span>
        }
      />
    );
  return null;
}

/**
 * 提案详情: the head with the staff's and proposer's actions, the text, proposers, each unit's part
 * (objections and extensions decided here), replies with sign-offs and ratings, key proposal
 * supervision, publication and the timeline. A unit's own actions are in <UnitActions>.
 */
export function ProposalPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const role = useProposalRole();
  const { data: p, error, isLoading } = useProposal(id);
  const actions = useProposalActions();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [editing, setEditing] = useState(false);
  if (isLoading) return <Spin />;
  if (error || !p)
    return (
      <Result
        status={error instanceof ApiError && error.status === 403 ? '403' : '404'}
        title="无法查看这件提案"
        subTitle={error instanceof ApiError ? error.message : '提案不存在或您无权查看。'}
        extra={<Button onClick={() => navigate('/proposals')}>返回列表</Button>}
      />
    );
  const c = p.can;
  const staff = role.staff;
  const run = (promise: Promise<unknown>, ok: string) => promise.then(() => message.success(ok), (e) => showApiError(null, e, message.error));

  const keyItems = staff && c.key
    ? [
        ...(!p.key ? [{ key: 'shortlist', label: '拟定为重点提案' }] : []),
        ...(p.key?.status === 'shortlisted' ? [{ key: 'approve', label: '确定为重点提案（主席会议）' }] : []),
        ...(p.key ? [{ key: 'supervisors', label: '督办领导' }, { key: 'drop', label: '取消重点提案', danger: true }] : []),
      ]
    : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        title={p.title}
        tags={
          <>
            <ProposalStatusTag status={p.status} label={p.statusLabel} />
            <Tag>{p.kindLabel}</Tag>
            {p.key && <Tag color={p.key.status === 'approved' ? 'red' : 'orange'}>{p.key.statusLabel}</Tag>}
            {p.overdue && <Tag color="red">已超期</Tag>}
          </>
        }
        meta={
          <>
            {p.numberLabel ? `${p.session.name}${p.numberLabel}` : p.session.name} · {p.proposerName} · {p.category}
            {p.submittedAt ? ` · ${formatDay(p.submittedAt)} 提交` : ` · ${formatDay(p.createdAt)} 起草`}
            {p.filedAt ? ` · ${formatDay(p.filedAt)} 立案` : ''}
          </>
        }
        actions={
          <Space wrap>
            {c.edit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>修改</Button>}
            {c.submit && (
              <Popconfirm title="提交这件提案？" description="提交后由提案委员会审查，未答复的联名邀请将失效。" okText="提交" onConfirm={() => run(actions.submit.mutateAsync(p.id), '提案已提交，提案委员会将及时审查')}>
                <Button type="primary">提交</Button>
              </Popconfirm>
            )}
            {c.withdraw && (
              <Popconfirm title="撤回这件提案？" description="撤回后回到草稿，可修改后再提交。" okText="撤回" onConfirm={() => run(actions.withdraw.mutateAsync(p.id), '已撤回，提案回到草稿')}>
                <Button>撤回</Button>
              </Popconfirm>
            )}
            {c.respondInvitation && (
              <>
                <Button type="primary" onClick={() => run(actions.respondInvitation.mutateAsync({ id: p.id, accept: true }), '已同意联名')}>同意联名</Button>
                <Popconfirm title="不参加联名？" okText="不同意" onConfirm={() => run(actions.respondInvitation.mutateAsync({ id: p.id, accept: false }), '已答复不参加联名')}>
                  <Button>不同意</Button>
                </Popconfirm>
              </>
            )}
            {staff && c.review && <Button type="primary" onClick={() => setDialog({ kind: 'review' })}>审查</Button>}
            {staff && c.assign && <Button type="primary" onClick={() => setDialog({ kind: 'assign' })}>交办</Button>}
            {keyItems.length > 0 && (
              <Dropdown
                menu={{
                  items: keyItems,
                  onClick: ({ key }) => setDialog(key === 'supervisors' ? { kind: 'supervisors' } : { kind: 'key', action: key as 'shortlist' | 'approve' | 'drop' }),
                }}
              >
                <Button>重点提案</Button>
              </Dropdown>
            )}
            {staff && c.publish && <Button onClick={() => setDialog({ kind: 'publish' })}>公开</Button>}
            {p.status !== 'draft' && (
              <Button icon={<PrinterOutlined />} href={proposalDocxUrl(p.id)}>
                打印提案
              </Button>
            )}
          </Space>
        }
      >
        <DecisionNotice p={p} />
        {c.respondInvitation && p.coSignDueAt && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`${p.signers[0]?.name ?? '提案人'}委员邀请您联名提出这件提案，请在 ${formatTime(p.coSignDueAt)} 前答复。`} />
        )}
        {c.rateReplyIds.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title="承办单位已经答复，请对办理工作和办理结果进行测评。"
            action={
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  const r = p.replies.find((x) => x.id === c.rateReplyIds[0]);
                  if (r) setDialog({ kind: 'rate', reply: r });
                  else modal.info({ title: '请在下方答复中测评' });
                }}
              >
                测评
              </Button>
            }
          />
        )}
      </DetailHeader>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {c.myAssignmentId && <UnitActions view={p} />}
            <AssignmentsCard p={p} staff={staff} open={setDialog} />
            <RepliesCard p={p} staff={staff} open={setDialog} />
            <TextCard p={p} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ProposersCard p={p} />
            <KeyCard p={p} staff={staff} open={setDialog} />
            <PublicationCard p={p} staff={staff} open={setDialog} />
            <TimelineCard p={p} />
          </Space>
        </Col>
      </Row>
      <ProposalDialogs p={p} dialog={dialog} onClose={() => setDialog(null)} />
      {c.edit && <ProposalForm open={editing} proposal={p} onClose={() => setEditing(false)} />}
    </Space>
  );
}
