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


/** Where an item lives in the console. */
export const itemPath = (kind: SearchKind, id: string) => (kind === 'request' ? `/requests/${id}` : `/opinion-reports/${id}`);

export const useSearch = (q: SearchFilters) =>
  useQuery({ queryKey: ['search', 'items', q], queryFn: () => get<SearchPage>('/api/search', q), enabled: !!q.q?.trim(), placeholderData: (p) => p, retry: false });

export const useSimilarItems = (kind: SearchKind | undefined, id: string | undefined) =>
  useQuery({ queryKey: ['search', 'similar', kind, id], queryFn: () => get<SimilarView>('/api/search/similar', { kind, id }), enabled: !!kind && !!id, retry: false });
