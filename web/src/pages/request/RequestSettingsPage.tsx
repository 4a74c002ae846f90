import { Space } from 'antd';
import { useMe } from '../../api/session';
import { CategoryTable } from './CategoryTable';
import { PublicLinks } from './PublicLinks';
import { RulesForm } from './RulesForm';

/** 分类与办理规则: the categories residents choose from, the deadlines and limits, and the public links with QR codes. */
export function RequestSettingsPage() {
  const { data: me } = useMe();
  const canManage = !!me?.permissions.includes('request.manage');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <CategoryTable canManage={canManage} />
      <RulesForm canManage={canManage} />
      <PublicLinks />
    </Space>
  );
}
