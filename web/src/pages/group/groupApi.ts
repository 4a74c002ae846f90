import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GroupBody, GroupCreateBody, GroupMembersBody, GroupProposal, GroupProposeBody, GroupView } from '@server/modules/group/group.schema';
import type { PartyOrgView } from '@server/modules/party/party.schema';
import { api, get, post, put } from '../../api/client';

export type { GroupProposal, GroupView };

export const useGroups = () => useQuery({ queryKey: ['groups'], queryFn: () => get<GroupView[]>('/api/groups') });
export const useStaff = () => useQuery({ queryKey: ['staff'], queryFn: () => get<{ id: string; name: string }[]>('/api/staff'), staleTime: 300_000 });
export const proposeGroup = (b: GroupProposeBody) => post<GroupProposal>('/api/groups/propose', b);

/** Every change to a group can change the members list (their group), places and party branches. */
export function useGroupActions() {
  const qc = useQueryClient();
  const done = () => Promise.all(['groups', 'members', 'places', 'party-orgs'].map((k) => qc.invalidateQueries({ queryKey: [k] })));
  return {
    create: useMutation({ mutationFn: (b: GroupCreateBody) => post<GroupView>('/api/groups', b), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, ...b }: GroupBody & { id: string }) => put<GroupView>(`/api/groups/${id}`, b), onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api<GroupView[]>('DELETE', `/api/groups/${id}`), onSuccess: done }),
    addMembers: useMutation({ mutationFn: ({ id, ...b }: GroupMembersBody & { id: string }) => post<GroupView>(`/api/groups/${id}/members`, b), onSuccess: done }),
    removeMember: useMutation({ mutationFn: ({ id, memberId }: { id: string; memberId: string }) => api<GroupView>('DELETE', `/api/groups/${id}/members/${memberId}`), onSuccess: done }),
    tempBranch: useMutation({ mutationFn: (id: string) => post<PartyOrgView>(`/api/groups/${id}/temp-branch`), onSuccess: done }),
  };
}
