import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Dropdown, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { GENDER_LABELS, PARTIES, POSITION_LABELS, type MemberListQuery } from '@server/modules/member/member.schema';
import { withQuery } from '../../api/client';
import { useMe } from '../../api/session';
import { useGroups } from '../group/groupApi';
import { useCommittees, useSectors, useTerms } from '../sector/structureApi';
import { audienceOf, sees } from '@server/modules/member/member.visibility';
import { MemberContact } from './MemberContact';
import { MemberForm } from './MemberForm';
import { RosterImport } from './RosterImport';
import { MemberLeaveModal } from './MemberLeave';
import { useMembers, type MemberView } from './memberApi';

export const positionTag = (m: Pick<MemberView, 'position' | 'standing'>) =>
  m.position !== 'member' ? <Tag color={m.position === 'standing' ? 'orange' : 'red'}>{POSITION_LABELS[m.position]}</Tag> : m.standing ? <Tag color="orange">常委</Tag> : null;

/** 委员: the org's members with filters by sector, committee, group, term, party and standing, and search by name, pinyin or initials. */
export function MembersPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('member.manage');
  const canReveal = !!me?.permissions.includes('member.contact');
  // the columns this viewer's role sees of colleagues (the one visibility table)
  const audience = me ? audienceOf({ accountId: me.account.id, roles: me.currentOrg?.roles ?? [] }) : 'colleague';
  const navigate = useNavigate();
  const [query, setQuery] = useState<Partial<MemberListQuery>>({ page: 1, pageSize: 20, status: 'active' });
  const { data, isFetching } = useMembers(query);
  const { data: sectors } = useSectors();
  const { data: committees } = useCommittees();
  const { data: terms } = useTerms();
  const { data: groups } = useGroups();
  const [editing, setEditing] = useState<{ member: MemberView | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [leaving, setLeaving] = useState<MemberView | null>(null);
  const filter = (patch: Partial<MemberListQuery>) => setQuery((p) => ({ ...p, ...patch, page: 1 }));
  const exportUrl = (contacts: 'masked' | 'full') => withQuery('/api/members/export', { ...query, page: undefined, pageSize: undefined, contacts });

  return (
    <Card
      title="委员"
      extra={
        <Space>
          <Space.Compact>
            <Button icon={<DownloadOutlined />} href={exportUrl('masked')}>按当前筛选导出 Excel</Button>
            {canReveal && (
              <Dropdown menu={{ items: [{ key: 'full', label: <a href={exportUrl('full')}>导出含完整手机号、身份证号（记入审计日志，可修改后重新导入）</a> }] }}>
                <Button icon={<DownOutlined />} aria-label="更多导出方式" />
              </Dropdown>
            )}
          </Space.Compact>
          {canManage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>从 Excel 导入</Button>}
          {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ member: null })}>新增委员</Button>}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="姓名、拼音或首字母（如 zhm）" style={{ width: 240 }} onSearch={(q) => filter({ q: q || undefined })} />
        <Select allowClear showSearch optionFilterProp="label" placeholder="界别" style={{ width: 150 }} options={sectors?.map((s) => ({ value: s.id, label: s.name }))} onChange={(sectorId) => filter({ sectorId })} />
        <Select allowClear placeholder="专委会" style={{ width: 130 }} options={committees?.map((c) => ({ value: c.id, label: c.shortName }))} onChange={(committeeId) => filter({ committeeId })} />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="活动小组"
          style={{ width: 150 }}
          options={[...(groups ?? []).map((g) => ({ value: g.id, label: g.name })), { value: 'none', label: '未分组' }]}
          onChange={(groupId) => filter({ groupId })}
        />
        <Select allowClear placeholder="党派" style={{ width: 110 }} options={PARTIES.map((p) => ({ value: p, label: p }))} onChange={(party) => filter({ party })} />
        <Select allowClear placeholder="常委" style={{ width: 100 }} options={[{ value: 'true', label: '常委' }, { value: 'false', label: '非常委' }]} onChange={(standing) => filter({ standing })} />
        <Select allowClear placeholder="届次" style={{ width: 110 }} options={terms?.map((t) => ({ value: t.id, label: t.name }))} onChange={(termId) => filter({ termId })} />
        <Select value={query.status} style={{ width: 100 }} options={[{ value: 'active', label: '在任' }, { value: 'left', label: '已离任' }]} onChange={(status) => filter({ status })} />
      </Space>
      <Table<MemberView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 名委员`,
          onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
        }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            width: 150,
            render: (_, m) => (
              <Space size={4}>
                <a onClick={() => navigate(`/members/${m.id}`)}>{m.name}</a>
                {positionTag(m)}
              </Space>
            ),
          },
          { title: '性别', dataIndex: 'gender', width: 60, render: (g: MemberView['gender']) => (g ? GENDER_LABELS[g] : '—') },
          { title: '界别', key: 'sector', width: 120, render: (_, m) => m.sector.name },
          { title: '党派', dataIndex: 'party', width: 90 },
          { title: '专委会', dataIndex: 'committees', width: 120, render: (c: MemberView['committees']) => c.map((x) => <Tag key={x.id}>{x.name}</Tag>) },
          { title: '活动小组', key: 'group', width: 120, render: (_, m) => m.group?.name ?? <Typography.Text type="secondary">未分组</Typography.Text> },
          { title: '工作单位及职务', dataIndex: 'workUnit', ellipsis: true },
          ...(sees('phone', audience) ? [{ title: '手机号', key: 'phone', width: 200, render: (_: unknown, m: MemberView) => <MemberContact m={m} canReveal={canReveal} /> }] : []),
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 110,
                  render: (_: unknown, m: MemberView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ member: m })}>修改</Button>
                      {m.status === 'active' && <Button type="link" size="small" danger onClick={() => setLeaving(m)}>离任</Button>}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <MemberForm open={!!editing} member={editing?.member ?? null} onClose={() => setEditing(null)} />
      <RosterImport open={importing} onClose={() => setImporting(false)} />
      <MemberLeaveModal member={leaving} onClose={() => setLeaving(null)} />
    </Card>
  );
}
