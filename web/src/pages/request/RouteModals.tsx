import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import type { RouteBody } from '@server/modules/request/request.schema';
import { showApiError, validValues } from '../../api/forms';
import { useGroups } from '../group/groupApi';
import { useCommittees } from '../sector/structureApi';
import { MemberPick } from './MemberPick';
import { useRequestActions, type RequestDetailView } from './requestApi';

type Props = { r: RequestDetailView; open: boolean; onClose: () => void };

/** 改派: another group (and committee, and optionally a member of that group). */
export function RouteModal({ r, open, onClose }: Props) {
  const [form] = Form.useForm<RouteBody>();
  const { route } = useRequestActions();
  const { data: groups } = useGroups();
  const { data: committees } = useCommittees();
  const { message } = App.useApp();
  const groupId = Form.useWatch('groupId', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ groupId: r.group?.id, committeeId: r.committee?.id ?? null, memberId: null, note: '' });
  }, [open, r, form]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await route.mutateAsync({ id: r.id, ...v, memberId: v.memberId || null });
      message.success('已改派');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Modal title={`改派诉求 ${r.code}`} open={open} onCancel={onClose} onOk={submit} okText="改派" confirmLoading={route.isPending} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="groupId" label="活动小组" rules={[{ required: true, message: '请选择活动小组' }]} extra={`诉求地点：${r.place.fullName}`}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={groups?.map((g) => ({ value: g.id, label: `${g.name}${g.places.length ? `（${g.places.map((p) => p.name).join('、')}）` : ''}` }))}
            onChange={() => form.setFieldValue('memberId', null)}
          />
        </Form.Item>
        <Form.Item name="committeeId" label="对口专委会" extra="按分类自动对口；可改为其他专委会或不指定">
          <Select allowClear placeholder="不指定" options={committees?.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="memberId" label="办理委员" extra="只能选该小组的委员；不选则由小组委员认领（原办理委员在新小组的，保留）">
          <MemberPick key={groupId} filters={{ groupId }} placeholder="可选：该小组的委员" />
        </Form.Item>
        <Form.Item name="note" label="改派说明" rules={[{ max: 200, message: '说明不超过 200 个字' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="可选，会通知给小组召集人和办理委员" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 指定委员: a member of the concern's group by default; staff may name any active member. */
export function AssignModal({ r, open, onClose }: Props) {
  const [memberId, setMemberId] = useState<string | null>(null);
  const [anyMember, setAnyMember] = useState(!r.group);
  const { assign } = useRequestActions();
  const { message } = App.useApp();
  useEffect(() => {
    if (open) {
      setMemberId(null);
      setAnyMember(!r.group);
    }
  }, [open, r.group]);
  const submit = async () => {
    if (!memberId) return void message.warning('请选择办理委员');
    try {
      await assign.mutateAsync({ id: r.id, memberId });
      message.success('已指定办理委员');
      onClose();
    } catch (e) {
      showApiError(null, e, message.error);
    }
  };
  return (
    <Modal title={`指定办理委员 · ${r.code}`} open={open} onCancel={onClose} onOk={submit} okText="指定" confirmLoading={assign.isPending}>
      <Typography.Paragraph type="secondary">
        {r.group ? `诉求由${r.group.name}办理，默认在本小组委员中选择。` : '这条诉求尚未分派到活动小组。'}
      </Typography.Paragraph>
      <MemberPick key={String(anyMember)} filters={anyMember || !r.group ? undefined : { groupId: r.group.id }} value={memberId} onChange={setMemberId} initial={r.member} />
      {r.group && (
        <div style={{ marginTop: 12 }}>
          <Switch size="small" checked={anyMember} onChange={setAnyMember} /> <Typography.Text>也可选择其他小组的委员</Typography.Text>
        </div>
      )}
    </Modal>
  );
}
