import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SearchHit, SearchPage, SearchQuery, SimilarItems, TextSegments } from '@server/modules/search/search.schema';
import { get } from '../../api/client';

/** The one search across concerns and opinion reports, and "similar items" of any item. */
export type { SearchHit, SearchPage, TextSegments };
export type SearchKind = SearchHit['kind'];
export type SimilarView = z.infer<typeof SimilarItems>;
/** the filters as a page keeps them (the server parses strings) */
export type SearchFilters = Partial<SearchQuery>;

/**
 * 群众诉求 / 社情民意. (search.schema.ts has SEARCH_KIND_LABELS, but it imports search.index.ts, which
 * loads jieba: a value import would pull the segmenter into the web bundle.)
 */
export const KIND_LABELS: Record<SearchKind, string> = { request: '群众诉求', opinion_report: '社情民意' };

/** Where an item lives in the console. */
export const itemPath = (kind: SearchKind, id: string) => (kind === 'request' ? `/requests/${id}` : `/opinion-reports/${id}`);

export const useSearch = (q: SearchFilters) =>
  useQuery({ queryKey: ['search', 'items', q], queryFn: () => get<SearchPage>('/api/search', q), enabled: !!q.q?.trim(), placeholderData: (p) => p, retry: false });

export const useSimilarItems = (kind: SearchKind | undefined, id: string | undefined) =>
  useQuery({ queryKey: ['search', 'similar', kind, id], queryFn: () => get<SimilarView>('/api/search/similar', { kind, id }), enabled: !!kind && !!id, retry: false });
