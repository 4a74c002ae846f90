import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Popconfirm, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { useMe } from '../../api/session';
import type { MemberView } from '../member/memberApi';
import { usePlaces } from '../place/placeApi';
import { GroupForm } from './GroupForm';
import { GroupMembers } from './GroupMembers';
import { useGroupActions, useGroups, type GroupView } from './groupApi';

/** 活动小组（网格）: the groups with their leaders, conveners, liaison staff, committees and places; forming them the 远安 way. */
export function GroupsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('structure.manage');
  const canParty = !!me?.permissions.includes('party.manage');
  const { data: groups, isLoading } = useGroups();
  const { data: places } = usePlaces();
  const { data: ungrouped } = useQuery({ queryKey: ['members', { groupId: 'none', pageSize: 1 }], queryFn: () => get<Page<MemberView>>('/api/members', { groupId: 'none', pageSize: 1 }) });
  const { remove, tempBranch } = useGroupActions();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ group: GroupView | null } | null>(null);
  const open = groups?.find((g) => g.id === params.get('group')) ?? null;
  const villages = (places ?? []).filter((p) => p.parentId);
  const uncovered = villages.filter((p) => !p.group && !(places ?? []).find((t) => t.id === p.parentId)?.group);
  const members = (groups ?? []).reduce((s, g) => s + g.memberCount, 0);

  return (
    <Card
      title="活动小组（网格）"
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: null })}>组建活动小组</Button>}
    >
      <Space size={48} style={{ marginBottom: 16 }}>
        <Statistic title="活动小组" value={groups?.length ?? 0} suffix="个" />
        <Statistic title="编入小组的委员" value={members} suffix="人" />
        <Statistic title="未分组的在任委员" value={ungrouped?.total ?? 0} suffix="人" styles={{ content: ungrouped?.total ? { color: '#cf1322' } : undefined }} />
        <Statistic title="无小组联系的村（社区）" value={uncovered.length} suffix={`/ ${villages.length}`} styles={{ content: uncovered.length ? { color: '#cf1322' } : undefined }} />
      </Space>
      <Table<GroupView>
        rowKey="id"
        loading={isLoading}
        dataSource={groups}
        pagination={false}
        columns={[
          { title: '小组', dataIndex: 'name', width: 130, render: (n: string, g) => <a onClick={() => setParams({ group: g.id })}>{n}</a> },
          { title: '带组领导', key: 'leader', width: 90, render: (_, g) => g.leader?.name ?? '—' },
          { title: '召集人', key: 'convener', width: 90, render: (_, g) => g.convener?.name ?? <Typography.Text type="danger">未指定</Typography.Text> },
          { title: '联络干部', key: 'staff', width: 90, render: (_, g) => g.liaisonStaff?.name ?? '—' },
          { title: '专委会', key: 'committees', width: 170, render: (_, g) => g.committees.map((c) => <Tag key={c.id}>{c.name}</Tag>) },
          {
            title: '联系的村（社区）',
            key: 'places',
            ellipsis: true,
            render: (_, g) => (
              <Tooltip title={g.places.map((p) => p.name).join('、')}>
                {g.places.length ? `${g.places.length} 个：${g.places.map((p) => p.name).join('、')}` : '—'}
              </Tooltip>
            ),
          },
          { title: '人数', key: 'count', width: 110, render: (_, g) => `${g.memberCount} 人（党员 ${g.cpcCount}）` },
          {
            title: '临时党支部',
            key: 'branch',
            width: 120,
            render: (_, g) =>
              g.tempBranch ? (
                <Tag color="red" icon={<ApartmentOutlined />}>已建立</Tag>
              ) : canParty ? (
                <Button
                  size="small"
                  onClick={() => tempBranch.mutateAsync(g.id).then((b) => message.success(`已建立${b.name}，书记 ${b.secretary?.name}`), (e: Error) => message.error(e.message))}
                >
                  建立
                </Button>
              ) : (
                '未建立'
              ),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 170,
                  render: (_: unknown, g: GroupView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setParams({ group: g.id })}>成员</Button>
                      <Button type="link" size="small" onClick={() => setEditing({ group: g })}>修改</Button>
                      <Popconfirm
                        title={`撤销${g.name}？`}
                        description={`其 ${g.memberCount} 名委员将转为未分组`}
                        okText="撤销"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(g.id).then(() => message.success(`已撤销${g.name}`), (e: Error) => message.error(e.message))}
                      >
                        <Button type="link" size="small" danger>撤销</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <GroupForm open={!!editing} group={editing?.group ?? null} onClose={() => setEditing(null)} />
      <GroupMembers group={open} onClose={() => setParams({})} />
    </Card>
  );
}
