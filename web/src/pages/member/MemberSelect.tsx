import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { MemberListQuery } from '@server/modules/member/member.schema';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import type { MemberView } from './memberApi';

interface Props {
  /** fixed filters, e.g. { groupId: 'none' } or { party: '中共' } */
  filters?: Partial<MemberListQuery>;
  value?: string[];
  onChange?: (ids: string[], members: MemberView[]) => void;
  placeholder?: string;
  /** shown after each name, e.g. the member's current group */
  describe?: (m: MemberView) => string;
  style?: React.CSSProperties;
}

/** Picks active members by name, pinyin or initials ("zhm"), searching the server as one types. */
export function MemberSelect({ filters, value, onChange, placeholder = '输入姓名、拼音或首字母搜索', describe, style }: Props) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Map<string, MemberView>>(new Map());
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'pick', filters, q],
    queryFn: () => get<Page<MemberView>>('/api/members', { ...filters, q: q || undefined, pageSize: 30 }),
    placeholderData: (p) => p,
  });
  const options = useMemo(() => {
    const all = new Map(picked);
    for (const m of data?.items ?? []) all.set(m.id, m);
    return [...all.values()].map((m) => ({ value: m.id, label: `${m.name}（${m.sector.name}·${m.party}${describe ? `·${describe(m)}` : ''}）` }));
  }, [data, picked, describe]);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder={placeholder}
      style={style}
      notFoundContent={isFetching ? <Spin size="small" /> : '没有符合的委员'}
      options={options}
      onChange={(ids: string[]) => {
        const all = new Map([...picked, ...(data?.items ?? []).map((m) => [m.id, m] as const)]);
        const chosen = ids.map((id) => all.get(id)!).filter(Boolean);
        setPicked(new Map(chosen.map((m) => [m.id, m])));
        onChange?.(ids, chosen);
      }}
    />
  );
}
