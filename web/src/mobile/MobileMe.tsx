import { useNavigate } from 'react-router-dom';
import { ActionSheet, Avatar, Button, List, NavBar, Tag, Toast } from 'antd-mobile';
import { ROLE_LABELS } from '@server/modules/account/account.schema';
import { ORG_LEVEL_LABELS } from '@server/modules/org/org.schema';
import { useMe, useSessionActions } from '../api/session';
import { MyMembership } from './MyMembership';

/** 我的: who I am, where I act, my roles; the later issues add my group, proposals and duty record here. */
export function MobileMe() {
  const { data: me } = useMe();
  const { logout, switchOrg } = useSessionActions();
  const navigate = useNavigate();
  if (!me) return null;
  const org = me.currentOrg;
  const chooseOrg = () =>
    ActionSheet.show({
      extra: '选择要进入的组织',
      cancelText: '取消',
      actions: me.orgs.map((o) => ({ key: o.id, text: `${o.shortName}（${ORG_LEVEL_LABELS[o.level]}）`, disabled: o.id === org?.id })),
      onAction: async (a) => {
        const next = await switchOrg(String(a.key));
        Toast.show({ content: `已切换到${next.currentOrg?.shortName}` });
      },
      closeOnAction: true,
    });

  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', background: '#f5f5f5', paddingBottom: 'calc(72px + env(safe-area-inset-bottom))' }}>
      <NavBar back={null} style={{ background: '#fff' }}>我的</NavBar>
      <div style={{ display: 'flex', alignItems: 'center', gap: 14, padding: 20, background: '#fff', marginBottom: 12 }}>
        <Avatar src="" style={{ '--size': '56px', '--border-radius': '50%' }} fallback={<div style={{ width: 56, height: 56, background: '#b7261b', color: '#fff', display: 'grid', placeItems: 'center', fontSize: 22 }}>{me.account.displayName.slice(-2)}</div>} />
        <div>
          <div style={{ fontSize: 20, fontWeight: 600 }}>{me.account.displayName}</div>
          <div style={{ color: '#888', marginTop: 4 }}>{org ? org.shortName : '暂无所在组织'}</div>
          <div style={{ marginTop: 6, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
            {org?.roles.map((r) => <Tag key={r} color="primary" fill="outline">{ROLE_LABELS[r]}</Tag>)}
          </div>
        </div>
      </div>
      {org && <MyMembership orgId={org.id} />}
      <List header="账号">
        <List.Item extra={org?.shortName} onClick={me.orgs.length > 1 ? chooseOrg : undefined} description={me.orgs.length > 1 ? `您在 ${me.orgs.length} 个组织任职，点击切换` : undefined}>
          当前组织
        </List.Item>
        <List.Item extra={me.account.loginName}>登录名</List.Item>
        <List.Item onClick={() => navigate('/password')}>修改密码</List.Item>
      </List>
      <List header="其他">
        <List.Item onClick={() => (window.location.href = '/')}>电脑版</List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button block color="danger" fill="outline" onClick={() => logout().then(() => navigate('/login'))}>退出登录</Button>
      </div>
    </div>
  );
}
