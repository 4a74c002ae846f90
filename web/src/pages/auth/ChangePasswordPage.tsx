import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { showApiError } from '../../api/forms';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HELP, useMe, useSessionActions } from '../../api/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Forced at first sign-in and after a reset (full page); reachable from the user menu otherwise. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { data: me } = useMe();
  const { changePassword, logout } = useSessionActions();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const loginName = me?.account.loginName ?? '';

  const submit = async (v: Values) => {
    try {
      await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      navigate('/');
    } catch (e) {
      showApiError(form, e, message.error);
    }
  };

  const card = (
    <Card title={forced ? '请先修改初始密码' : '修改密码'} style={{ maxWidth: 480, margin: forced ? undefined : '0 auto' }}>
      {forced && (
        <Alert
          showIcon
          type="info"
          style={{ marginBottom: 16 }}
          title={`${me?.account.displayName}，您好`}
          description="您正在使用管理员设置的初始密码或临时密码，为保障账号安全，请先设置新密码。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={forced ? '初始密码' : '当前密码'} rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_HELP}
          rules={newPasswordRules(loginName)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={confirmPasswordRules}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>确认修改</Button>
        {forced && (
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout().then(() => navigate('/login'))}>
            退出登录
          </Button>
        )}
      </Form>
    </Card>
  );
  if (!forced) return card;
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <div style={{ width: 480 }}>
        <Typography.Title level={4} style={{ textAlign: 'center' }}>协商 · 政协履职工作平台</Typography.Title>
        {card}
      </div>
    </div>
  );
}
