import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { MemberListQuery } from '@server/modules/member/member.schema';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import type { MemberView } from '../member/memberApi';

interface Props {
  /** fixed filters, e.g. { groupId } to offer only the members of one group */
  filters?: Partial<MemberListQuery>;
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  /** a member already chosen (shown by name before the search has loaded) */
  initial?: { id: string; name: string } | null;
  allowClear?: boolean;
  /** set by Form.Item so the label points at the field */
  id?: string;
}

/** Picks one active member by name, pinyin or initials, searching the server as one types. */
export function MemberPick({ filters, value, onChange, placeholder = '输入姓名、拼音或首字母搜索', initial, allowClear = true, id }: Props) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'pick', filters, q],
    queryFn: () => get<Page<MemberView>>('/api/members', { ...filters, q: q || undefined, pageSize: 50 }),
    placeholderData: (p) => p,
  });
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.sector.name}${m.group ? `·${m.group.name}` : ''}）` }));
    if (initial && !list.some((o) => o.value === initial.id)) list.unshift({ value: initial.id, label: initial.name });
    return list;
  }, [data, initial]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder}
      notFoundContent={isFetching ? <Spin size="small" /> : '没有符合的委员'}
      options={options}
      onChange={(id?: string) => onChange?.(id ?? null)}
      onClear={() => setQ('')}
    />
  );
}
