import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Checkbox, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { useMe } from '../../api/session';
import { MemberSelect } from '../member/MemberSelect';
import { positionTag } from '../member/MembersPage';
import type { MemberView } from '../member/memberApi';
import { useGroupActions, type GroupView } from './groupApi';

/** One group: who leads, convenes and liaises, what it covers, and its members (add, move in, remove). */
export function GroupMembers({ group, onClose }: { group: GroupView | null; onClose: () => void }) {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('structure.manage');
  const { message } = App.useApp();
  const { addMembers, removeMember } = useGroupActions();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState<string[]>([]);
  const [move, setMove] = useState(false);
  const { data, isFetching } = useQuery({
    queryKey: ['members', { groupId: group?.id, page }],
    queryFn: () => get<Page<MemberView>>('/api/members', { groupId: group!.id, page, pageSize: 20 }),
    enabled: !!group,
    placeholderData: (p) => p,
  });
  if (!group) return null;
  const add = async () => {
    try {
      const g = await addMembers.mutateAsync({ id: group.id, memberIds: adding, move });
      message.success(`已加入${g.name}，现有 ${g.memberCount} 人`);
      setAdding([]);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Drawer open size={760} title={group.name} onClose={onClose}>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="带组领导">{group.leader?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="召集人">{group.convener?.name ?? <Typography.Text type="danger">未指定</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="联络干部">{group.liaisonStaff?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="专委会">{group.committees.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="临时党支部">{group.tempBranch ? <Link to={`/party?org=${group.tempBranch.id}`}>{group.tempBranch.name}</Link> : '未建立'}</Descriptions.Item>
        <Descriptions.Item label="人数">{group.memberCount} 人（中共党员 {group.cpcCount} 人）</Descriptions.Item>
        <Descriptions.Item label="联系的村（社区）" span={2}>{group.places.map((p) => p.name).join('、') || '—'}</Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space style={{ marginBottom: 12 }} wrap>
          <MemberSelect
            style={{ width: 380 }}
            filters={move ? {} : { groupId: 'none' }}
            placeholder={move ? '搜索任一委员（将从原小组调入）' : '搜索未分组的委员'}
            describe={(m) => m.group?.name ?? '未分组'}
            value={adding}
            onChange={(ids) => setAdding(ids)}
          />
          <Checkbox checked={move} onChange={(e) => (setMove(e.target.checked), setAdding([]))}>从其他小组调入</Checkbox>
          <Button type="primary" disabled={!adding.length} loading={addMembers.isPending} onClick={add}>加入本组</Button>
        </Space>
      )}
      <Table<MemberView>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (t) => `共 ${t} 人`, size: 'small' }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            render: (_, m) => (
              <Space size={4}>
                <Link to={`/members/${m.id}`}>{m.name}</Link>
                {positionTag(m)}
                {group.convener?.id === m.id && <Tag color="volcano">召集人</Tag>}
              </Space>
            ),
          },
          { title: '界别', key: 'sector', width: 120, render: (_, m) => m.sector.name },
          { title: '党派', dataIndex: 'party', width: 80 },
          { title: '工作单位及职务', dataIndex: 'workUnit', ellipsis: true },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'ops',
                  width: 70,
                  render: (_: unknown, m: MemberView) => (
                    <Popconfirm
                      title={`${m.name} 退出${group.name}？`}
                      okText="退出"
                      onConfirm={() => removeMember.mutateAsync({ id: group.id, memberId: m.id }).then(() => message.success(`${m.name} 已退出${group.name}`), (e: Error) => message.error(e.message))}
                    >
                      <Button type="link" size="small" danger>移出</Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Drawer>
  );
}
