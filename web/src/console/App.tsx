import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useMe, useSignInOnUnauthenticated } from '../api/session';
import { LoginPage } from '../pages/auth/LoginPage';
import { ChangePasswordPage } from '../pages/auth/ChangePasswordPage';
import { AccountsPage } from '../pages/account/AccountsPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { OrgPage } from '../pages/org/OrgPage';
import { HomePage } from '../pages/home/HomePage';
import { MembersPage } from '../pages/member/MembersPage';
import { MemberPage } from '../pages/member/MemberPage';
import { GroupsPage } from '../pages/group/GroupsPage';
import { LiaisonPage } from '../pages/liaison/LiaisonPage';
import { PartyPage } from '../pages/party/PartyPage';
import { PlacesPage } from '../pages/place/PlacesPage';
import { SectorsPage } from '../pages/sector/SectorsPage';
import { TermsPage } from '../pages/term/TermsPage';
import { ConsoleLayout } from './Layout';
import type { Permission } from '@server/core/access';

function Guard({ permission, children }: { permission: Permission; children: React.ReactNode }) {
  const { data: me } = useMe();
  if (!me?.permissions.includes(permission)) return <Result status="403" title="没有权限" subTitle="您在当前组织没有访问此页面的权限，可在右上角切换组织。" />;
  return <>{children}</>;
}

export function App() {
  const { data: me, isLoading } = useMe();
  const location = useLocation();

  useSignInOnUnauthenticated();

  if (isLoading) return <Spin fullscreen description="加载中" />;
  if (!me) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  if (me.account.mustChangePassword) return <ChangePasswordPage forced />;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route element={<ConsoleLayout />}>
        <Route index element={<HomePage />} />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="members" element={<Guard permission="member.read"><MembersPage /></Guard>} />
        <Route path="members/:id" element={<Guard permission="member.read"><MemberPage /></Guard>} />
        <Route path="groups" element={<Guard permission="structure.read"><GroupsPage /></Guard>} />
        <Route path="liaison" element={<Guard permission="liaison.read"><LiaisonPage /></Guard>} />
        <Route path="places" element={<Guard permission="structure.read"><PlacesPage /></Guard>} />
        <Route path="party" element={<Guard permission="party.read"><PartyPage /></Guard>} />
        <Route path="sectors" element={<Guard permission="structure.read"><SectorsPage /></Guard>} />
        <Route path="terms" element={<Guard permission="structure.read"><TermsPage /></Guard>} />
        <Route path="accounts" element={<Guard permission="account.manage"><AccountsPage /></Guard>} />
        <Route path="audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
        <Route path="org" element={<Guard permission="org.manage"><OrgPage /></Guard>} />
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Route>
    </Routes>
  );
}
