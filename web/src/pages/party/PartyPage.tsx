import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Skeleton, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../api/session';
import { PartyOrgDetail } from './PartyOrgDetail';
import { childKinds, PartyOrgCreateModal } from './PartyOrgForm';
import { PartyOrgTree } from './PartyOrgTree';
import { usePartyOrgs } from './partyApi';

/** The chosen party organisation, or the top one when none is chosen (or it was just removed). */
const selected = <T extends { id: string }>(orgs: T[], id: string | undefined) => orgs.find((o) => o.id === id) ?? orgs[0];

/**
 * 党组织: the committee's party organisations as a tree (党组 — 机关党组 — 机关党委 — 机关党支部, and
 * the temporary branch of each group), and the officers and members of the one selected.
 */
export function PartyPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('party.manage');
  const { data: orgs, isLoading } = usePartyOrgs();
  const [selectedId, setSelectedId] = useState<string>();
  const [creating, setCreating] = useState(false);

  if (isLoading || !orgs) return <Card title="党组织"><Skeleton active /></Card>;

  const createModal = creating && (
    <PartyOrgCreateModal
      orgs={orgs}
      parentId={selected(orgs, selectedId)?.id ?? null}
      onClose={() => setCreating(false)}
      onCreated={(id) => (setCreating(false), setSelectedId(id))}
    />
  );

  if (!orgs.length)
    return (
      <Card title="党组织">
        <Empty
          style={{ padding: '48px 0' }}
          description={
            <Typography.Paragraph type="secondary" style={{ maxWidth: 520, margin: '0 auto' }}>
              本组织还没有建立党组织。请先建立政协党组，再在党组之下设立机关党组、机关党委和机关党支部；各活动小组的临时党支部也设在党组之下。
            </Typography.Paragraph>
          }
        >
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>建立政协党组</Button>
          ) : (
            <Typography.Text type="secondary">请联系机关党务工作人员建立。</Typography.Text>
          )}
        </Empty>
        {createModal}
      </Card>
    );

  const po = selected(orgs, selectedId);
  const temps = orgs.filter((o) => o.kind === 'temp_branch').length;
  const noPlaceUnder = po && !childKinds(po.kind).length;

  return (
    <Row gutter={16} align="top">
      <Col span={10}>
        <Card
          title="党组织"
          extra={
            canManage && (
              <Tooltip title={noPlaceUnder ? `党支部之下不再设党组织，将建在${orgs.find((o) => o.id === po.parentId)?.name ?? '上级'}之下` : undefined}>
                <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>建立党组织</Button>
              </Tooltip>
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            共 {orgs.length} 个党组织{temps ? `，其中临时党支部 ${temps} 个` : ''}。点选一个查看其书记、委员和党员。
          </Typography.Paragraph>
          <PartyOrgTree orgs={orgs} selectedId={po?.id} onSelect={setSelectedId} />
        </Card>
      </Col>
      <Col span={14}>
        {po ? (
          <PartyOrgDetail key={po.id} po={po} orgs={orgs} canManage={canManage} onDeleted={() => setSelectedId(po.parentId ?? undefined)} />
        ) : (
          <Card><Empty description="请在左侧选择党组织" /></Card>
        )}
      </Col>
      {createModal}
    </Row>
  );
}
