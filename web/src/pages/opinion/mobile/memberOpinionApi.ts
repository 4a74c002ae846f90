import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import type { MemberView } from '@server/modules/member/member.schema';
import type { OpinionBody, OpinionFileView, OpinionListItem, OpinionStatus, OpinionView } from '@server/modules/opinion/opinion.schema';
import { api, get, post, put, withQuery } from '../../../api/client';

export type { OpinionListItem, OpinionView };

const PAGE_SIZE = 20;

/** My reports (written or co-signed), newest first, optionally of one status. */
export const useMyReports = (status: OpinionStatus | undefined) =>
  useInfiniteQuery({
    queryKey: ['opinion-reports', 'mine', status ?? 'all'],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => get<Page<OpinionListItem>>('/api/opinion-reports', { scope: 'mine', status, page: pageParam, pageSize: PAGE_SIZE }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

export const useReport = (id: string | undefined) =>
  useQuery({ queryKey: ['opinion-reports', 'detail', id], enabled: !!id, queryFn: () => get<OpinionView>(`/api/opinion-reports/${id}`), retry: false });

/** Members found by name, pinyin or initials (co-authors). */
export const useMemberSearch = (q: string) =>
  useQuery({
    queryKey: ['members', 'search', q],
    enabled: q.trim().length > 0,
    queryFn: () => get<Page<MemberView>>('/api/members', { q: q.trim(), pageSize: 20 }).then((p) => p.items),
    staleTime: 60_000,
  });

/** An attachment: the file itself is the body, its name in the address. */
export const uploadReportFile = (file: File) => api<OpinionFileView>('POST', withQuery('/api/opinion-reports/files', { name: file.name }), file);
export const fileUrl = (reportId: string, fileId: string) => `/api/opinion-reports/${reportId}/files/${fileId}`;

export function useReportActions() {
  const qc = useQueryClient();
  const into = (r: OpinionView) => {
    qc.setQueryData(['opinion-reports', 'detail', r.id], r);
    void qc.invalidateQueries({ queryKey: ['opinion-reports', 'mine'] });
  };
  return {
    create: useMutation({ mutationFn: (b: OpinionBody) => post<OpinionView>('/api/opinion-reports', b), onSuccess: into }),
    update: useMutation({ mutationFn: ({ id, ...b }: OpinionBody & { id: string }) => put<OpinionView>(`/api/opinion-reports/${id}`, b), onSuccess: into }),
    submit: useMutation({ mutationFn: (id: string) => post<OpinionView>(`/api/opinion-reports/${id}/submit`), onSuccess: into }),
  };
}
