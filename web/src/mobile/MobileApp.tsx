import { Navigate, Route, Routes } from 'react-router-dom';
import { DotLoading } from 'antd-mobile';
import { useMe, useSignInOnUnauthenticated } from '../api/session';
import { MobileLogin } from './MobileLogin';
import { MobileMe } from './MobileMe';
import { MobilePassword } from './MobilePassword';

/** The phone pages (WeChat H5) for members and, later, residents. */
export function MobileApp() {
  const { data: me, isLoading } = useMe();
  useSignInOnUnauthenticated();

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
