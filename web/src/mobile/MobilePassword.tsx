import { useNavigate } from 'react-router-dom';
import { Button, Form, Input, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { ApiError } from '../api/client';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HELP, useMe, useSessionActions } from '../api/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function MobilePassword({ forced = false }: { forced?: boolean }) {
  const { data: me } = useMe();
  const { changePassword, logout } = useSessionActions();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const loginName = me?.account.loginName ?? '';
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <NavBar back={forced ? null : '返回'} onBack={() => navigate(-1)} style={{ background: '#fff' }}>
        {forced ? '修改初始密码' : '修改密码'}
      </NavBar>
      {forced && <NoticeBar wrap color="info" content="您正在使用初始密码或临时密码，为保障账号安全，请先设置新密码。" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: Values) => {
          try {
            await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
            Toast.show({ icon: 'success', content: '密码已修改' });
            navigate('/', { replace: true });
          } catch (e) {
            if (e instanceof ApiError && e.details.length) form.setFields(e.details.map((d) => ({ name: d.path as keyof Values, errors: [d.message] })));
            else Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : '修改失败' });
          }
        }}
        footer={
          <>
            <Button block type="submit" color="primary" size="large">确认修改</Button>
            {forced && <Button block fill="none" style={{ marginTop: 8 }} onClick={() => logout().then(() => navigate('/login'))}>退出登录</Button>}
          </>
        }
      >
        <Form.Item name="currentPassword" label={forced ? '初始密码' : '当前密码'} rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input type="password" autoComplete="current-password" placeholder={forced ? '管理员告知您的密码' : '请输入当前密码'} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          help={PASSWORD_HELP}
          rules={newPasswordRules(loginName)}
        >
          <Input type="password" autoComplete="new-password" placeholder="至少 8 位，含三类字符" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={confirmPasswordRules}
        >
          <Input type="password" autoComplete="new-password" placeholder="再输入一次新密码" />
        </Form.Item>
      </Form>
    </div>
  );
}
