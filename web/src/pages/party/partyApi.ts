import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartyMemberBody, PartyOrgBody, PartyOrgUpdateBody, PartyOrgView, PartyPersonView, PartyRole } from '@server/modules/party/party.schema';
import type { Page } from '@server/core/pagination';
import { api, get, post, put } from '../../api/client';

export type { PartyOrgView, PartyPersonView, PartyRole };

export const usePartyOrgs = () => useQuery({ queryKey: ['party-orgs'], queryFn: () => get<PartyOrgView[]>('/api/party-orgs') });

export const usePartyMembers = (id: string | undefined, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['party-orgs', id, 'members', { page, pageSize }],
    queryFn: () => get<Page<PartyPersonView>>(`/api/party-orgs/${id}/members`, { page, pageSize }),
    enabled: !!id,
    placeholderData: (prev) => prev,
  });

/**
 * Writes on one party organisation answer with its fresh view (head count, secretary), which
 * replaces it in the cached tree; deleting answers with the whole tree.
 */
export function usePartyActions() {
  const qc = useQueryClient();
  const refreshOne = (po: PartyOrgView) => {
    qc.setQueryData<PartyOrgView[]>(['party-orgs'], (list) => list?.map((x) => (x.id === po.id ? po : x)));
    return Promise.all([qc.invalidateQueries({ queryKey: ['party-orgs', po.id, 'members'] }), qc.invalidateQueries({ queryKey: ['members', 'relations'] })]);
  };
  const refreshAll = () => qc.invalidateQueries({ queryKey: ['party-orgs'] });
  return {
    create: useMutation({ mutationFn: (b: PartyOrgBody) => post<PartyOrgView>('/api/party-orgs', b), onSuccess: refreshAll }),
    rename: useMutation({ mutationFn: ({ id, ...b }: PartyOrgUpdateBody & { id: string }) => put<PartyOrgView>(`/api/party-orgs/${id}`, b), onSuccess: refreshOne }),
    remove: useMutation({
      mutationFn: (id: string) => api<PartyOrgView[]>('DELETE', `/api/party-orgs/${id}`),
      onSuccess: (list) => Promise.all([qc.setQueryData(['party-orgs'], list), qc.invalidateQueries({ queryKey: ['groups'] })]),
    }),
    addMember: useMutation({ mutationFn: ({ id, ...b }: PartyMemberBody & { id: string }) => post<PartyOrgView>(`/api/party-orgs/${id}/members`, b), onSuccess: refreshOne }),
    setRole: useMutation({
      mutationFn: ({ id, pomId, role }: { id: string; pomId: string; role: PartyRole }) => put<PartyOrgView>(`/api/party-orgs/${id}/members/${pomId}`, { role }),
      onSuccess: refreshOne,
    }),
    removeMember: useMutation({ mutationFn: ({ id, pomId }: { id: string; pomId: string }) => api<PartyOrgView>('DELETE', `/api/party-orgs/${id}/members/${pomId}`), onSuccess: refreshOne }),
  };
}
