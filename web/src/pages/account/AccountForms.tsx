import { App, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { ROLE_LABELS, ROLES } from '@server/modules/account/account.schema';
import { showApiError, validValues } from '../../api/forms';
import type { AccountView, Role } from './accountApi';

export const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface AccountFormValues {
  loginName?: string;
  identifier?: string;
  displayName?: string;
  phone?: string;
  roles?: Role[];
}

type Mode = 'create' | 'attach' | 'edit' | 'roles';
const TITLES: Record<Mode, string> = { create: '新建账号', attach: '添加其他组织的已有账号', edit: '修改账号信息', roles: '调整角色' };

/** One modal for the four account forms; fields shown by mode. */
export function AccountFormModal(props: {
  mode: Mode | null;
  account?: AccountView | null;
  onCancel: () => void;
  onSubmit: (v: AccountFormValues) => Promise<unknown>;
}) {
  const [form] = Form.useForm<AccountFormValues>();
  const { message } = App.useApp();
  const { mode, account } = props;
  if (!mode) return null;
  const initial: AccountFormValues =
    mode === 'edit' ? { displayName: account?.displayName } : mode === 'roles' ? { roles: account?.roles } : { roles: ['member'] };
  return (
    <Modal
      open
      destroyOnHidden
      title={TITLES[mode]}
      okText="保存"
      onCancel={props.onCancel}
      onOk={async () => {
        const v = await validValues(form);
        if (!v) return;
        try {
          await props.onSubmit(v);
        } catch (e) {
          showApiError(form, e, message.error);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        {mode === 'roles' && <Typography.Paragraph>账号：{account?.displayName}（{account?.loginName}）。取消全部角色即将其移出本组织。</Typography.Paragraph>}
        {mode === 'attach' && (
          <Typography.Paragraph type="secondary">
            同一个人在市、县两级政协任职时只用一个账号。输入其在其他组织使用的登录名或手机号，把他加入本组织。
          </Typography.Paragraph>
        )}
        {mode === 'create' && (
          <Form.Item name="loginName" label="登录名" rules={[{ required: true, message: '请填写登录名' }]} extra="字母开头，可含字母、数字、下划线，如 lixiulan">
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {mode === 'attach' && (
          <Form.Item name="identifier" label="登录名或手机号" rules={[{ required: true, message: '请填写登录名或手机号' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {(mode === 'create' || mode === 'edit') && (
          <>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label="手机号" extra={mode === 'edit' ? `当前：${account?.phoneMasked ?? '未填写'}；不修改请留空` : '可用手机号登录；加密保存'}>
              <Input inputMode="tel" maxLength={14} />
            </Form.Item>
          </>
        )}
        {mode !== 'edit' && (
          <Form.Item name="roles" label="在本组织的角色" rules={mode === 'roles' ? [] : [{ required: true, message: '至少选择一个角色' }]}>
            <Checkbox.Group options={roleOptions} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Shows a one-time password once, for the admin to hand over. */
export function showTemporaryPassword(modal: ReturnType<typeof App.useApp>['modal'], title: string, who: string, password: string) {
  modal.success({
    title,
    width: 460,
    content: (
      <div>
        <p>{who}的临时密码（只显示这一次，请当面或电话转告本人）：</p>
        <Typography.Paragraph copyable={{ text: password }} style={{ fontSize: 22, fontFamily: 'monospace', letterSpacing: 2 }} data-testid="temp-password">
          {password}
        </Typography.Paragraph>
        <p style={{ color: '#8c8c8c' }}>本人首次登录时须修改密码。</p>
      </div>
    ),
  });
}
