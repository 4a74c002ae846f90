import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { PARTY_ORG_KIND_LABELS, type PartyRole } from '@server/modules/party/party.schema';
import type { ApiError } from '../../api/client';
import { PartyMemberModal, roleOptions } from './PartyMemberForm';
import { PartyOrgRenameModal } from './PartyOrgForm';
import { KIND_COLORS } from './PartyOrgTree';
import { usePartyActions, usePartyMembers, type PartyOrgView, type PartyPersonView } from './partyApi';

const OFFICER_COLORS: Partial<Record<PartyRole, string>> = { secretary: 'red', deputy_secretary: 'volcano', committee_member: 'orange' };

/** One party organisation: what it is, where it sits, and its officers and members. */
export function PartyOrgDetail({ po, orgs, canManage, onDeleted }: { po: PartyOrgView; orgs: PartyOrgView[]; canManage: boolean; onDeleted: () => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = usePartyMembers(po.id, page.page, page.pageSize);
  const actions = usePartyActions();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const parent = orgs.find((o) => o.id === po.parentId);
  const children = orgs.filter((o) => o.parentId === po.id);
  const isTemp = po.kind === 'temp_branch';
  const fail = (e: ApiError) => message.error(e.message);

  const changeRole = (p: PartyPersonView, role: PartyRole) => {
    if (role === p.role) return;
    // a temporary branch's member who comes from the group takes office by being stored with it
    const done = p.id
      ? actions.setRole.mutateAsync({ id: po.id, pomId: p.id, role })
      : actions.addMember.mutateAsync({ id: po.id, memberId: p.memberId!, role });
    done.then(() => message.success(`${p.name} 已改任${roleOptions(po.kind).find((r) => r.value === role)?.label}`), fail);
  };

  const cannotDelete = children.length ? `下设 ${children.length} 个党组织，不能撤销` : !isTemp && po.memberCount ? `还有 ${po.memberCount} 名成员，请先调出` : null;

  return (
    <Card
      title={
        <Space>
          <Tag color={KIND_COLORS[po.kind]}>{PARTY_ORG_KIND_LABELS[po.kind]}</Tag>
          {po.name}
        </Space>
      }
      extra={
        canManage && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setRenaming(true)}>修改</Button>
            <Popconfirm
              title={`撤销${po.name}？`}
              description={isTemp ? '书记、委员的任职一并撤销；小组及其成员不受影响，以后可重新建立。' : undefined}
              okText="撤销"
              okButtonProps={{ danger: true }}
              disabled={!!cannotDelete}
              onConfirm={() => actions.remove.mutateAsync(po.id).then(() => (message.success(`已撤销${po.name}`), onDeleted()), fail)}
            >
              <Tooltip title={cannotDelete}>
                <Button danger icon={<DeleteOutlined />} disabled={!!cannotDelete}>撤销</Button>
              </Tooltip>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'kind', label: '类型', children: PARTY_ORG_KIND_LABELS[po.kind] },
          { key: 'parent', label: '上级党组织', children: parent?.name ?? '—（最高一级）' },
          { key: 'secretary', label: '书记', children: po.secretary?.name ?? <Typography.Text type="warning">未配备</Typography.Text> },
          { key: 'count', label: '人数', children: `${po.memberCount} 人` },
          ...(isTemp ? [{ key: 'group', label: '所在小组', children: po.group?.name ?? '—' }] : []),
          ...(children.length ? [{ key: 'children', label: '下设', children: `${children.length} 个党组织` }] : []),
        ]}
      />
      {isTemp && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本支部的党员就是${po.group?.name ?? '所在小组'}的中共党员委员，小组成员调整时自动同步，不需要在这里逐个添加或调出；这里维护书记、副书记和委员。`}
        />
      )}
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{po.kind === 'party_group' || po.kind === 'organ_party_group' ? '书记、副书记和成员' : '书记、委员和党员'}</Typography.Text>
        {canManage && <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>添加成员</Button>}
      </Space>
      <Table<PartyPersonView>
        rowKey={(p) => p.id ?? `${p.kind}:${p.memberId ?? p.accountId}`}
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: '还没有成员' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total,
          hideOnSinglePage: page.pageSize === 20,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            width: 140,
            render: (_, p) => (
              <Space size={4}>
                {p.memberId ? <Link to={`/members/${p.memberId}`}>{p.name}</Link> : p.name}
                {!p.id && <Tooltip title={`${po.group?.name ?? '小组'}的中共党员委员，随小组自动加入`}><Tag variant="filled">小组</Tag></Tooltip>}
              </Space>
            ),
          },
          {
            title: '职务',
            key: 'role',
            width: 130,
            render: (_, p) =>
              canManage ? (
                <Select<PartyRole> size="small" value={p.role} style={{ width: 96 }} options={roleOptions(po.kind, p.role)} onChange={(r) => changeRole(p, r)} aria-label={`${p.name}的职务`} />
              ) : (
                <Tag color={OFFICER_COLORS[p.role]}>{p.roleLabel}</Tag>
              ),
          },
          { title: '界别 · 单位', dataIndex: 'detail', ellipsis: true, render: (d: string, p) => (p.kind === 'staff' ? <Typography.Text type="secondary">{d}</Typography.Text> : d) },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 70,
                  render: (_: unknown, p: PartyPersonView) =>
                    p.id ? (
                      <Popconfirm
                        title={`将${p.name}调出${po.name}？`}
                        description={isTemp && p.kind === 'member' ? '如仍是小组的中共党员委员，调出后作为本支部党员保留。' : undefined}
                        okText="调出"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => actions.removeMember.mutateAsync({ id: po.id, pomId: p.id! }).then(() => message.success(`${p.name} 已调出`), fail)}
                      >
                        <Button type="link" size="small" danger>调出</Button>
                      </Popconfirm>
                    ) : (
                      <Tooltip title="随小组成员自动调整；如需调出，请在活动小组中调整成员">
                        <Button type="link" size="small" disabled>调出</Button>
                      </Tooltip>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && <PartyMemberModal po={po} onClose={() => setAdding(false)} />}
      {renaming && <PartyOrgRenameModal po={po} onClose={() => setRenaming(false)} />}
    </Card>
  );
}
