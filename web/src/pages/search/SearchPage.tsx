import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, DatePicker, Empty, Input, List, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { REQUEST_STATUSES, STATUS_LABELS } from '@server/modules/request/request.schema';
import { OPINION_STATUS_LABELS, OPINION_STATUSES } from '@server/modules/opinion/opinion.schema';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { chinaToday } from '../opinion/opinionTags';
import { usePlaces } from '../place/placeApi';
import { useRequestCategories } from '../request/requestApi';
import { SearchHitItem, SimilarDrawer } from './SearchHitItem';
import { SEARCH_KIND_LABELS } from '@server/modules/search/search.schema';
import { useSearch, type SearchFilters, type SearchHit, type SearchKind } from './searchApi';

const FILTER_KEYS = ['q', 'kind', 'status', 'category', 'placeId', 'from', 'to', 'sort', 'page', 'pageSize'] as const;

/** The filters live in the address (/search?q=门牌&kind=request), so a search can be shared and Back returns to it. */
function useFilters(): [SearchFilters, (patch: SearchFilters, keepPage?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Record<string, string | number> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = k === 'page' || k === 'pageSize' ? Number(v) : v;
    }
    return f as SearchFilters;
  }, [params]);
  const set = (patch: SearchFilters, keepPage = false) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...filters, ...(keepPage ? {} : { page: undefined }), ...patch })) if (v !== undefined && v !== null && v !== '') next[k] = String(v);
    setParams(next);
  };
  return [filters, set];
}

/**
 * 搜索: one box across concerns and opinion reports, with Chinese word segmentation; filters by kind,
 * state, category, place and date; matched words highlighted; 相似 shows items like a result.
 */
export function SearchPage() {
  const { data: me } = useMe();
  const [filters, setFilters] = useFilters();
  const [text, setText] = useState(filters.q ?? '');
  const [similar, setSimilar] = useState<SearchHit | null>(null);
  const { data, isFetching, error } = useSearch({ ...filters, page: filters.page ?? 1, pageSize: filters.pageSize ?? 20 });
  const { data: categories } = useRequestCategories();
  const { data: places } = usePlaces();
  const readsAll = me?.currentOrg?.roles.some((r) => r === 'admin' || r === 'staff' || r === 'leader');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  const placeTree = useMemo(
    () =>
      (places ?? [])
        .filter((p) => !p.parentId)
        .map((t) => ({ value: t.id, title: t.name, children: (places ?? []).filter((v) => v.parentId === t.id).map((v) => ({ value: v.id, title: v.name })) })),
    [places],
  );
  const kind = filters.kind as SearchKind | undefined;
  const statusOptions = [
    ...(kind !== 'opinion_report' ? [{ label: SEARCH_KIND_LABELS.request, title: 'request', options: REQUEST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })) }] : []),
    ...(kind !== 'request'
      ? [{ label: SEARCH_KIND_LABELS.opinion_report, title: 'opinion', options: OPINION_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: OPINION_STATUS_LABELS[s] })) }]
      : []),
  ];
  const searched = !!filters.q?.trim();

  return (
    <Card title="搜索">
      <Input.Search
        size="large"
        enterButton="搜索"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={100}
        placeholder="输入关键词，如：门牌、自来水 水压、停车难"
        onSearch={(v) => setFilters({ q: v.trim() || undefined })}
        loading={isFetching}
        style={{ maxWidth: 720 }}
      />
      <Space wrap style={{ margin: '16px 0' }}>
        <Radio.Group
          optionType="button"
          value={kind ?? ''}
          options={[{ value: '', label: '全部' }, { value: 'request', label: SEARCH_KIND_LABELS.request }, { value: 'opinion_report', label: SEARCH_KIND_LABELS.opinion_report }]}
          onChange={(e) => setFilters({ kind: e.target.value || undefined, status: undefined, category: e.target.value === 'opinion_report' ? undefined : filters.category })}
        />
        <Select allowClear placeholder="状态" style={{ width: 140 }} value={filters.status} options={statusOptions} onChange={(status) => setFilters({ status })} />
        <Select
          allowClear
          placeholder="诉求分类"
          style={{ width: 130 }}
          disabled={kind === 'opinion_report'}
          value={filters.category}
          options={(categories ?? []).map((c) => ({ value: c.name, label: c.active ? c.name : `${c.name}（已停用）` }))}
          onChange={(category) => setFilters({ category })}
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="乡镇 / 村（社区）"
          style={{ width: 200 }}
          disabled={kind === 'opinion_report'}
          value={filters.placeId}
          treeData={placeTree}
          onChange={(placeId) => setFilters({ placeId })}
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          disabledDate={(d) => d.isAfter(chinaToday(), 'day')}
          onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      {!searched ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={readsAll ? '搜索本会的群众诉求和社情民意信息：输入关键词后回车' : '搜索本会的群众诉求和您撰写的社情民意信息：输入关键词后回车'}
        />
      ) : error ? (
        <Alert type="error" showIcon title={error instanceof ApiError ? error.message : '搜索失败，请稍后重试'} />
      ) : (
        <>
          {data && (
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 4 }}>
              <Typography.Text type="secondary">
                {data.totalEstimated ? `约 ${data.total.toLocaleString('zh-CN')} 条结果` : `共 ${data.total.toLocaleString('zh-CN')} 条结果`}
                {data.browsable < data.total && `，列出其中最新的 ${data.browsable.toLocaleString('zh-CN')} 条；加上筛选条件可缩小范围`}
                {data.words.length > 0 && <> · 分词：{data.words.join(' · ')}</>}
              </Typography.Text>
              <Radio.Group
                size="small"
                value={filters.sort ?? 'relevance'}
                options={[{ value: 'relevance', label: '按相关度' }, { value: 'newest', label: '按时间' }]}
                onChange={(e) => setFilters({ sort: e.target.value })}
              />
            </Space>
          )}
          <List
            loading={isFetching && !data}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty description="没有找到相关内容，换个说法或减少筛选条件试试" /> }}
            renderItem={(h) => <SearchHitItem key={`${h.kind}-${h.refId}`} hit={h} onSimilar={setSimilar} />}
            pagination={
              data && data.total > 0
                ? {
                    current: data.page,
                    pageSize: data.pageSize,
                    total: Math.min(data.total, data.browsable),
                    showSizeChanger: true,
                    onChange: (page, pageSize) => setFilters({ page, pageSize }, true),
                  }
                : false
            }
          />
        </>
      )}
      <SimilarDrawer item={similar} onClose={() => setSimilar(null)} />
    </Card>
  );
}
