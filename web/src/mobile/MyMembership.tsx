import { useQuery } from '@tanstack/react-query';
import { List, Tag } from 'antd-mobile';
import { GENDER_LABELS, POSITION_LABELS, type MemberView } from '@server/modules/member/member.schema';
import type { MemberRelationsView } from '@server/modules/member/member.relations.schema';
import { get } from '../api/client';

const brief = (m: { sector: string; party: string; workUnit: string }) => [m.sector, m.party === m.sector ? null : m.party, m.workUnit].filter(Boolean).join(' · ');

/**
 * 我的委员信息: the member's own record in the current org, their group and its convener, whom they
 * keep in touch with and who keeps in touch with them, and their party organisations. Nothing for
 * those who are not members here.
 */
export function MyMembership({ orgId }: { orgId: string }) {
  const { data: m } = useQuery({ queryKey: ['members', 'me', orgId], queryFn: () => get<MemberView | null>('/api/members/me') });
  const { data: rel } = useQuery({ queryKey: ['members', 'me', 'relations', orgId], queryFn: () => get<MemberRelationsView | null>('/api/members/me/relations'), enabled: !!m });
  if (!m) return null;
  const g = rel?.group;
  return (
    <>
      <List header="个人信息">
        {m.gender && <List.Item extra={GENDER_LABELS[m.gender]}>性别</List.Item>}
        {m.birthMonth && <List.Item extra={`${m.birthMonth.slice(0, 4)}年${Number(m.birthMonth.slice(5, 7))}月`}>出生年月</List.Item>}
        {m.ethnicity && <List.Item extra={m.ethnicity}>民族</List.Item>}
        <List.Item extra={m.phoneMasked ?? '未登记'}>手机号</List.Item>
        <List.Item extra={m.idNumberOnFile ? '已登记' : '未登记'} description="为保护个人信息，号码不在页面上完整显示；如需更正请联系政协机关">身份证号</List.Item>
        <List.Item description={m.workUnit || '—'}>工作单位及职务</List.Item>
      </List>
      <List header="委员信息">
        <List.Item extra={m.sector.name}>界别</List.Item>
        <List.Item extra={m.party}>党派</List.Item>
        <List.Item extra={`${POSITION_LABELS[m.position]}${m.standing && m.position === 'member' ? '（常委）' : ''}`}>职务</List.Item>
        <List.Item extra={m.committees.map((c) => c.name).join('、') || '—'}>专委会</List.Item>
        <List.Item extra={m.terms.map((t) => t.name).join('、') || '—'}>届次</List.Item>
        {m.otherOrgs.length > 0 && <List.Item extra={m.otherOrgs.join('、')}>同时任委员</List.Item>}
      </List>
      <List header="我的活动小组">
        {g ? (
          <>
            <List.Item extra={`${g.memberCount} 人`}>{g.name}</List.Item>
            <List.Item extra={g.convener ? <>{g.convener.name}{g.convener.id === m.id && <Tag color="primary" fill="outline" style={{ marginLeft: 6 }}>本人</Tag>}</> : '未指定'}>召集人</List.Item>
            {g.leader && <List.Item extra={g.leader.name}>带组领导</List.Item>}
            {g.liaisonStaff && <List.Item extra={g.liaisonStaff.name}>联络干部</List.Item>}
            {g.places.length > 0 && <List.Item description={g.places.map((p) => p.name).join('、')}>联系的村（社区）</List.Item>}
          </>
        ) : (
          <List.Item>尚未编入活动小组</List.Item>
        )}
      </List>
      <List header="联系我的">
        {rel?.keptBy.length ? rel.keptBy.map((k) => <List.Item key={k.linkId} description={brief(k.member)}>{k.member.name}</List.Item>) : <List.Item>暂无</List.Item>}
      </List>
      {rel && rel.keepsInTouchWith.length > 0 && (
        <List header={`我联系的委员（${rel.keepsInTouchWith.length} 人）`}>
          {rel.keepsInTouchWith.map((k) => <List.Item key={k.linkId} description={brief(k.member)}>{k.member.name}</List.Item>)}
        </List>
      )}
      {rel && rel.partyOrgs.length > 0 && (
        <List header="党组织">
          {rel.partyOrgs.map((p) => <List.Item key={p.id} extra={p.roleLabel}>{p.name}</List.Item>)}
        </List>
      )}
    </>
  );
}
