import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import type { AnswerBody, EscalationBody, EscalationView, PhotoView, RequestDetailView, RequestListQuery, RequestRowView } from '@server/modules/request/request.schema';
import type { MemberView } from '@server/modules/member/member.schema';
import { api, get, post } from '../../../api/client';

export type { RequestDetailView, RequestRowView };

/** The segments of the members' list: what each asks the server for. */
export const SEGMENTS = [
  { key: 'unclaimed', title: '待认领', query: { scope: 'group', status: 'new' } },
  { key: 'mine', title: '我办理的', query: { scope: 'mine', status: 'open' } },
  { key: 'answered', title: '已答复', query: { scope: 'group', status: 'done' } },
  { key: 'all', title: '全部', query: { scope: 'group' } },
] as const satisfies readonly { key: string; title: string; query: Partial<RequestListQuery> }[];
export type SegmentKey = (typeof SEGMENTS)[number]['key'];
const segmentQuery = (key: SegmentKey) => SEGMENTS.find((s) => s.key === key)!.query;

const PAGE_SIZE = 20;

/** One segment, page by page (the list grows as the member scrolls). */
export const useRequestSegment = (key: SegmentKey) =>
  useInfiniteQuery({
    queryKey: ['requests', 'member', key],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => get<Page<RequestRowView>>('/api/requests', { ...segmentQuery(key), page: pageParam, pageSize: PAGE_SIZE }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

/** How many a segment holds (for the badges on 待认领 and 我办理的). */
export const useSegmentCount = (key: SegmentKey, enabled = true) =>
  useQuery({
    queryKey: ['requests', 'member', key, 'count'],
    enabled,
    queryFn: () => get<Page<RequestRowView>>('/api/requests', { ...segmentQuery(key), page: 1, pageSize: 1 }).then((p) => p.total),
  });

export const useRequest = (id: string) =>
  useQuery({ queryKey: ['requests', 'detail', id], queryFn: () => get<RequestDetailView>(`/api/requests/${id}`), retry: false });

/** The members of a group (to assign a concern to one of them). */
export const useGroupMembers = (groupId: string | undefined) =>
  useQuery({
    queryKey: ['members', 'group', groupId],
    enabled: !!groupId,
    queryFn: () => get<Page<MemberView>>('/api/members', { groupId, pageSize: 100 }).then((p) => p.items),
  });

/** The whole phone number: an audited look-up, made only when the member asks for it. */
export const fetchContact = (id: string) => get<{ name: string | null; phone: string | null; erased: boolean }>(`/api/requests/${id}/contact`);

/** An answer photo: the image itself is the body; the server checks it by content and strips its metadata. */
export const uploadAnswerPhoto = (file: File) => api<PhotoView>('POST', '/api/files/photos', file);
export const photoUrl = (id: string) => `/api/files/${id}`;

export function useRequestActions(id: string) {
  const qc = useQueryClient();
  const into = (d: RequestDetailView) => {
    qc.setQueryData(['requests', 'detail', id], d);
    void qc.invalidateQueries({ queryKey: ['requests', 'member'] });
  };
  return {
    claim: useMutation({ mutationFn: () => post<RequestDetailView>(`/api/requests/${id}/claim`), onSuccess: into }),
    assign: useMutation({ mutationFn: (memberId: string) => post<RequestDetailView>(`/api/requests/${id}/assign`, { memberId }), onSuccess: into }),
    answer: useMutation({ mutationFn: (b: Partial<AnswerBody>) => post<RequestDetailView>(`/api/requests/${id}/answer`, b), onSuccess: into }),
    escalate: useMutation({
      mutationFn: (b: Pick<EscalationBody, 'title' | 'note'>) => post<EscalationView>('/api/request-escalations', { kind: 'opinion_report', requestIds: [id], ...b }),
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: ['requests', 'detail', id] });
        void qc.invalidateQueries({ queryKey: ['opinion-reports'] });
      },
    }),
  };
}
