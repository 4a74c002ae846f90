import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { ApiError } from '../api/client';
import { useSessionActions } from '../api/session';

export function MobileLogin() {
  const { login } = useSessionActions();
  const navigate = useNavigate();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(180deg,#b7261b 0,#b7261b 180px,#f5f5f5 180px)' }}>
      <div style={{ color: '#fff', padding: '48px 24px 24px' }}>
        <div style={{ fontSize: 26, fontWeight: 600 }}>协商 · 委员之家</div>
        <div style={{ opacity: 0.85, marginTop: 6 }}>政协委员履职平台</div>
      </div>
      <div style={{ margin: '0 16px', background: '#fff', borderRadius: 12, overflow: 'hidden' }}>
        {notice && !error && <NoticeBar content={notice} color="alert" />}
        {error && <div role="alert"><NoticeBar wrap content={error} color="error" /></div>}
        <Form
          layout="vertical"
          onFinish={async (v: { identifier: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await login(v);
              navigate('/', { replace: true });
            } catch (e) {
              setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
            } finally {
              setBusy(false);
            }
          }}
          footer={<Button block type="submit" color="primary" size="large" loading={busy}>登录</Button>}
        >
          <Form.Item name="identifier" label="手机号或登录名" rules={[{ required: true, message: '请输入手机号或登录名' }]}>
            <Input placeholder="请输入" autoComplete="username" clearable />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input placeholder="请输入密码" type="password" autoComplete="current-password" />
          </Form.Item>
        </Form>
      </div>
      <div style={{ padding: 16, color: '#999', fontSize: 12, lineHeight: 1.6 }}>
        首次登录须修改初始密码。忘记密码请联系政协办公室。
      </div>
    </div>
  );
}
