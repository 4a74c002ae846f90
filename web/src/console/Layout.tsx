import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Avatar, Dropdown, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@server/modules/account/account.schema';
import { ORG_LEVEL_LABELS } from '@server/modules/org/org.schema';
import { useMe, useSessionActions } from '../api/session';
import { NotificationBell } from '../pages/notification/NotificationBell';
import { visibleNav } from './nav';

export function ConsoleLayout() {
  const { data: me } = useMe();
  const { logout, switchOrg } = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  if (!me) return null;
  const groups = visibleNav(me.permissions);
  const items = groups.map((g) => ({
    key: g.key,
    type: 'group' as const,
    label: g.label,
    children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: i.label })),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 20px', gap: 10 }}>
          <div style={{ width: 32, height: 32, borderRadius: 6, background: '#b7261b', color: '#fff', display: 'grid', placeItems: 'center', fontWeight: 700 }}>协</div>
          <div>
            <div style={{ fontWeight: 600, fontSize: 16, lineHeight: '20px' }}>协商</div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>政协履职工作平台</div>
          </div>
        </div>
        <Menu mode="inline" selectedKeys={[location.pathname]} items={items} onClick={(e) => navigate(e.key)} style={{ borderInlineEnd: 'none' }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Space>
            <Typography.Text type="secondary">当前组织</Typography.Text>
            <Select
              aria-label="切换组织"
              data-testid="org-switcher"
              value={me.currentOrg?.id}
              style={{ minWidth: 220 }}
              options={me.orgs.map((o) => ({ value: o.id, label: `${o.shortName}（${ORG_LEVEL_LABELS[o.level]}）` }))}
              onChange={async (id) => {
                const next = await switchOrg(id);
                message.success(`已切换到 ${next.currentOrg?.name}`);
                navigate('/');
              }}
            />
            {me.currentOrg?.roles.map((r) => <Tag key={r} color="red">{ROLE_LABELS[r]}</Tag>)}
          </Space>
          <Space size="middle">
          <NotificationBell />
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <LockOutlined />, label: '修改密码', onClick: () => navigate('/password') },
                { type: 'divider' },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: '退出登录',
                  onClick: async () => {
                    await logout();
                    navigate('/login');
                  },
                },
              ],
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#b7261b' }} />
              <span>{me.account.displayName}</span>
            </Space>
          </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
