import { useNavigate } from 'react-router-dom';
import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { useMe } from '../../api/session';
import { useGroups } from '../group/groupApi';
import { useCoverage } from '../liaison/liaisonApi';
import type { MemberView } from '../member/memberApi';

/** 组织概况: live figures of the committee's organisation, each a way into its page. */
export function OrganisationFigures() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const can = (p: string) => !!me?.permissions.includes(p);
  const { data: members } = useQuery({ queryKey: ['members', { pageSize: 1 }], queryFn: () => get<Page<MemberView>>('/api/members', { pageSize: 1 }), enabled: can('member.read') });
  const { data: ungrouped } = useQuery({ queryKey: ['members', { groupId: 'none', pageSize: 1 }], queryFn: () => get<Page<MemberView>>('/api/members', { groupId: 'none', pageSize: 1 }), enabled: can('member.read') });
  const { data: groups } = useGroups();
  const { data: coverage } = useCoverage(can('liaison.read'));
  if (!can('member.read')) return null;
  const tile = (title: string, value: number | string, path: string, suffix?: string, warn?: boolean) => (
    <Col span={12}>
      <Card size="small" hoverable onClick={() => navigate(path)}>
        <Statistic title={title} value={value} suffix={suffix} styles={{ content: warn ? { color: '#cf1322' } : undefined }} />
      </Card>
    </Col>
  );
  return (
    <Card title="组织概况" style={{ marginTop: 16 }}>
      <Row gutter={[16, 16]}>
        {tile('在任委员', members?.total ?? '—', '/members', '人')}
        {tile('活动小组', groups?.length ?? '—', '/groups', '个')}
        {tile('未分组委员', ungrouped?.total ?? '—', '/members', '人', !!ungrouped?.total)}
        {coverage && tile('联系覆盖率', Math.round(coverage.total.rate * 1000) / 10, '/liaison', '%', coverage.total.rate < 0.95)}
      </Row>
    </Card>
  );
}
