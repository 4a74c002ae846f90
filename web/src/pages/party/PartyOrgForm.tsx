import { RenameModal } from '../../components/RenameModal';
import { App, Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { PARTY_ORG_KIND_LABELS, PARTY_ORG_KINDS, PARTY_ORG_PARENTS, type PartyOrgKind } from '@server/modules/party/party.schema';
import { chineseNumber } from '@server/modules/term/term.schema';
import { showApiError, validValues } from '../../api/forms';
import { useMe } from '../../api/session';
import { useGroupActions, useGroups } from '../group/groupApi';
import { usePartyActions, type PartyOrgView } from './partyApi';

/** The kinds that may be founded under a parent of this kind (null: at the top). A temporary branch is founded from its group, under the party group. */
export const childKinds = (parent: PartyOrgKind | null): PartyOrgKind[] =>
  PARTY_ORG_KINDS.filter((k) => (k === 'temp_branch' ? parent === 'party_group' : PARTY_ORG_PARENTS[k].includes(parent)));

/** The usual full name, e.g. 中共远安县政协机关第二支部委员会 when the org already has a branch. */
const suggestedName = (kind: PartyOrgKind, orgName: string, orgs: PartyOrgView[]) => {
  const branches = orgs.filter((o) => o.kind === 'branch').length;
  return {
    party_group: `中共${orgName}党组`,
    organ_party_group: `中共${orgName}机关党组`,
    organ_party_committee: `中共${orgName}机关委员会`,
    branch: branches ? `中共${orgName}机关第${chineseNumber(branches + 1)}支部委员会` : `中共${orgName}机关支部委员会`,
    temp_branch: '',
  }[kind];
};

/** 建立党组织: under the chosen parent, one of the kinds party rules allow there; a group's temporary branch is founded from the group. */
export function PartyOrgCreateModal({ orgs, parentId, onClose, onCreated }: { orgs: PartyOrgView[]; parentId: string | null; onClose: () => void; onCreated: (id: string) => void }) {
  const { data: me } = useMe();
  const orgName = me?.currentOrg?.shortName ?? '';
  const actions = usePartyActions();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const parents = orgs.filter((o) => childKinds(o.kind).length);
  // under the selected organisation, or beside it when nothing may be founded under it (a branch)
  const start = parents.find((o) => o.id === parentId) ?? parents.find((o) => o.id === orgs.find((x) => x.id === parentId)?.parentId) ?? parents[0];
  const kindsUnder = (id: string | null | undefined): PartyOrgKind[] => (orgs.length ? childKinds(orgs.find((o) => o.id === id)?.kind ?? null).filter(() => !!id) : ['party_group']);
  const firstKind = (id: string | null | undefined) => kindsUnder(id).find((k) => k !== 'temp_branch');
  const chosenParent = (Form.useWatch('parentId', form) as string | undefined) ?? start?.id;
  const kinds = kindsUnder(chosenParent);
  const kind = (Form.useWatch('kind', form) as PartyOrgKind | undefined) ?? firstKind(start?.id);
  const groups = useGroups();
  const { tempBranch } = useGroupActions();
  const groupsWithout = groups.data?.filter((g) => !g.tempBranch) ?? [];
  const initialKind = firstKind(start?.id);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      const po =
        v.kind === 'temp_branch'
          ? await tempBranch.mutateAsync(v.groupId)
          : await actions.create.mutateAsync({ kind: v.kind, name: v.name, parentId: v.parentId ?? null, sort: orgs.filter((o) => o.parentId === (v.parentId ?? null)).length + 1 });
      message.success(`已建立${po.name}`);
      onCreated(po.id);
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Modal open title={orgs.length ? '建立党组织' : '建立政协党组'} okText="建立" onOk={save} onCancel={onClose} confirmLoading={actions.create.isPending || tempBranch.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ parentId: start?.id ?? null, kind: initialKind, name: initialKind ? suggestedName(initialKind, orgName, orgs) : '' }}
        onValuesChange={(changed) => {
          if ('parentId' in changed) {
            const k = firstKind(changed.parentId);
            form.setFieldsValue({ kind: k, name: k ? suggestedName(k, orgName, orgs) : '' });
          }
          if ('kind' in changed) form.setFieldsValue({ name: suggestedName(changed.kind, orgName, orgs) });
        }}
      >
        {orgs.length > 0 && (
          <Form.Item name="parentId" label="上级党组织" rules={[{ required: true, message: '请选择上级党组织' }]}>
            <Select options={parents.map((o) => ({ value: o.id, label: `${o.name}（${PARTY_ORG_KIND_LABELS[o.kind]}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select disabled={!orgs.length} options={kinds.map((k) => ({ value: k, label: PARTY_ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'temp_branch' ? (
          <>
            <Form.Item name="groupId" label="活动小组" rules={[{ required: true, message: '请选择活动小组' }]}>
              <Select
                loading={groups.isLoading}
                notFoundContent={groups.isLoading ? '加载中…' : '各活动小组都已建立临时党支部'}
                options={groupsWithout.map((g) => ({ value: g.id, label: `${g.name}（召集人 ${g.convener?.name ?? '未定'}，中共委员 ${g.cpcCount} 人）` }))}
              />
            </Form.Item>
            <Alert
              type="info"
              showIcon
              title="临时党支部以小组名称命名，由召集人任书记、联络干部任委员；小组中的中共党员委员自动成为支部党员，小组成员调整时随之变化。召集人须是中共党员。"
            />
          </>
        ) : (
          <Form.Item name="name" label="名称（全称）" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        {!orgs.length && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            政协党组是本组织党组织体系的最高一级，机关党组、机关党委、机关党支部和各活动小组的临时党支部都设在党组之下。
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

/** 修改名称和排序. */
export function PartyOrgRenameModal({ po, onClose }: { po: PartyOrgView; onClose: () => void }) {
  const { rename } = usePartyActions();
  return (
    <RenameModal
      title="修改党组织"
      initial={{ name: po.name, sort: po.sort }}
      maxLength={40}
      sortHint="同一上级之下按排序号从小到大排列"
      saving={rename.isPending}
      save={(v) => rename.mutateAsync({ id: po.id, ...v })}
      onClose={onClose}
    />
  );
}
