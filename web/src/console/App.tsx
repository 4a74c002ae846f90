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
import { RequestsPage } from '../pages/request/RequestsPage';
import { RequestPage } from '../pages/request/RequestPage';
import { RequestSettingsPage } from '../pages/request/RequestSettingsPage';
import { EscalationsPage } from '../pages/request/EscalationsPage';
import { OpinionReportsPage } from '../pages/opinion/OpinionReportsPage';
import { OpinionReportPage } from '../pages/opinion/OpinionReportPage';
import { BulletinsPage } from '../pages/opinion/BulletinsPage';
import { SearchPage } from '../pages/search/SearchPage';
import { FiguresPage } from '../pages/figures/FiguresPage';
import { ProposalsPage } from '../pages/proposal/ProposalsPage';
import { ProposalPage } from '../pages/proposal/ProposalPage';
import { ProposalSettingsPage } from '../pages/proposal/ProposalSettingsPage';
import { ProposalFiguresPage } from '../pages/proposal/ProposalFiguresPage';
import { UnitsPage } from '../pages/unit/UnitsPage';
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
        <Route path="requests" element={<Guard permission="request.read"><RequestsPage /></Guard>} />
        <Route path="requests/:id" element={<Guard permission="request.read"><RequestPage /></Guard>} />
        <Route path="request-settings" element={<Guard permission="request.manage"><RequestSettingsPage /></Guard>} />
        <Route path="request-escalations" element={<Guard permission="request.read"><EscalationsPage /></Guard>} />
        <Route path="opinion-reports" element={<Guard permission="opinion.read"><OpinionReportsPage /></Guard>} />
        <Route path="opinion-reports/:id" element={<Guard permission="opinion.read"><OpinionReportPage /></Guard>} />
        <Route path="bulletins" element={<Guard permission="opinion.review"><BulletinsPage /></Guard>} />
        <Route path="proposals" element={<Guard permission="proposal.read"><ProposalsPage /></Guard>} />
        <Route path="proposals/:id" element={<Guard permission="proposal.read"><ProposalPage /></Guard>} />
        <Route path="proposal-settings" element={<Guard permission="proposal.manage"><ProposalSettingsPage /></Guard>} />
        <Route path="proposal-figures" element={<Guard permission="figures.read"><ProposalFiguresPage /></Guard>} />
        <Route path="units" element={<Guard permission="unit.manage"><UnitsPage /></Guard>} />
        <Route path="search" element={<Guard permission="search.read"><SearchPage /></Guard>} />
        <Route path="figures" element={<Guard permission="figures.read"><FiguresPage /></Guard>} />
        <Route path="accounts" element={<Guard permission="account.manage"><AccountsPage /></Guard>} />
        <Route path="audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
        <Route path="org" element={<Guard permission="org.manage"><OrgPage /></Guard>} />
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Route>
    </Routes>
  );
}
