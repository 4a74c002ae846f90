import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import type {
  FollowedItemView,
  PhotoView,
  PublicItemView,
  RaiseBody,
  RatingBody,
  RequestFormView,
  TrackView,
} from '@server/modules/request/request.schema';
import type { PublicSimilar } from '@server/modules/search/search.schema';
import { ApiError, get, post, withQuery } from '../../../api/client';

export type { FollowedItemView, PhotoView, PublicItemView, RequestFormView, TrackView, PublicSimilar };

/** One published concern in the public search: highlighted title and snippet (pieces, never HTML). */
export interface PublicSearchHit {
  refId: string;
  title: string;
  snippet: string;
  titleHighlights: { text: string; hit: boolean }[];
  snippetHighlights: { text: string; hit: boolean }[];
  status: string;
  category: string | null;
  placeName: string | null;
  createdAt: string;
}
export type PublicSearchPage = Page<PublicSearchHit> & { totalCapped: boolean };
export type RaiseResult = { code: string; trackingUrl: string };

const org = (regionCode: string) => `/api/public/orgs/${regionCode}`;
/** A wrong link or code (4xx) is not tried again; a network or server failure once. */
const retry = (n: number, e: Error) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 1;

export const useRequestForm = (regionCode: string) =>
  useQuery({ queryKey: ['public', 'form', regionCode], queryFn: () => get<RequestFormView>(`${org(regionCode)}/request-form`), staleTime: 5 * 60_000, retry });

/** "已有N条类似诉求": asked only for 6+ characters; a missing or failing endpoint just shows nothing. */
export const useSimilar = (regionCode: string, text: string) =>
  useQuery({
    queryKey: ['public', 'similar', regionCode, text],
    queryFn: () => get<PublicSimilar>(`${org(regionCode)}/similar`, { text }),
    enabled: text.length >= 6,
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });

/** A photo as the request body; a solved challenge (when the server asked for one) in the query. */
export const uploadPhoto = (regionCode: string, file: Blob, challenge?: string) => post<PhotoView>(withQuery(`${org(regionCode)}/photos`, { challenge }), file);
export const raise = (regionCode: string, body: RaiseBody) => post<RaiseResult>(`${org(regionCode)}/requests`, body);

const PAGE = 10;
export interface PublicFilter {
  categoryId?: string;
  townshipId?: string;
}
export const usePublicList = (regionCode: string, f: PublicFilter) =>
  useInfiniteQuery({
    queryKey: ['public', 'list', regionCode, f],
    queryFn: ({ pageParam }) => get<Page<PublicItemView>>(`${org(regionCode)}/requests`, { ...f, page: pageParam, pageSize: PAGE }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

export const usePublicSearch = (regionCode: string, q: string) =>
  useInfiniteQuery({
    queryKey: ['public', 'search', regionCode, q],
    queryFn: ({ pageParam }) => get<PublicSearchPage>(`${org(regionCode)}/search`, { q, page: pageParam, pageSize: PAGE }),
    initialPageParam: 1,
    enabled: !!q,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

export const useTrack = (code: string | undefined) =>
  useQuery({
    queryKey: ['public', 'track', code],
    queryFn: () => get<TrackView>(`/api/public/requests/${encodeURIComponent(code!)}`),
    enabled: !!code,
    retry,
  });

export const trackPhotoUrl = (code: string, id: string) => `/api/public/requests/${encodeURIComponent(code)}/photos/${id}`;

export const useRate = (code: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: RatingBody) => post<TrackView>(`/api/public/requests/${encodeURIComponent(code)}/rating`, b),
    onSuccess: (v) => {
      qc.setQueryData(['public', 'track', code], v);
      void qc.invalidateQueries({ queryKey: ['public', 'followed'] });
    },
  });
};

export const follow = (id: string, device: string) => post<{ followCount: number }>(`/api/public/requests/${id}/follow`, { device });

export const useFollowed = (ids: string[], codes: string[]) =>
  useQuery({
    queryKey: ['public', 'followed', ids, codes],
    queryFn: () => get<FollowedItemView[]>(withQuery('/api/public/requests/followed', { ids: ids.join(','), codes: codes.join(',') })),
    enabled: ids.length + codes.length > 0,
  });
