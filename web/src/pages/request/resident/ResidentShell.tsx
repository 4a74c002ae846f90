import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { SafeArea, TabBar } from 'antd-mobile';
import { ContentOutline, EditSOutline, SearchOutline, UnorderedListOutline } from 'antd-mobile-icons';

export type ResidentTab = 'raise' | 'list' | 'proposals' | 'track';

/**
 * The residents' pages in one frame: the page, and a bottom bar between 提交诉求 / 诉求公示 /
 * 提案公开 / 我的诉求. Without a known region (someone opened a tracking link first) only 我的诉求 is offered.
 */
export function ResidentShell({ tab, regionCode, children }: { tab: ResidentTab; regionCode: string | null; children: ReactNode }) {
  const navigate = useNavigate();
  const to: Record<ResidentTab, string | null> = {
    raise: regionCode ? `/r/${regionCode}` : null,
    list: regionCode ? `/r/${regionCode}/list` : null,
    proposals: regionCode ? `/r/${regionCode}/proposals` : null,
    track: '/track',
  };
  const tabs = [
    { key: 'raise' as const, title: '提交诉求', icon: <EditSOutline /> },
    { key: 'list' as const, title: '诉求公示', icon: <UnorderedListOutline /> },
    { key: 'proposals' as const, title: '提案公开', icon: <ContentOutline /> },
    { key: 'track' as const, title: '我的诉求', icon: <SearchOutline /> },
  ].filter((t) => to[t.key]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: tabs.length > 1 ? 72 : 16, overflowX: 'hidden' }}>
      {children}
      {tabs.length > 1 && (
        <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, background: '#fff', borderTop: '1px solid #eee', zIndex: 100 }}>
          <TabBar activeKey={tab} onChange={(k) => navigate(to[k as ResidentTab]!)}>
            {tabs.map((t) => <TabBar.Item key={t.key} icon={t.icon} title={t.title} />)}
          </TabBar>
          <SafeArea position="bottom" />
        </div>
      )}
    </div>
  );
}

/** A white card with a title row, the building block of the residents' pages; flush: the body (a List) runs to the edges. */
export function Section({ title, extra, children, flush = false }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; flush?: boolean }) {
  return (
    <div style={{ background: '#fff', borderRadius: 12, margin: '12px 12px 0', padding: flush ? '14px 0 4px' : '14px 16px', overflow: 'hidden' }}>
      {title && (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: flush ? 4 : 10, gap: 8, padding: flush ? '0 16px' : 0 }}>
          <div style={{ fontSize: 16, fontWeight: 600 }}>{title}</div>
          {extra}
        </div>
      )}
      {children}
    </div>
  );
}
