import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AnswerBody,
  CategoryBody,
  CategoryUpdateBody,
  CategoryView,
  EscalationBody,
  EscalationListQuery,
  EscalationView,
  PhotoView,
  RequestDetailView,
  RequestListQuery,
  RequestRowView,
  RequestRules,
  RequestRulesBody,
  RouteBody,
} from '@server/modules/request/request.schema';
import type { SimilarItems } from '@server/modules/search/search.schema';
import type { Page } from '@server/core/pagination';
import type { z } from 'zod';
import { api, get, patch, post, put } from '../../api/client';

/**
 * 群众诉求 hooks for the signed-in pages (console and the members' phone pages): lists, a concern's
 * page, the staff and member actions, categories, rules, escalations. Shared: keep the names stable.
 */
export type { CategoryView, EscalationView, PhotoView, RequestDetailView, RequestRowView, RequestRules };
export type SimilarView = z.infer<typeof SimilarItems>;

/** list filters as the page keeps them (the server parses strings; overdue goes as 'true') */
export type RequestFilters = Partial<Omit<RequestListQuery, 'overdue'>> & { overdue?: 'true' | 'false' };

export const useRequests = (q: RequestFilters, enabled = true) =>
  useQuery({ queryKey: ['requests', 'list', q], queryFn: () => get<Page<RequestRowView>>('/api/requests', q), placeholderData: (prev) => prev, enabled });

export const useRequest = (id: string) =>
  useQuery({ queryKey: ['requests', 'one', id], queryFn: () => get<RequestDetailView>(`/api/requests/${id}`), enabled: !!id });

/** The whole name and number of the resident (audited on the server). */
export const revealRequestContact = (id: string) => get<{ name: string | null; phone: string | null; erased: boolean }>(`/api/requests/${id}/contact`);

/** A stored photo (the signed-in org's own; the browser sends the session cookie). */
export const photoUrl = (id: string) => `/api/files/${id}`;
/** Uploads an answer photo (the image itself as the body); attach its id to the answer. */
export const uploadAnswerPhoto = (file: Blob) => api<PhotoView>('POST', '/api/files/photos', file);

/** Each action answers with the fresh concern: it replaces the cached page; lists are refetched. */
export function useRequestActions() {
  const qc = useQueryClient();
  const into = (d: RequestDetailView) => {
    qc.setQueryData(['requests', 'one', d.id], d);
    return Promise.all([qc.invalidateQueries({ queryKey: ['requests', 'list'] }), qc.invalidateQueries({ queryKey: ['search', 'similar'] })]);
  };
  const act = <B>(path: string) => useMutation({ mutationFn: ({ id, ...b }: B & { id: string }) => post<RequestDetailView>(`/api/requests/${id}/${path}`, b), onSuccess: into });
  return {
    claim: useMutation({ mutationFn: (id: string) => post<RequestDetailView>(`/api/requests/${id}/claim`), onSuccess: into }),
    assign: act<{ memberId: string }>('assign'),
    route: act<RouteBody>('route'),
    answer: act<AnswerBody>('answer'),
    publish: act<{ publish: boolean }>('publish'),
    hide: act<{ reason: string }>('hide'),
    close: act<{ note: string }>('close'),
  };
}

export const useEscalations = (q: Partial<EscalationListQuery>) =>
  useQuery({ queryKey: ['request-escalations', q], queryFn: () => get<Page<EscalationView>>('/api/request-escalations', q), placeholderData: (prev) => prev });

export function useEscalate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: EscalationBody) => post<EscalationView>('/api/request-escalations', b),
    onSuccess: () => Promise.all(['requests', 'request-escalations', 'opinion-reports'].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

export const useRequestCategories = () => useQuery({ queryKey: ['request-categories'], queryFn: () => get<CategoryView[]>('/api/request-categories') });

/** Writes answer with the whole fresh list, which replaces the cached one. */
export function useCategoryActions() {
  const qc = useQueryClient();
  const into = (data: CategoryView[]) => qc.setQueryData(['request-categories'], data);
  return {
    create: useMutation({ mutationFn: (b: CategoryBody) => post<CategoryView[]>('/api/request-categories', b), onSuccess: into }),
    update: useMutation({ mutationFn: ({ id, ...b }: CategoryUpdateBody & { id: string }) => put<CategoryView[]>(`/api/request-categories/${id}`, b), onSuccess: into }),
    remove: useMutation({ mutationFn: (id: string) => api<CategoryView[]>('DELETE', `/api/request-categories/${id}`), onSuccess: into }),
  };
}

export const useRequestRules = () => useQuery({ queryKey: ['request-rules'], queryFn: () => get<RequestRules>('/api/request-rules') });
export function useSaveRequestRules() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (b: RequestRulesBody) => patch<RequestRules>('/api/request-rules', b), onSuccess: (d) => qc.setQueryData(['request-rules'], d) });
}

/** Similar concerns and reports of one item (the search module). */
export const useSimilar = (kind: 'request' | 'opinion_report', id: string) =>
  useQuery({ queryKey: ['search', 'similar', kind, id], queryFn: () => get<SimilarView>('/api/search/similar', { kind, id }), enabled: !!id, retry: false });
