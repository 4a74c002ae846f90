import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitteeBody, CommitteeView, SectorBody, SectorView } from '@server/modules/sector/sector.schema';
import type { SessionBody, TermBody, TermView } from '@server/modules/term/term.schema';
import { api, get, post, put } from '../../api/client';

export type { CommitteeView, SectorView, TermView };

export const useSectors = () => useQuery({ queryKey: ['sectors'], queryFn: () => get<SectorView[]>('/api/sectors') });
export const useCommittees = () => useQuery({ queryKey: ['committees'], queryFn: () => get<CommitteeView[]>('/api/committees') });
export const useTerms = () => useQuery({ queryKey: ['terms'], queryFn: () => get<TermView[]>('/api/terms') });

/** Writes answer with the whole fresh list, which replaces the cached one. */
export function useStructureActions() {
  const qc = useQueryClient();
  const into = <T,>(key: string) => (data: T) => qc.setQueryData([key], data);
  return {
    saveSector: useMutation({ mutationFn: ({ id, ...b }: SectorBody & { id?: string }) => (id ? put<SectorView[]>(`/api/sectors/${id}`, b) : post<SectorView[]>('/api/sectors', b)), onSuccess: into('sectors') }),
    deleteSector: useMutation({ mutationFn: (id: string) => api<SectorView[]>('DELETE', `/api/sectors/${id}`), onSuccess: into('sectors') }),
    saveCommittee: useMutation({
      mutationFn: ({ id, ...b }: CommitteeBody & { id?: string }) => (id ? put<CommitteeView[]>(`/api/committees/${id}`, b) : post<CommitteeView[]>('/api/committees', b)),
      onSuccess: into('committees'),
    }),
    createTerm: useMutation({ mutationFn: (b: TermBody) => post<TermView[]>('/api/terms', b), onSuccess: into('terms') }),
    setCurrentTerm: useMutation({ mutationFn: (id: string) => post<TermView[]>(`/api/terms/${id}/current`), onSuccess: into('terms') }),
    createSession: useMutation({ mutationFn: ({ termId, ...b }: SessionBody & { termId: string }) => post<TermView[]>(`/api/terms/${termId}/sessions`, b), onSuccess: into('terms') }),
  };
}
