import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  OpinionBody,
  OpinionDecisionBody,
  OpinionEditBody,
  OpinionFileView,
  OpinionListItem,
  OpinionListQuery,
  OpinionRecordBody,
  OpinionUpdateBody,
  OpinionView,
} from '@server/modules/opinion/opinion.schema';
import type { BulletinBody, BulletinUpdateBody, BulletinCandidate, BulletinCandidateQuery, BulletinListItem, BulletinListQuery, BulletinView } from '@server/modules/opinion/bulletin.schema';
import type { Page } from '@server/core/pagination';
import { api, get, post, put, withQuery } from '../../api/client';

/**
 * 社情民意信息 and 期刊 hooks, shared by the console pages and the members' phone pages: keep the
 * names stable. Every write answers with the fresh report (or bulletin), which replaces the cached
 * one; lists are refetched.
 */
export type { BulletinCandidate, BulletinListItem, BulletinView, OpinionFileView, OpinionListItem, OpinionView };

/** list filters as a page keeps them (the server parses strings) */
export type OpinionFilters = Partial<OpinionListQuery>;

export const useOpinionReports = (q: OpinionFilters, enabled = true) =>
  useQuery({ queryKey: ['opinion-reports', 'list', q], queryFn: () => get<Page<OpinionListItem>>('/api/opinion-reports', q), placeholderData: (p) => p, enabled });

export const useOpinionReport = (id: string) =>
  useQuery({ queryKey: ['opinion-reports', 'one', id], queryFn: () => get<OpinionView>(`/api/opinion-reports/${id}`), enabled: !!id, retry: false });

/** Uploads one attachment (the file itself is the body); save the report with its id in fileIds. */
export const uploadOpinionFile = (file: File) => api<OpinionFileView>('POST', withQuery('/api/opinion-reports/files', { name: file.name }), file);

/** Where an attachment downloads from (the session cookie goes along). */
export const opinionFileUrl = (reportId: string, fileId: string) => `/api/opinion-reports/${reportId}/files/${fileId}`;

export function useOpinionActions() {
  const qc = useQueryClient();
  const into = (r: OpinionView) => {
    qc.setQueryData(['opinion-reports', 'one', r.id], r);
    // lists refresh in the background: the dialog that saved closes at once
    void Promise.all([
      qc.invalidateQueries({ queryKey: ['opinion-reports', 'list'] }),
      qc.invalidateQueries({ queryKey: ['bulletins'] }),
      qc.invalidateQueries({ queryKey: ['figures'] }),
    ]);
  };
  return {
    /** a member writes: saved as a draft */
    create: useMutation({ mutationFn: (b: OpinionBody) => post<OpinionView>('/api/opinion-reports', b), onSuccess: into }),
    /** the writer changes a draft or a returned report */
    update: useMutation({ mutationFn: ({ id, ...b }: OpinionUpdateBody & { id: string }) => put<OpinionView>(`/api/opinion-reports/${id}`, b), onSuccess: into }),
    submit: useMutation({ mutationFn: (id: string) => post<OpinionView>(`/api/opinion-reports/${id}/submit`), onSuccess: into }),
    /** staff edit the title and body while deciding */
    edit: useMutation({ mutationFn: ({ id, ...b }: OpinionEditBody & { id: string }) => api<OpinionView>('PATCH', `/api/opinion-reports/${id}`, b), onSuccess: into }),
    decide: useMutation({ mutationFn: ({ id, ...b }: OpinionDecisionBody & { id: string }) => post<OpinionView>(`/api/opinion-reports/${id}/decision`, b), onSuccess: into }),
    addRecord: useMutation({ mutationFn: ({ id, ...b }: OpinionRecordBody & { id: string }) => post<OpinionView>(`/api/opinion-reports/${id}/records`, b), onSuccess: into }),
    removeRecord: useMutation({
      mutationFn: ({ id, recordId }: { id: string; recordId: string }) => api<OpinionView>('DELETE', `/api/opinion-reports/${id}/records/${recordId}`),
      onSuccess: into,
    }),
  };
}

/* ------------------------------------------------------------------ 期刊 */

export const useBulletins = (q: Partial<BulletinListQuery>, enabled = true) =>
  useQuery({ queryKey: ['bulletins', 'list', q], queryFn: () => get<Page<BulletinListItem>>('/api/bulletins', q), placeholderData: (p) => p, enabled, retry: false });

export const useBulletin = (id: string | null) =>
  useQuery({ queryKey: ['bulletins', 'one', id], queryFn: () => get<BulletinView>(`/api/bulletins/${id}`), enabled: !!id });

export const useBulletinCandidates = (q: Partial<BulletinCandidateQuery>, enabled = true) =>
  useQuery({ queryKey: ['bulletins', 'candidates', q], queryFn: () => get<Page<BulletinCandidate>>('/api/bulletins/candidates', q), placeholderData: (p) => p, enabled });

/** The Word file of an issue (a plain link: the browser downloads it with the session cookie). */
export const bulletinDocxUrl = (id: string) => `/api/bulletins/${id}/docx`;

export function useBulletinActions() {
  const qc = useQueryClient();
  const into = (b: BulletinView) => {
    qc.setQueryData(['bulletins', 'one', b.id], b);
    void Promise.all([qc.invalidateQueries({ queryKey: ['bulletins', 'list'] }), qc.invalidateQueries({ queryKey: ['bulletins', 'candidates'] }), qc.invalidateQueries({ queryKey: ['opinion-reports'] })]);
  };
  return {
    create: useMutation({ mutationFn: (b: BulletinBody) => post<BulletinView>('/api/bulletins', b), onSuccess: into }),
    update: useMutation({ mutationFn: ({ id, ...b }: BulletinUpdateBody & { id: string }) => put<BulletinView>(`/api/bulletins/${id}`, b), onSuccess: into }),
  };
}
