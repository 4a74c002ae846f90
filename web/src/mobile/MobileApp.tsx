import { Navigate, Route, Routes } from 'react-router-dom';
import { DotLoading } from 'antd-mobile';
import { useMe, useSignInOnUnauthenticated } from '../api/session';
import { MobileLogin } from './MobileLogin';
import { MobilePassword } from './MobilePassword';
import { MemberTabs } from './MemberTabs';
import { ResidentApp } from './ResidentApp';

/**
 * The phone pages (WeChat H5): residents' pages need no account (/r/<行政区划代码>/…, /track/<查询码>);
 * everything else is the members' app behind sign-in.
 */
export function MobileApp() {
  return (
    <Routes>
      <Route path="/r/:regionCode/*" element={<ResidentApp />} />
      <Route path="/track/*" element={<ResidentApp />} />
      <Route path="*" element={<MemberApp />} />
    </Routes>
  );
}

function MemberApp() {
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
  return <MemberTabs />;
}
