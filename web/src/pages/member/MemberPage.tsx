import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { GENDER_LABELS, POSITION_LABELS, type MemberBrief } from '@server/modules/member/member.schema';
import { PARTY_ORG_KIND_LABELS } from '@server/modules/party/party.schema';
import { useMe } from '../../api/session';
import { birthLabel, idNumberLabel, positionLabel, RevealButton, useMemberContact } from './MemberContact';
import { MemberForm } from './MemberForm';
import { MemberLeaveModal } from './MemberLeave';
import { positionTag } from './MembersPage';
import { useMember, useMemberRelations } from './memberApi';
import { MemberFiguresCard } from '../figures/MemberFiguresCard';

const Person = ({ m }: { m: MemberBrief }) => (
  <Space size={6} wrap>
    <Link to={`/members/${m.id}`}>{m.name}</Link>
    {positionTag(m)}
    <Typography.Text type="secondary">{[m.sector, m.party === m.sector ? null : m.party, m.workUnit].filter(Boolean).join(' · ')}</Typography.Text>
  </Space>
);

/** 委员详情: the profile, the group, who keeps in touch with them and whom they keep in touch with, party organisations. */
export function MemberPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('member.manage');
  const canReveal = !!me?.permissions.includes('member.contact');
  const canLiaison = !!me?.permissions.includes('liaison.read');
  const { data: m, error, isLoading } = useMember(id);
  const { data: rel } = useMemberRelations(id);
  const { contact, reveal } = useMemberContact(id);
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState(false);
  if (isLoading) return <Spin />;
  if (error || !m) return <Result status="404" title="委员不存在" subTitle="该委员不存在或不属于当前组织。" extra={<Button onClick={() => navigate('/members')}>返回委员列表</Button>} />;
  const g = rel?.group;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Space orientation="vertical" size={4}>
            <Space>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />
              <Typography.Title level={3} style={{ margin: 0 }}>{m.name}</Typography.Title>
              {positionTag(m)}
              {m.status === 'left' && <Tag>已离任</Tag>}
            </Space>
            <Typography.Text type="secondary">{m.sector.name} · {m.party} · {m.workUnit || '—'}</Typography.Text>
          </Space>
          {canManage && m.status === 'active' && (
            <Space>
              <Button onClick={() => setEditing(true)}>修改信息</Button>
              <Button danger onClick={() => setLeaving(true)}>离任</Button>
            </Space>
          )}
        </Space>
        {m.status === 'left' && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`已于 ${m.leftAt} 离任${m.leftReason ? `：${m.leftReason}` : ''}`} />}
      </Card>
      <Row gutter={16}>
        <Col span={10}>
          <Card title="基本信息">
            <Descriptions column={1} size="small" bordered>
              {m.gender && <Descriptions.Item label="性别">{GENDER_LABELS[m.gender]}</Descriptions.Item>}
              {m.birthYear !== undefined && <Descriptions.Item label={m.birthMonth !== undefined ? '出生年月' : '出生年份'}>{birthLabel(m)}</Descriptions.Item>}
              {m.ethnicity && <Descriptions.Item label="民族">{m.ethnicity}</Descriptions.Item>}
              <Descriptions.Item label="界别">{m.sector.name}</Descriptions.Item>
              <Descriptions.Item label="党派">{m.party}</Descriptions.Item>
              <Descriptions.Item label="职务">{positionLabel(m, POSITION_LABELS)}</Descriptions.Item>
              <Descriptions.Item label="专委会">{m.committees.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="届次">{m.terms.map((t) => t.name).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="工作单位及职务">{m.workUnit || '—'}</Descriptions.Item>
              {m.phoneMasked !== undefined && (
                <Descriptions.Item label="手机号">
                  <Space size={4}>
                    {contact ? (contact.phone ?? '未填写') : (m.phoneMasked ?? '未填写')}
                    {canReveal && !contact && (m.phoneMasked || m.idNumberOnFile) && <RevealButton m={m} onReveal={reveal} />}
                  </Space>
                </Descriptions.Item>
              )}
              {m.idNumberOnFile !== undefined && <Descriptions.Item label="身份证号">{contact ? (contact.idNumber ?? '未登记') : idNumberLabel(m)}</Descriptions.Item>}
              <Descriptions.Item label="同时任">{m.otherOrgs.length ? `${m.otherOrgs.join('、')}委员` : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <div style={{ marginTop: 16 }}>
            <MemberFiguresCard memberId={m.id} />
          </div>
        </Col>
        <Col span={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="活动小组" extra={g && <Link to={`/groups?group=${g.id}`}>查看小组</Link>}>
              {g ? (
                <Descriptions column={2} size="small">
                  <Descriptions.Item label="小组">{g.name}</Descriptions.Item>
                  <Descriptions.Item label="带组领导">{g.leader?.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="召集人">{g.convener?.name ?? '—'}{g.convener?.id === m.id && <Tag color="red" style={{ marginLeft: 6 }}>本人</Tag>}</Descriptions.Item>
                  <Descriptions.Item label="联络干部">{g.liaisonStaff?.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="专委会">{g.committees.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
                  <Descriptions.Item label="人数">{g.memberCount} 人</Descriptions.Item>
                  <Descriptions.Item label="联系的村（社区）" span={2}>{g.places.map((p) => p.name).join('、') || '—'}</Descriptions.Item>
                </Descriptions>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未编入活动小组" />
              )}
            </Card>
            {canLiaison && (
            <Card title="联系关系">
              <Typography.Text strong>谁联系{m.name}</Typography.Text>
              <List size="small" dataSource={rel?.keptBy ?? []} locale={{ emptyText: '尚无人联系' }} renderItem={(x) => <List.Item><Person m={x.member} /></List.Item>} />
              <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{m.name}联系的委员（{rel?.keepsInTouchWith.length ?? 0} 人）</Typography.Text>
              <List size="small" dataSource={rel?.keepsInTouchWith ?? []} locale={{ emptyText: '无' }} renderItem={(x) => <List.Item><Person m={x.member} /></List.Item>} />
            </Card>
            )}
            <Card title="党组织">
              <List
                size="small"
                dataSource={rel?.partyOrgs ?? []}
                locale={{ emptyText: m.party === '中共' ? '尚未编入党组织' : '非中共党员' }}
                renderItem={(p) => (
                  <List.Item extra={<Tag color={p.role === 'member' ? undefined : 'red'}>{p.roleLabel}</Tag>}>
                    <Link to={`/party?org=${p.id}`}>{p.name}</Link>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{PARTY_ORG_KIND_LABELS[p.kind]}</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <MemberForm open={editing} member={m} onClose={() => setEditing(false)} />
      <MemberLeaveModal member={leaving ? m : null} onClose={() => setLeaving(false)} />
    </Space>
  );
}
