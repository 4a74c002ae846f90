import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { GENDER_LABELS, PARTIES, POSITION_LABELS, type MemberListQuery } from '@server/modules/member/member.schema';
import { ApiError, withQuery } from '../../api/client';
import { showApiError } from '../../api/forms';
import { useMe } from '../../api/session';
import { useCommittees, useSectors, useTerms } from '../sector/structureApi';
import { MemberForm } from './MemberForm';
import { revealContact, useMemberActions, useMembers, type MemberView } from './memberApi';

function Contact({ m, canReveal }: { m: MemberView; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  const { message } = App.useApp();
  if (!m.phoneMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4}>
      {full ?? m.phoneMasked}
      {canReveal && !full && (
        <Tooltip title="查看完整手机号和身份证号（将记入审计日志）">
          <Button
            type="text"
            size="small"
            icon={<EyeOutlined />}
            aria-label={`查看${m.name}的完整联系方式`}
            onClick={() => revealContact(m.id).then((c) => setFull(`${c.phone ?? '—'}　${c.idNumber ?? ''}`), (e: ApiError) => message.error(e.message))}
          />
        </Tooltip>
      )}
    </Space>
  );
}

const positionTag = (m: MemberView) =>
  m.position !== 'member' ? <Tag color={m.position === 'standing' ? 'orange' : 'red'}>{POSITION_LABELS[m.position]}</Tag> : m.standing ? <Tag color="orange">常委</Tag> : null;

/** 委员: the org's members with filters by sector, committee, term, party and standing, and search by name, pinyin or initials. */
export function MembersPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('member.manage');
  const canReveal = !!me?.permissions.includes('member.contact');
  const [query, setQuery] = useState<Partial<MemberListQuery>>({ page: 1, pageSize: 20, status: 'active' });
  const { data, isFetching } = useMembers(query);
  const { data: sectors } = useSectors();
  const { data: committees } = useCommittees();
  const { data: terms } = useTerms();
  const { leave } = useMemberActions();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ member: MemberView | null } | null>(null);
  const [viewing, setViewing] = useState<MemberView | null>(null);
  const [leaving, setLeaving] = useState<MemberView | null>(null);
  const [leaveForm] = Form.useForm();
  const filter = (patch: Partial<MemberListQuery>) => setQuery((p) => ({ ...p, ...patch, page: 1 }));

  return (
    <Card
      title="委员"
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/members/export', { ...query, page: undefined, pageSize: undefined })}>按当前筛选导出 Excel</Button>
          {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ member: null })}>新增委员</Button>}
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="姓名、拼音或首字母（如 zhm）" style={{ width: 240 }} onSearch={(q) => filter({ q: q || undefined })} />
        <Select allowClear showSearch optionFilterProp="label" placeholder="界别" style={{ width: 150 }} options={sectors?.map((s) => ({ value: s.id, label: s.name }))} onChange={(sectorId) => filter({ sectorId })} />
        <Select allowClear placeholder="专委会" style={{ width: 130 }} options={committees?.map((c) => ({ value: c.id, label: c.shortName }))} onChange={(committeeId) => filter({ committeeId })} />
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
                <a onClick={() => setViewing(m)}>{m.name}</a>
                {positionTag(m)}
              </Space>
            ),
          },
          { title: '性别', dataIndex: 'gender', width: 60, render: (g: MemberView['gender']) => GENDER_LABELS[g] },
          { title: '界别', key: 'sector', width: 120, render: (_, m) => m.sector.name },
          { title: '党派', dataIndex: 'party', width: 90 },
          { title: '专委会', dataIndex: 'committees', width: 120, render: (c: MemberView['committees']) => c.map((x) => <Tag key={x.id}>{x.name}</Tag>) },
          { title: '工作单位及职务', dataIndex: 'workUnit', ellipsis: true },
          { title: '手机号', key: 'phone', width: 200, render: (_, m) => <Contact m={m} canReveal={canReveal} /> },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 110,
                  render: (_: unknown, m: MemberView) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ member: m })}>修改</Button>
                      {m.status === 'active' && <Button type="link" size="small" danger onClick={() => (leaveForm.resetFields(), setLeaving(m))}>离任</Button>}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <MemberForm open={!!editing} member={editing?.member ?? null} onClose={() => setEditing(null)} />
      <Drawer open={!!viewing} width={520} title={viewing?.name} onClose={() => setViewing(null)}>
        {viewing && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="性别">{GENDER_LABELS[viewing.gender]}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{viewing.birthDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="民族">{viewing.ethnicity}</Descriptions.Item>
            <Descriptions.Item label="界别">{viewing.sector.name}</Descriptions.Item>
            <Descriptions.Item label="党派">{viewing.party}</Descriptions.Item>
            <Descriptions.Item label="职务">{POSITION_LABELS[viewing.position]}{viewing.standing && viewing.position === 'member' ? '（常委）' : ''}</Descriptions.Item>
            <Descriptions.Item label="专委会">{viewing.committees.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="届次">{viewing.terms.map((t) => t.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位及职务">{viewing.workUnit || '—'}</Descriptions.Item>
            <Descriptions.Item label="手机号"><Contact m={viewing} canReveal={canReveal} /></Descriptions.Item>
            <Descriptions.Item label="身份证号">{viewing.idNumberMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="同时任">{viewing.otherOrgs.length ? `${viewing.otherOrgs.join('、')}委员` : '—'}</Descriptions.Item>
            {viewing.status === 'left' && <Descriptions.Item label="离任">{viewing.leftAt}，{viewing.leftReason}</Descriptions.Item>}
          </Descriptions>
        )}
      </Drawer>
      <Modal
        open={!!leaving}
        title={`${leaving?.name} 离任`}
        okText="确认离任"
        okButtonProps={{ danger: true }}
        onCancel={() => setLeaving(null)}
        forceRender
        onOk={async () => {
          const v = await leaveForm.validateFields();
          try {
            await leave.mutateAsync({ id: leaving!.id, leftAt: v.leftAt.format('YYYY-MM-DD'), reason: v.reason });
            message.success(`${leaving!.name} 已离任，履职记录保留`);
            setLeaving(null);
          } catch (e) {
            showApiError(leaveForm, e, message.error);
          }
        }}
      >
        <Typography.Paragraph type="secondary">离任后不再出现在在任委员中，其履职记录、提案和社情民意信息全部保留。</Typography.Paragraph>
        <Form form={leaveForm} layout="vertical" initialValues={{ leftAt: dayjs() }}>
          <Form.Item name="leftAt" label="离任日期" rules={[{ required: true, message: '请选择离任日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请写明离任原因' }]}><Input.TextArea rows={2} placeholder="如 工作调动、换届未续任、本人辞去委员职务" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
