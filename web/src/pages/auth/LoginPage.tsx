import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useSessionActions } from '../../api/session';

export function LoginPage() {
  const { login } = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { notice?: string; from?: string };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { identifier: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v);
      navigate(state.from && state.from !== '/login' ? state.from : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg,#fbeeed 0%,#f5f5f5 55%)' }}>
      <div style={{ width: 400 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ width: 56, height: 56, margin: '0 auto 12px', borderRadius: 12, background: '#b7261b', color: '#fff', display: 'grid', placeItems: 'center', fontSize: 28, fontWeight: 700 }}>协</div>
          <Typography.Title level={3} style={{ margin: 0 }}>协商 · 政协履职工作平台</Typography.Title>
          <Typography.Text type="secondary">委员履职 · 提案办理 · 协商议事 · 民意直通</Typography.Text>
        </div>
        <Card>
          {state.notice && !error && <Alert type="warning" showIcon title={state.notice} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item name="identifier" label="登录名或手机号" rules={[{ required: true, message: '请输入登录名或手机号' }]}>
              <Input prefix={<UserOutlined />} placeholder="登录名或手机号" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            首次登录或密码被重置后须修改密码。连续 5 次密码错误将锁定 15 分钟；忘记密码请联系本级政协系统管理员。
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
