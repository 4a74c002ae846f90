import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@server/modules/account/account.schema';
import { ORG_LEVEL_LABELS } from '@server/modules/org/org.schema';
import { useMe } from '../../api/session';
import { visibleNav } from '../../console/nav';
import { OrganisationFigures } from './OrganisationFigures';
import { FiguresCard } from '../figures/FiguresCard';
import { ProposalHomeCards } from '../proposal/ProposalHomeCards';

export function HomePage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  if (!me) return null;
  const org = me.currentOrg;
  const shortcuts = visibleNav(me.permissions).flatMap((g) => g.items).filter((i) => i.path !== '/');
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={4}>{me.account.displayName}，您好</Typography.Title>
      {org ? (
        <Row gutter={16}>
          <Col span={14}>
            <Card title="当前组织">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="组织">{org.name}</Descriptions.Item>
                <Descriptions.Item label="级别">{ORG_LEVEL_LABELS[org.level]}</Descriptions.Item>
                <Descriptions.Item label="行政区划代码">{org.regionCode}</Descriptions.Item>
                <Descriptions.Item label="我的角色">{org.roles.map((r) => ROLE_LABELS[r]).join('、')}</Descriptions.Item>
                <Descriptions.Item label="空闲超时">{me.idleTimeoutMinutes} 分钟无操作自动退出</Descriptions.Item>
              </Descriptions>
            </Card>
            <OrganisationFigures />
            <FiguresCard />
            <ProposalHomeCards />
          </Col>
          <Col span={10}>
            <Card title="常用功能">
              {shortcuts.length === 0 && <Typography.Text type="secondary">您的角色暂无可用的管理功能，业务功能将陆续开放。</Typography.Text>}
              {shortcuts.map((s) => (
                <Card.Grid key={s.path} style={{ width: '50%', cursor: 'pointer', textAlign: 'center' }} onClick={() => navigate(s.path)}>
                  <div style={{ fontSize: 22, color: '#b7261b' }}>{s.icon}</div>
                  {s.label}
                </Card.Grid>
              ))}
            </Card>
          </Col>
        </Row>
      ) : (
        <Card>您目前在任何组织都没有角色，请联系政协系统管理员为您分配角色。</Card>
      )}
    </div>
  );
}
