import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BarChartOutlined, BookOutlined, CalendarOutlined, ClusterOutlined, CommentOutlined, ControlOutlined, EnvironmentOutlined, FileTextOutlined, FlagOutlined, FundOutlined, HomeOutlined, BankOutlined, ProfileOutlined, LinkOutlined, NodeExpandOutlined, SearchOutlined, SettingOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { Permission } from '@server/core/access';

/**
 * The console navigation, laid out by the capabilities of PRODUCT.md. Only pages that exist are
 * listed; each later capability adds its group here (组织建设, 群众诉求, 社情民意, 提案, 协商, 履职, 党建, 数据).
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}
export interface NavGroup {
  key: string;
  label: string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    key: 'work',
    label: '工作台',
    items: [
      { path: '/', label: '工作台', icon: <HomeOutlined />, permission: 'org.read' },
      { path: '/search', label: '搜索', icon: <SearchOutlined />, permission: 'search.read' },
      { path: '/figures', label: '统计', icon: <BarChartOutlined />, permission: 'figures.read' },
    ],
  },
  {
    key: 'request',
    label: '群众诉求',
    items: [
      { path: '/requests', label: '诉求办理', icon: <CommentOutlined />, permission: 'request.read' },
      { path: '/request-escalations', label: '转化与议题线索', icon: <NodeExpandOutlined />, permission: 'request.read' },
      { path: '/request-settings', label: '分类与办理规则', icon: <ControlOutlined />, permission: 'request.manage' },
    ],
  },
  {
    key: 'opinion',
    label: '社情民意',
    items: [
      { path: '/opinion-reports', label: '社情民意信息', icon: <FileTextOutlined />, permission: 'opinion.read' },
      { path: '/bulletins', label: '社情民意期刊', icon: <BookOutlined />, permission: 'opinion.review' },
    ],
  },
  {
    key: 'proposal',
    label: '提案',
    items: [
      { path: '/proposals', label: '提案办理', icon: <ProfileOutlined />, permission: 'proposal.read' },
      { path: '/proposal-figures', label: '提案统计与办理报告', icon: <FundOutlined />, permission: 'figures.read' },
      { path: '/units', label: '承办单位', icon: <BankOutlined />, permission: 'unit.manage' },
      { path: '/proposal-settings', label: '提案工作规则', icon: <ControlOutlined />, permission: 'proposal.manage' },
    ],
  },
  {
    key: 'organisation',
    label: '组织建设',
    items: [
      { path: '/members', label: '委员', icon: <SolutionOutlined />, permission: 'member.read' },
      { path: '/sectors', label: '界别与专委会', icon: <ApartmentOutlined />, permission: 'structure.read' },
      { path: '/groups', label: '活动小组', icon: <ClusterOutlined />, permission: 'structure.read' },
      { path: '/liaison', label: '联系制度', icon: <LinkOutlined />, permission: 'liaison.read' },
      { path: '/places', label: '乡镇与村社区', icon: <EnvironmentOutlined />, permission: 'structure.read' },
      { path: '/terms', label: '届次与会议', icon: <CalendarOutlined />, permission: 'structure.read' },
    ],
  },
  { key: 'party', label: '党的建设', items: [{ path: '/party', label: '党组织', icon: <FlagOutlined />, permission: 'party.read' }] },
  {
    key: 'system',
    label: '系统管理',
    items: [
      { path: '/accounts', label: '账号与角色', icon: <TeamOutlined />, permission: 'account.manage' },
      { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
      { path: '/org', label: '组织设置', icon: <SettingOutlined />, permission: 'org.manage' },
    ],
  },
];

export const visibleNav = (permissions: string[]) =>
  NAV.map((g) => ({ ...g, items: g.items.filter((i) => !i.permission || permissions.includes(i.permission)) })).filter((g) => g.items.length);
