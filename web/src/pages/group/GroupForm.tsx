import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Empty, Form, Input, InputNumber, Row, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { MemberBrief } from '@server/modules/member/member.schema';
import type { PlaceView } from '@server/modules/place/place.schema';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { showApiError, validValues } from '../../api/forms';
import type { MemberView } from '../member/memberApi';
import { usePlaces } from '../place/placeApi';
import { useCommittees } from '../sector/structureApi';
import { proposeGroup, useGroupActions, useStaff, type GroupProposal, type GroupView } from './groupApi';

interface Values {
  name: string;
  sort: number;
  leaderId?: string | null;
  convenerId?: string | null;
  liaisonAccountId?: string | null;
  committeeIds: string[];
  placeIds: string[];
}

/** The chair and vice-chairs, who lead groups (远安: "一名主席或副主席"). */
const useLeaders = () =>
  useQuery({
    queryKey: ['members', 'leaders'],
    queryFn: async () => (await get<Page<MemberView>>('/api/members', { standing: 'true', pageSize: 200 })).items.filter((m) => ['chair', 'vice_chair'].includes(m.position)),
  });

/** Townships with their villages; places another group covers are shown but cannot be picked. */
function placeTree(places: PlaceView[], groupId: string | null) {
  const taken = (p: PlaceView) => !!p.group && p.group.id !== groupId;
  return places
    .filter((p) => !p.parentId)
    .map((t) => ({
      value: t.id,
      title: t.name,
      disabled: taken(t),
      children: places.filter((v) => v.parentId === t.id).map((v) => ({ value: v.id, title: taken(v) ? `${v.name}（${v.group!.name}）` : v.name, disabled: taken(v) })),
    }));
}

const partyTag = (m: MemberBrief) => <Tag color={m.party === '中共' ? 'red' : undefined}>{m.party}</Tag>;

/**
 * 组建小组 the 远安 way (a chair or vice-chair + two special committees → the members of the
 * sectors those committees link are proposed), or change a group's leader, convener, liaison staff,
 * committees and places.
 */
export function GroupForm({ open, group, onClose }: { open: boolean; group: GroupView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { data: leaders } = useLeaders();
  const { data: committees } = useCommittees();
  const { data: staff } = useStaff();
  const { data: places } = usePlaces();
  const { create, update } = useGroupActions();
  const [proposal, setProposal] = useState<GroupProposal | null>(null);
  const [proposing, setProposing] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const { data: current } = useQuery({
    queryKey: ['members', { groupId: group?.id, pageSize: 200 }],
    queryFn: () => get<Page<MemberView>>('/api/members', { groupId: group!.id, pageSize: 200 }),
    enabled: !!group,
  });

  useEffect(() => {
    if (!open) return;
    setProposal(null);
    setChosen([]);
    form.resetFields();
    if (group)
      form.setFieldsValue({
        name: group.name,
        sort: group.sort,
        leaderId: group.leader?.id ?? null,
        convenerId: group.convener?.id ?? null,
        liaisonAccountId: group.liaisonStaff?.id ?? null,
        committeeIds: group.committees.map((c) => c.id),
        placeIds: group.places.map((p) => p.id),
      });
  }, [open, group, form]);

  const propose = async () => {
    const { leaderId, committeeIds } = form.getFieldsValue();
    if (!leaderId || !committeeIds?.length) return message.warning('请先选择带组领导和专委会');
    setProposing(true);
    try {
      const p = await proposeGroup({ leaderId, committeeIds });
      setProposal(p);
      setChosen(p.candidates.map((c) => c.id));
      if (!form.getFieldValue('name')) form.setFieldValue('name', p.suggestedName);
      const convener = p.candidates.find((c) => c.party === '中共' && c.standing && c.id !== leaderId) ?? p.candidates.find((c) => c.party === '中共' && c.id !== leaderId);
      if (convener && !form.getFieldValue('convenerId')) form.setFieldValue('convenerId', convener.id);
    } catch (e) {
      showApiError(form, e, message.error);
    } finally {
      setProposing(false);
    }
  };

  const convenerOptions = useMemo(() => {
    const people: MemberBrief[] = group ? (current?.items ?? []).map((m) => ({ ...m, sector: m.sector.name })) : (proposal?.candidates ?? []).filter((c) => chosen.includes(c.id));
    return people.map((m) => ({ value: m.id, label: `${m.name}（${m.party}${m.standing ? '·常委' : ''}）` }));
  }, [group, current, proposal, chosen]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = { ...v, sort: v.sort ?? 0, leaderId: v.leaderId ?? null, convenerId: v.convenerId ?? null, liaisonAccountId: v.liaisonAccountId ?? null, placeIds: v.placeIds ?? [], committeeIds: v.committeeIds ?? [] };
    try {
      if (group) await update.mutateAsync({ id: group.id, ...body });
      else await create.mutateAsync({ ...body, memberIds: chosen });
      message.success(group ? `已保存${v.name}` : `已组建${v.name}（${chosen.length} 人）`);
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Drawer
      open={open}
      size={820}
      title={group ? `修改${group.name}` : '组建活动小组'}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={submit} loading={create.isPending || update.isPending}>{group ? '保存' : `组建小组${chosen.length ? `（${chosen.length} 人）` : ''}`}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ sort: 0, committeeIds: [], placeIds: [] }}>
        {!group && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="按“一名主席或副主席 + 两个专委会 + 专委会联系的界别”组建"
            description="选择带组领导和两个专委会后点“推荐成员”，系统列出这些专委会所联系界别中尚未分组的在任委员，勾选后即可组建。"
          />
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="leaderId" label="带组领导（主席或副主席）">
              <Select allowClear options={leaders?.map((m) => ({ value: m.id, label: `${m.name}（${m.position === 'chair' ? '主席' : '副主席'}）` }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="committeeIds" label="专委会" extra={group ? undefined : '一般选择两个'}>
              <Select mode="multiple" maxCount={3} options={committees?.map((c) => ({ value: c.id, label: c.shortName }))} />
            </Form.Item>
          </Col>
          {!group && (
            <Col span={4}>
              <Form.Item label=" ">
                <Button icon={<BulbOutlined />} onClick={propose} loading={proposing}>推荐成员</Button>
              </Form.Item>
            </Col>
          )}
        </Row>
        {!group && proposal && (
          <div style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              联系的界别：{proposal.sectors.map((s) => <Tag key={s.id}>{s.name}</Tag>)}
            </Typography.Paragraph>
            <Table<MemberBrief>
              size="small"
              rowKey="id"
              dataSource={proposal.candidates}
              pagination={proposal.candidates.length > 10 ? { pageSize: 10, size: 'small' } : false}
              rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]) }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这些界别的委员都已编入小组" /> }}
              title={() => `推荐成员：未分组委员 ${proposal.candidates.length} 人，已选 ${chosen.length} 人`}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 90 },
                { title: '界别', dataIndex: 'sector', width: 120 },
                { title: '党派', key: 'party', width: 90, render: (_, m) => partyTag(m) },
                { title: '常委', dataIndex: 'standing', width: 60, render: (s: boolean) => (s ? '是' : '') },
                { title: '工作单位及职务', dataIndex: 'workUnit', ellipsis: true },
              ]}
            />
            {proposal.elsewhere.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                另有 {proposal.elsewhere.length} 人已在其他小组（未列入推荐）：
                {proposal.elsewhere.slice(0, 12).map((e) => `${e.member.name}（${e.group.name}）`).join('、')}
                {proposal.elsewhere.length > 12 ? ' 等' : ''}
              </Typography.Paragraph>
            )}
          </div>
        )}
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label="小组名称" rules={[{ required: true, message: '请填写小组名称' }]}><Input placeholder="如 第一活动小组" /></Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="convenerId" label="召集人" extra="临时党支部由召集人任书记，宜选中共党员委员">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={convenerOptions} notFoundContent={group ? '本组暂无成员' : '请先推荐并勾选成员'} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sort" label="排序"><InputNumber min={0} max={999} style={{ width: '100%' }} /></Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="liaisonAccountId" label="联络干部（机关干部）">
              <Select allowClear options={staff?.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="placeIds" label="联系的乡镇、村（社区）" extra="群众诉求将按地方转给联系该地的小组；已由其他小组联系的地方不能再选">
              <TreeSelect treeCheckable multiple showCheckedStrategy={TreeSelect.SHOW_CHILD} treeData={placeTree(places ?? [], group?.id ?? null)} placeholder="选择村（社区）" maxTagCount={6} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
