import { useQuery } from '@tanstack/react-query';
import { List } from 'antd-mobile';
import { POSITION_LABELS, type MemberView } from '@server/modules/member/member.schema';
import { get } from '../api/client';

/** 我的委员信息: the member's own record in the current org; nothing for those who are not members. */
export function MyMembership({ orgId }: { orgId: string }) {
  const { data: m } = useQuery({ queryKey: ['members', 'me', orgId], queryFn: () => get<MemberView | null>('/api/members/me') });
  if (!m) return null;
  return (
    <List header="委员信息">
      <List.Item extra={m.sector.name}>界别</List.Item>
      <List.Item extra={m.party}>党派</List.Item>
      <List.Item extra={`${POSITION_LABELS[m.position]}${m.standing && m.position === 'member' ? '（常委）' : ''}`}>职务</List.Item>
      <List.Item extra={m.committees.map((c) => c.name).join('、') || '—'}>专委会</List.Item>
      <List.Item extra={m.terms.map((t) => t.name).join('、') || '—'}>届次</List.Item>
      {m.otherOrgs.length > 0 && <List.Item extra={m.otherOrgs.join('、')}>同时任委员</List.Item>}
    </List>
  );
}
