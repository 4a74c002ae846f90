import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { AssignmentView, ProposalView } from '@server/modules/proposal/proposal.schema';
import { ContactModal, ExtensionModal, FollowUpModal, ObjectionModal, SignOffModal } from './UnitModals';
import { ReplyModal } from './ReplyModal';
import { daysLeft, formatDay } from './proposalTags';
import { contactsThisRound } from './unitApi';

type Dialog = 'object' | 'extend' | 'contact' | 'signOff' | 'reply' | 'followUp' | null;

const ROLE_COLORS: Record<AssignmentView['role'], string> = { sole: 'blue', lead: 'volcano', co: 'purple', separate: 'cyan' };
const EXT_LABELS = { pending: '待审批', approved: '已同意', refused: '未同意' } as const;
const EXT_COLORS = { pending: 'gold', approved: 'green', refused: 'red' } as const;

/** The deadline with what it means today: days left, or red once passed. */
function Due({ on, open, what }: { on: string; open: boolean; what: string }) {
  const left = daysLeft(on);
  if (!open) return <span>{on}</span>;
  if (left < 0)
    return (
      <Space size={6}>
        <Typography.Text type="danger" strong>{on}</Typography.Text>
        <Tag color="red">{what}已超期 {-left} 天</Tag>
      </Space>
    );
  return (
    <Space size={6}>
      <span>{on}</span>
      <Typography.Text type={left <= 10 ? 'warning' : 'secondary'}>{left === 0 ? '今天到期' : `还剩 ${left} 天`}</Typography.Text>
    </Space>
  );
}

/** The handling unit's panel on a proposal: its part, deadlines, and what it may do now (object, extension, contact, sign-off, reply, follow-up). */
export function UnitActions({ view }: { view: ProposalView }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = view.assignments.find((x) => x.id === view.can.myAssignmentId);
  if (!a) return null;
  const c = view.can;
  // an objection does not stop the clock
  const handling = a.status === 'handling' || a.status === 'objected';
  const isCo = a.role === 'co';
  const contacts = contactsThisRound(a);
  const lastExt = a.extensions.at(-1);
  const objectionOpen = daysLeft(a.objectionDueOn) >= 0;
  const lead = isCo ? view.assignments.find((x) => x.role === 'lead' && x.status !== 'withdrawn') : undefined;
  const props = { view, a, onClose: () => setDialog(null) };
  const any = c.object || c.requestExtension || c.recordContact || c.signOff || c.reply || c.followUp;

  return (
    <Card
      title="本单位办理"
      extra={
        <Space size={4}>
          <Tag color={ROLE_COLORS[a.role]}>{a.roleLabel}</Tag>
          <Tag>{a.statusLabel}</Tag>
        </Space>
      }
    >
      {isCo && handling && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本单位为会办单位：请在期限内将会办意见送主办单位${lead ? `（${lead.unit.name}）` : ''}，不直接答复提案者。`}
        />
      )}
      {a.role === 'lead' && handling && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本单位为主办单位：汇总会办单位意见后统一答复提案者。" />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="承办单位">{a.unit.name}</Descriptions.Item>
        <Descriptions.Item label="交办日期">{formatDay(a.assignedAt)}{a.round > 1 ? `（第 ${a.round} 轮办理）` : ''}</Descriptions.Item>
        <Descriptions.Item label={isCo ? '会办意见期限' : '答复期限'}>
          <Due on={a.dueOn} open={handling} what={isCo ? '会签' : '答复'} />
        </Descriptions.Item>
        {!isCo && handling && <Descriptions.Item label="最长可延至">{a.maxDueOn}</Descriptions.Item>}
        <Descriptions.Item label="异议期">
          {a.objectionDueOn}
          {handling && !a.objection && <Typography.Text type="secondary">{objectionOpen ? ` 前可提出异议（还剩 ${daysLeft(a.objectionDueOn)} 天）` : '（已过）'}</Typography.Text>}
        </Descriptions.Item>
        {a.objection && (
          <Descriptions.Item label="异议">
            <Space orientation="vertical" size={0}>
              <span>
                {a.objection.resolution === 'kept' ? <Tag color="default">维持交办</Tag> : a.objection.resolution === 'reassigned' ? <Tag color="green">已改办</Tag> : <Tag color="gold">待审核</Tag>}
                {a.objection.reason}
              </span>
              {a.objection.suggestedUnit && <Typography.Text type="secondary">建议由{a.objection.suggestedUnit}承办</Typography.Text>}
              {a.objection.note && <Typography.Text type="secondary">提案委：{a.objection.note}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        )}
        {lastExt && (
          <Descriptions.Item label="延期申请">
            <Space orientation="vertical" size={0}>
              <span>
                <Tag color={EXT_COLORS[lastExt.status]}>{EXT_LABELS[lastExt.status]}</Tag>
                申请延至 {lastExt.requestedDueOn}
              </span>
              {lastExt.decisionNote && <Typography.Text type="secondary">提案委：{lastExt.decisionNote}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        )}
        {(!isCo || contacts.length > 0) && (
          <Descriptions.Item label="沟通记录">
            {contacts.length ? `本轮已沟通 ${contacts.length} 次（最近 ${contacts.map((k) => k.on).sort().at(-1)}）` : <Typography.Text type={handling ? 'warning' : 'secondary'}>本轮尚未登记</Typography.Text>}
          </Descriptions.Item>
        )}
        {isCo && a.signOff && <Descriptions.Item label="会签">{formatDay(a.signOff.at)} 已送{lead?.unit.name ?? '主办单位'}</Descriptions.Item>}
        {a.followUpDueOn && (
          <Descriptions.Item label="再次报告">
            {a.followUpDoneAt ? `${formatDay(a.followUpDoneAt)} 已报告落实情况` : <Due on={a.followUpDueOn} open what="报告" />}
          </Descriptions.Item>
        )}
      </Descriptions>
      {any ? (
        <Space wrap style={{ marginTop: 8 }}>
          {c.reply && <Button type="primary" onClick={() => setDialog('reply')}>答复</Button>}
          {c.signOff && <Button type="primary" onClick={() => setDialog('signOff')}>会签</Button>}
          {c.followUp && <Button type="primary" onClick={() => setDialog('followUp')}>报告落实情况</Button>}
          {c.recordContact && <Button onClick={() => setDialog('contact')}>登记沟通</Button>}
          {c.requestExtension && <Button onClick={() => setDialog('extend')}>申请延期</Button>}
          {c.object && <Button danger onClick={() => setDialog('object')}>提出异议</Button>}
        </Space>
      ) : (
        <Typography.Text type="secondary">{a.status === 'withdrawn' ? '经提案委审核，本件已改由其他单位办理。' : handling ? '当前没有需要本单位办理的操作。' : '本单位的办理已完成。'}</Typography.Text>
      )}
      <ObjectionModal {...props} open={dialog === 'object'} />
      <ExtensionModal {...props} open={dialog === 'extend'} />
      <ContactModal {...props} open={dialog === 'contact'} />
      <SignOffModal {...props} open={dialog === 'signOff'} />
      <ReplyModal {...props} open={dialog === 'reply'} />
      <FollowUpModal {...props} open={dialog === 'followUp'} />
    </Card>
  );
}
