import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMe } from '../../api/session';
import { useMyUnit } from './proposalApi';
import { unitQueueCounts, useProposalScope } from './unitApi';

const LIST = '/proposals';

function Tile({ title, value, to, warn, suffix = '件', span = 6 }: { title: string; value: number | undefined; to: string; warn?: boolean; suffix?: string; span?: number }) {
  const navigate = useNavigate();
  return (
    <Col span={span}>
      <Card size="small" hoverable onClick={() => navigate(to)}>
        <Statistic title={title} value={value ?? '—'} suffix={value === undefined ? undefined : suffix} styles={{ content: { fontSize: 22, ...(warn && value ? { color: '#cf1322' } : {}) } }} />
      </Card>
    </Col>
  );
}

/** 提案 for the proposals office: what waits for it, each tile a way into that list. */
function StaffCard() {
  const review = useProposalScope({ scope: 'review', pageSize: 1 }, true).data?.total;
  const board = useProposalScope({ scope: 'board', pageSize: 1 }, true).data?.total;
  const overdue = useProposalScope({ scope: 'overdue', pageSize: 1 }, true).data?.total;
  const objections = useProposalScope({ scope: 'objections', pageSize: 1 }, true).data?.total;
  return (
    <Card title="提案" style={{ marginTop: 16 }} extra={<Link to="/proposal-figures">提案统计</Link>}>
      <Row gutter={[12, 12]}>
        <Tile title="待审查" value={review} to={`${LIST}?tab=review`} />
        <Tile title="待交办" value={board} to={`${LIST}?tab=board`} />
        <Tile title="超期" value={overdue} to={`${LIST}?tab=overdue`} warn />
        <Tile title="异议与延期" value={objections} to={`${LIST}?tab=objections`} warn />
      </Row>
    </Card>
  );
}

/** 我督办的重点提案: the leader's key proposals with their state and units. */
function SupervisedCard() {
  const { data, isLoading } = useProposalScope({ scope: 'supervised', pageSize: 10 }, true);
  return (
    <Card title="我督办的重点提案" style={{ marginTop: 16 }} extra={data && data.total > 10 ? <Link to={`${LIST}?tab=supervised`}>全部 {data.total} 件</Link> : undefined}>
      <List
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无由您督办的重点提案' }}
        renderItem={(p) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={6} wrap>
                {p.numberLabel && <Typography.Text type="secondary">{p.numberLabel}</Typography.Text>}
                <Link to={`${LIST}/${p.id}`}>{p.title}</Link>
                <Tag color={p.overdue ? 'red' : p.status === 'closed' ? 'green' : p.status === 'replied' ? 'cyan' : 'processing'}>{p.overdue ? '超期' : p.statusLabel}</Tag>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.proposerName}
                {p.units.length > 0 && ` · ${p.units.filter((u) => u.status !== 'withdrawn').map((u) => `${u.unit.name}（${u.roleLabel}）`).join('、')}`}
                {p.dueOn && p.status === 'assigned' && ` · 最近期限 ${p.dueOn}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 本单位承办: the unit's open assignments, those due within 10 days, and those past their deadline. */
function UnitCard() {
  const { data: unit } = useMyUnit();
  const { data } = useProposalScope({ scope: 'unit', pageSize: 200 }, true);
  const c = data ? unitQueueCounts(data.items, unit?.id) : undefined;
  return (
    <Card title={`本单位承办${unit ? ` · ${unit.name}` : ''}`} style={{ marginTop: 16 }} extra={<Link to={LIST}>提案办理</Link>}>
      <Row gutter={[12, 12]}>
        <Tile span={8} title="办理中" value={c?.handling} to={LIST} />
        <Tile span={8} title="即将到期（10 天内）" value={c?.soon} to={LIST} warn />
        <Tile span={8} title="已超期" value={c?.overdue} to={`${LIST}?tab=overdue`} warn />
      </Row>
    </Card>
  );
}

/** The proposals' cards on the dashboard: the office's queues, a leader's supervised key proposals, a unit's own queue. */
export function ProposalHomeCards() {
  const { data: me } = useMe();
  if (!me?.currentOrg) return null;
  const can = (p: string) => me.permissions.includes(p);
  return (
    <>
      {can('proposal.manage') && <StaffCard />}
      {me.currentOrg.roles.includes('leader') && <SupervisedCard />}
      {can('proposal.handle') && <UnitCard />}
    </>
  );
}
