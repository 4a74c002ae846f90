import { useEffect } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { DotLoading } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthenticatedHandler } from '../api/client';
import { useMe } from '../api/session';
import { MobileLogin } from './MobileLogin';
import { MobileMe } from './MobileMe';
import { MobilePassword } from './MobilePassword';

/** The phone pages (WeChat H5) for members and, later, residents. */
export function MobileApp() {
  const { data: me, isLoading } = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler((e) => {
      qc.setQueryData(['me'], null);
      navigate('/login', { state: { notice: e.code === 'SESSION_EXPIRED' ? e.message : '登录已失效，请重新登录' } });
    });
  }, [navigate, qc]);

  if (isLoading) return <div style={{ padding: 48, textAlign: 'center' }}><DotLoading /></div>;
  if (!me)
    return (
      <Routes>
        <Route path="/login" element={<MobileLogin />} />
        <Route path="*" element={<Navigate to="/login" replace />} />
      </Routes>
    );
  if (me.account.mustChangePassword) return <MobilePassword forced />;
  return (
    <Routes>
      <Route path="/" element={<MobileMe />} />
      <Route path="/password" element={<MobilePassword />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
