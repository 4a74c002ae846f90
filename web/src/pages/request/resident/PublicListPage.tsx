import { useEffect, useRef, useState } from 'react';
import { DotLoading, Dropdown, Empty, ErrorBlock, InfiniteScroll, SearchBar, Selector, type DropdownRef } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { PublicCard } from './PublicCard';
import { SearchHitCard } from './SearchHitCard';
import { usePublicList, usePublicSearch, useRequestForm, type PublicFilter } from './residentApi';
import { residentStore } from './residentStore';

const ALL = '';

/** 诉求公示: answered concerns staff approved for publication, with filters and the public search. */
export function PublicListPage({ regionCode }: { regionCode: string }) {
  const { data: cfg } = useRequestForm(regionCode);
  const [filter, setFilter] = useState<PublicFilter>({});
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const dropdown = useRef<DropdownRef>(null);
  const list = usePublicList(regionCode, filter);
  const search = usePublicSearch(regionCode, q);
  useEffect(() => {
    if (cfg) {
      residentStore.setRegion(regionCode);
      document.title = `诉求公示 · ${cfg.org.shortName}`;
    }
  }, [cfg, regionCode]);

  const active = q ? search : list;
  const total = active.data?.pages[0]?.total;
  const categoryName = cfg?.categories.find((c) => c.id === filter.categoryId)?.name;
  const townshipName = cfg?.places.find((p) => p.id === filter.townshipId)?.name;
  // a failed page throws, so the list shows 加载失败 · 重新加载 rather than asking again and again
  const loadMore = async () => {
    const r = await active.fetchNextPage();
    if (r.isError) throw r.error;
  };
  const pick = (key: keyof PublicFilter, v: string) => {
    setFilter((f) => ({ ...f, [key]: v || undefined }));
    dropdown.current?.close();
  };

  return (
    <>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff' }}>
        <div style={{ padding: '12px 12px 8px', display: 'flex', alignItems: 'baseline', gap: 8 }}>
          <div style={{ fontSize: 18, fontWeight: 600 }}>诉求公示</div>
          <div style={{ color: '#999', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{cfg?.org.shortName} · 关键小事我来答</div>
        </div>
        <div style={{ padding: '0 12px 8px' }}>
          <SearchBar
            placeholder="搜索诉求，如：路灯、门牌"
            value={typed}
            onChange={setTyped}
            onSearch={(v) => setQ(v.trim())}
            onClear={() => setQ('')}
            onCancel={() => setQ('')}
          />
        </div>
        {!q && (
          <Dropdown ref={dropdown}>
            <Dropdown.Item key="category" title={categoryName ?? '全部分类'}>
              <div style={{ padding: 12 }}>
                <Selector
                  columns={3}
                  value={[filter.categoryId ?? ALL]}
                  options={[{ label: '全部分类', value: ALL }, ...(cfg?.categories ?? []).map((c) => ({ label: c.name, value: c.id }))]}
                  onChange={(v) => pick('categoryId', v[0] ?? ALL)}
                />
              </div>
            </Dropdown.Item>
            <Dropdown.Item key="township" title={townshipName ?? '全部乡镇'}>
              <div style={{ padding: 12 }}>
                <Selector
                  columns={3}
                  value={[filter.townshipId ?? ALL]}
                  options={[{ label: '全部乡镇', value: ALL }, ...(cfg?.places ?? []).map((p) => ({ label: p.name, value: p.id }))]}
                  onChange={(v) => pick('townshipId', v[0] ?? ALL)}
                />
              </div>
            </Dropdown.Item>
          </Dropdown>
        )}
      </div>
      {total !== undefined && (
        <div style={{ padding: '10px 16px 0', color: '#888', fontSize: 13 }}>
          {q ? `“${q}”的搜索结果：${total} 条${search.data?.pages[0]?.totalCapped ? '以上' : ''}` : `共 ${total} 条已答复的诉求`}
        </div>
      )}
      {active.error && !active.data ? (
        <ErrorBlock status="default" title={q ? '搜索失败' : '加载失败'} description={active.error instanceof ApiError ? active.error.message : '请检查网络后重试'} />
      ) : q ? (
        search.data?.pages.flatMap((p) => p.items).map((h) => <SearchHitCard key={h.refId} hit={h} />)
      ) : (
        list.data?.pages.flatMap((p) => p.items).map((i) => <PublicCard key={i.id} item={i} />)
      )}
      {total === 0 && <Empty description={q ? '没有找到相关的公开诉求，换个词试试' : '暂无公开的诉求'} style={{ padding: '48px 0' }} />}
      {active.isLoading && <div style={{ padding: 32, textAlign: 'center' }}><DotLoading /></div>}
      {active.data && total !== 0 && <InfiniteScroll loadMore={loadMore} hasMore={!!active.hasNextPage} />}
    </>
  );
}
