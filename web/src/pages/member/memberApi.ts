import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportResultView, MemberBody, MemberLeaveBody, MemberListQuery, MemberUpdateBody, MemberView } from '@server/modules/member/member.schema';
import type { MemberRelationsView } from '@server/modules/member/member.relations.schema';
import type { Page } from '@server/core/pagination';
import { api, get, patch, post } from '../../api/client';

export type { MemberBody, MemberRelationsView, MemberView };

export const useMembers = (q: Partial<MemberListQuery>) =>
  useQuery({ queryKey: ['members', q], queryFn: () => get<Page<MemberView>>('/api/members', q), placeholderData: (prev) => prev });

export function useMemberActions() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: ['members'] }), qc.invalidateQueries({ queryKey: ['sectors'] }), qc.invalidateQueries({ queryKey: ['committees'] })]);
  return {
    create: useMutation({ mutationFn: (b: MemberBody) => post<MemberView>('/api/members', b), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, ...b }: MemberUpdateBody & { id: string }) => patch<MemberView>(`/api/members/${id}`, b), onSuccess: done }),
    leave: useMutation({ mutationFn: ({ id, ...b }: MemberLeaveBody & { id: string }) => post<MemberView>(`/api/members/${id}/leave`, b), onSuccess: done }),
  };
}

export const revealContact = (id: string) => get<{ phone: string | null; idNumber: string | null }>(`/api/members/${id}/contact`);

export const useMember = (id: string) => useQuery({ queryKey: ['members', 'one', id], queryFn: () => get<MemberView>(`/api/members/${id}`) });
export const useMemberRelations = (id: string) =>
  useQuery({ queryKey: ['members', 'relations', id], queryFn: () => get<MemberRelationsView>(`/api/members/${id}/relations`) });

/** Uploads the .xlsx itself as the request body: `check` validates only, `apply` imports. */
export async function uploadRoster(file: File, mode: 'check' | 'apply') {
  return api<ImportResultView>('POST', `/api/members/import?mode=${mode}`, file);
}
