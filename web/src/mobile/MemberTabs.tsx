import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Badge, SafeArea, TabBar } from 'antd-mobile';
import { FileOutline, MessageOutline, TeamOutline, UserOutline, FillinOutline } from 'antd-mobile-icons';
import { MobileMessages } from '../pages/notification/MobileMessages';
import { useUnreadCount } from '../pages/notification/notificationApi';
import { MemberReport } from '../pages/opinion/mobile/MemberReport';
import { MemberReports } from '../pages/opinion/mobile/MemberReports';
import { ReportEditor } from '../pages/opinion/mobile/ReportEditor';
import { MemberProposal } from '../pages/proposal/mobile/MemberProposal';
import { MemberProposals } from '../pages/proposal/mobile/MemberProposals';
import { ProposalEditor } from '../pages/proposal/mobile/ProposalEditor';
import { useProposalCount } from '../pages/proposal/mobile/memberProposalApi';
import { AnswerPage } from '../pages/request/mobile/AnswerPage';
import { MemberRequest } from '../pages/request/mobile/MemberRequest';
import { MemberRequests } from '../pages/request/mobile/MemberRequests';
import { useSegmentCount } from '../pages/request/mobile/memberRequestApi';
import { useMe } from '../api/session';
import { MobileMe } from './MobileMe';
import { MobilePassword } from './MobilePassword';

/** The tab roots; a page below one (a concern, a report, a form) hides the bar and has its own back button. */
const TAB_ROOTS = ['/requests', '/reports', '/proposals', '/messages', '/'];

/** The members' phone app: a tab bar over its sections; each domain adds its tab and routes here. */
export function MemberTabs() {
  const location = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  // the concerns and reports tabs are a member's (委员); other roles work on them in the console
  const answers = !!me?.permissions.includes('request.answer');
  const writes = !!me?.permissions.includes('opinion.write');
  const { data: unread } = useUnreadCount();
  const { data: unclaimed } = useSegmentCount('unclaimed', answers);
  // 提案: a member's own; the badge counts the invitations to co-sign and the replies waiting for a rating
  const proposes = !!me?.permissions.includes('proposal.write');
  const { data: invitations } = useProposalCount('invitations', proposes);
  const { data: toRate } = useProposalCount('torate', proposes);
  const tabs = [
    ...(answers ? [{ key: '/requests', title: '诉求', icon: <Badge content={unclaimed || null}><TeamOutline /></Badge> }] : []),
    ...(writes ? [{ key: '/reports', title: '社情民意', icon: <FileOutline /> }] : []),
    ...(proposes ? [{ key: '/proposals', title: '提案', icon: <Badge content={(invitations ?? 0) + (toRate ?? 0) || null}><FillinOutline /></Badge> }] : []),
    { key: '/messages', title: '消息', icon: <Badge content={unread?.unread || null}><MessageOutline /></Badge> },
    { key: '/', title: '我的', icon: <UserOutline /> },
  ];
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const showBar = TAB_ROOTS.includes(path);
  const active = tabs.find((t) => t.key !== '/' && path.startsWith(t.key))?.key ?? '/';
  return (
    <>
      <Routes>
        <Route path="/" element={<MobileMe />} />
        <Route path="/requests" element={<MemberRequests />} />
        <Route path="/requests/:id" element={<MemberRequest />} />
        <Route path="/requests/:id/answer" element={<AnswerPage />} />
        <Route path="/reports" element={<MemberReports />} />
        <Route path="/reports/new" element={<ReportEditor />} />
        <Route path="/reports/:id" element={<MemberReport />} />
        <Route path="/reports/:id/edit" element={<ReportEditor />} />
        <Route path="/proposals" element={<MemberProposals />} />
        <Route path="/proposals/new" element={<ProposalEditor />} />
        <Route path="/proposals/:id" element={<MemberProposal />} />
        <Route path="/proposals/:id/edit" element={<ProposalEditor />} />
        {/* the console's address of a report, as some messages carry it */}
        <Route path="/messages" element={<MobileMessages />} />
        <Route path="/password" element={<MobilePassword />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
      {showBar && (
        <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, background: '#fff', borderTop: '1px solid #eee', zIndex: 100 }}>
          <TabBar activeKey={active} onChange={(k) => navigate(k)}>
            {tabs.map((t) => <TabBar.Item key={t.key} icon={t.icon} title={t.title} />)}
          </TabBar>
          <SafeArea position="bottom" />
        </div>
      )}
    </>
  );
}
