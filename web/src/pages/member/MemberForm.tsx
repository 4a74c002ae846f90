import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { GENDER_LABELS, MEMBER_POSITIONS, PARTIES, POSITION_LABELS } from '@server/modules/member/member.schema';
import { showApiError, validValues } from '../../api/forms';
import { useCommittees, useSectors, useTerms } from '../sector/structureApi';
import { useMemberActions, type MemberView } from './memberApi';

interface Values {
  name: string;
  gender: 'male' | 'female';
  birthDate?: dayjs.Dayjs | null;
  ethnicity: string;
  sectorId: string;
  party: (typeof PARTIES)[number];
  committeeIds: string[];
  termIds: string[];
  standing: boolean;
  position: (typeof MEMBER_POSITIONS)[number];
  workUnit: string;
  phone?: string;
  idNumber?: string;
}

/** Add a member, or change one; phone and ID number are only sent when typed in (they are never shown whole here). */
export function MemberForm({ member, open, onClose }: { member: MemberView | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { data: sectors } = useSectors();
  const { data: committees } = useCommittees();
  const { data: terms } = useTerms();
  const { create, update } = useMemberActions();
  const current = terms?.find((t) => t.isCurrent);

  const initial: Partial<Values> = member
    ? {
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        party: member.party as Values['party'],
        standing: member.standing,
        position: member.position,
        workUnit: member.workUnit,
        birthDate: member.birthMonth ? dayjs(`${member.birthMonth}-01`) : null,
        sectorId: member.sector.id,
        committeeIds: member.committees.map((c) => c.id),
        termIds: member.terms.map((t) => t.id),
      }
    : { gender: 'male', ethnicity: '汉族', party: '群众', position: 'member', standing: false, committeeIds: [], termIds: current ? [current.id] : [] };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    // 出生年月 is stored as the first of the month; when changing a member it is sent only if changed (the day on file stays)
    const birthDate = member && !form.isFieldTouched('birthDate') ? undefined : v.birthDate ? v.birthDate.startOf('month').format('YYYY-MM-DD') : null;
    const body = {
      ...v,
      birthDate,
      phone: v.phone?.trim() || undefined,
      idNumber: v.idNumber?.trim() || undefined,
    };
    try {
      if (member) await update.mutateAsync({ id: member.id, ...body });
      else await create.mutateAsync(body);
      message.success(member ? '已保存' : `已新增委员 ${v.name}`);
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  return (
    <Drawer
      open={open}
      size={640}
      title={member ? `修改委员信息：${member.name}` : '新增委员'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={submit} loading={create.isPending || update.isPending}>保存</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="gender" label="性别" rules={[{ required: true }]}>
              <Select options={Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="ethnicity" label="民族"><Input placeholder="如 汉族、土家族" /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="birthDate" label="出生年月" extra={member?.idNumberOnFile ? '由已登记的身份证号确定' : '填写身份证号后自动取用'}>
              <DatePicker picker="month" format="YYYY年M月" disabled={!!member?.idNumberOnFile} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sectorId" label="界别" rules={[{ required: true, message: '请选择界别' }]}>
              <Select showSearch optionFilterProp="label" options={sectors?.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="party" label="党派" rules={[{ required: true }]}>
              <Select options={PARTIES.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="committeeIds" label="专委会">
              <Select mode="multiple" options={committees?.map((c) => ({ value: c.id, label: c.shortName }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="termIds" label="届次">
              <Select mode="multiple" options={terms?.map((t) => ({ value: t.id, label: t.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="position" label="职务">
              <Select options={MEMBER_POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p] }))} />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="standing" label="常委" valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={24}><Form.Item name="workUnit" label="工作单位及职务"><Input placeholder="如 远安县人民医院副院长" /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="phone" label="手机号" extra={member ? `当前：${member.phoneMasked ?? '未填写'}；不修改请留空` : undefined}>
              <Input inputMode="tel" maxLength={14} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="idNumber" label="身份证号" extra={member ? `当前：${member.idNumberOnFile ? '已登记' : '未填写'}；不修改请留空` : '加密保存，页面上只显示“已登记”'}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
