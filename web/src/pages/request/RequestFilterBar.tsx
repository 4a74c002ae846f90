import { useMemo } from 'react';
import { Button, Cascader, DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useGroups } from '../group/groupApi';
import { usePlaces } from '../place/placeApi';
import { useRequestCategories, type RequestFilters } from './requestApi';

/** The list's filters: keyword, category, township → village, group, date raised. */
export function RequestFilterBar({ query, onChange }: { query: RequestFilters; onChange: (patch: Partial<RequestFilters>) => void }) {
  const { data: categories } = useRequestCategories();
  const { data: places } = usePlaces();
  const { data: groups } = useGroups();
  const placeOptions = useMemo(
    () =>
      (places ?? [])
        .filter((p) => !p.parentId)
        .map((t) => ({ value: t.id, label: t.name, children: (places ?? []).filter((v) => v.parentId === t.id).map((v) => ({ value: v.id, label: v.name })) })),
    [places],
  );
  const placePath = useMemo(() => {
    const p = places?.find((x) => x.id === query.placeId);
    return p ? (p.parentId ? [p.parentId, p.id] : [p.id]) : undefined;
  }, [places, query.placeId]);
  const any = !!(query.q || query.categoryId || query.placeId || query.groupId || query.from || query.to);

  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        key={query.q ?? ''}
        allowClear
        defaultValue={query.q}
        placeholder="标题、内容或查询码"
        style={{ width: 220 }}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
      />
      <Select
        allowClear
        placeholder="分类"
        style={{ width: 130 }}
        value={query.categoryId}
        options={categories?.map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name}（已停用）` }))}
        onChange={(categoryId) => onChange({ categoryId })}
      />
      <Cascader
        changeOnSelect
        allowClear
        showSearch
        placeholder="乡镇 / 村（社区）"
        style={{ width: 210 }}
        value={placePath}
        options={placeOptions}
        onChange={(path) => onChange({ placeId: (path?.[path.length - 1] as string | undefined) ?? undefined })}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="活动小组"
        style={{ width: 160 }}
        value={query.groupId}
        options={[...(groups ?? []).map((g) => ({ value: g.id, label: g.name })), { value: 'none', label: '未分派到小组' }]}
        onChange={(groupId) => onChange({ groupId })}
      />
      <DatePicker.RangePicker
        placeholder={['提交日期从', '到']}
        style={{ width: 250 }}
        value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
        onChange={(r) => onChange({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
      />
      {any && <Button type="link" onClick={() => onChange({ q: undefined, categoryId: undefined, placeId: undefined, groupId: undefined, from: undefined, to: undefined })}>清除筛选</Button>}
    </Space>
  );
}
