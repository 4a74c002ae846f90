import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Radio, Select } from 'antd';
import { PARTY_ROLES, partyRoleLabel, type PartyOrgKind, type PartyRole } from '@server/modules/party/party.schema';
import { showApiError, validValues } from '../../api/forms';
import { useMembers } from '../member/memberApi';
import { useStaff } from '../group/groupApi';
import { usePartyActions, type PartyOrgView } from './partyApi';

/** 党组 and 机关党组 have a secretary, deputies and 成员; a branch has 书记、副书记、委员 and its 党员. */
export const roleOptions = (kind: PartyOrgKind, current?: PartyRole) =>
  PARTY_ROLES.filter((r) => r === current || !((kind === 'party_group' || kind === 'organ_party_group') && r === 'member')).map((r) => ({ value: r, label: partyRoleLabel(kind, r) }));

const defaultRole = (kind: PartyOrgKind): PartyRole => (kind === 'party_group' || kind === 'organ_party_group' ? 'committee_member' : 'member');

type Option = { value: string; label: string };

/** CPC members of the org, searched on the server by name, pinyin or initials. */
function MemberPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const { data, isFetching } = useMembers({ party: '中共', q: q || undefined, page: 1, pageSize: 20 });
  // the chosen one stays labelled when a later search no longer finds them
  const [picked, setPicked] = useState<Option>();
  const found: Option[] = data?.items.map((m) => ({ value: m.id, label: `${m.name}　${m.sector.name}${m.workUnit ? ` · ${m.workUnit}` : ''}` })) ?? [];
  return (
    <Select<string, Option>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(v, o) => {
        if (o && !Array.isArray(o)) setPicked(o);
        onChange?.(v);
      }}
      loading={isFetching}
      placeholder="输入姓名、拼音或首字母（如 zhm）查找中共党员委员"
      notFoundContent={isFetching ? '查找中…' : '没有找到在任的中共党员委员'}
      options={picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found}
    />
  );
}

/** 添加成员: a CPC member (委员) or an office staff member (机关干部), with their office in this party organisation. */
export function PartyMemberModal({ po, onClose }: { po: PartyOrgView; onClose: () => void }) {
  const actions = usePartyActions();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const source = (Form.useWatch('source', form) as 'member' | 'staff' | undefined) ?? 'member';
  const staff = useStaff();

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await actions.addMember.mutateAsync({ id: po.id, role: v.role, ...(v.source === 'staff' ? { accountId: v.accountId } : { memberId: v.memberId }) });
      message.success('已添加');
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Modal open title={`添加成员 — ${po.name}`} okText="添加" onOk={save} onCancel={onClose} confirmLoading={actions.addMember.isPending} destroyOnHidden width={560}>
      {po.kind === 'temp_branch' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${po.group?.name ?? '小组'}的中共党员委员已自动是本支部党员，这里只需添加担任书记、副书记、委员的人员，或小组以外的党员。`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ source: 'member', role: defaultRole(po.kind) }}>
        <Form.Item name="source" label="人员">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'member', label: '委员（中共党员）' },
              { value: 'staff', label: '机关干部' },
            ]}
          />
        </Form.Item>
        {source === 'member' ? (
          <Form.Item name="memberId" label="委员" rules={[{ required: true, message: '请选择委员' }]}>
            <MemberPicker />
          </Form.Item>
        ) : (
          <Form.Item name="accountId" label="机关干部" rules={[{ required: true, message: '请选择机关干部' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={staff.isLoading} placeholder="选择机关干部" options={staff.data?.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        )}
        <Form.Item name="role" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
          <Select options={roleOptions(po.kind)} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
