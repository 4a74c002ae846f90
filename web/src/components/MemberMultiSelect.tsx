import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import { get } from '../api/client';
import type { MemberView } from '../pages/member/memberApi';

/**
 * 联名委员 on a console form (reports, proposals): active members found by name, pinyin or initials,
 * in order, up to `max`; `known` are the current ones, shown by name from the start.
 */
export function MemberMultiSelect({
  value,
  onChange,
  known,
  max,
  placeholder,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  known: { id: string; name: string }[];
  max: number;
  placeholder: string;
}) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'pick', q],
    queryFn: () => get<Page<MemberView>>('/api/members', { q: q || undefined, status: 'active', pageSize: 30 }),
    placeholderData: (p) => p,
  });
  const [seen, setSeen] = useState(new Map<string, string>());
  const options = useMemo(() => {
    const all = new Map(seen);
    for (const k of known) all.set(k.id, k.name);
    for (const m of data?.items ?? []) all.set(m.id, `${m.name}（${m.sector.name}）`);
    return [...all].map(([id, label]) => ({ value: id, label }));
  }, [data, known, seen]);
  return (
    <Select
      mode="multiple"
      value={value}
      maxCount={max}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder}
      notFoundContent={isFetching ? <Spin size="small" /> : '没有符合的委员'}
      options={options}
      onChange={(ids: string[]) => {
        setSeen(new Map(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])));
        onChange?.(ids);
      }}
    />
  );
}
