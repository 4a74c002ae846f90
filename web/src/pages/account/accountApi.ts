import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountAttachBody, AccountCreateBody, AccountListQuery, AccountUpdateBody, AccountView, Role } from '@server/modules/account/account.schema';
import type { Page } from '@server/core/pagination';
import { get, patch, post, put } from '../../api/client';

export type { AccountView, Role };
export interface WithPassword {
  account: AccountView;
  temporaryPassword: string;
}

export const useAccounts = (q: Partial<AccountListQuery>) =>
  useQuery({ queryKey: ['accounts', q], queryFn: () => get<Page<AccountView>>('/api/accounts', q), placeholderData: (prev) => prev });

/** Every account write refreshes the list. */
export function useAccountActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['accounts'] });
  const m = <A, R>(fn: (a: A) => Promise<R>) => useMutation({ mutationFn: fn, onSuccess: done });
  return {
    create: m((b: AccountCreateBody) => post<WithPassword>('/api/accounts', b)),
    attach: m((b: AccountAttachBody) => post<AccountView>('/api/accounts/attach', b)),
    update: m(({ id, ...b }: AccountUpdateBody & { id: string }) => patch<AccountView>(`/api/accounts/${id}`, b)),
    setRoles: m(({ id, roles }: { id: string; roles: Role[] }) => put<AccountView | null>(`/api/accounts/${id}/roles`, { roles })),
    resetPassword: m((id: string) => post<WithPassword>(`/api/accounts/${id}/reset-password`)),
    disable: m((id: string) => post<AccountView>(`/api/accounts/${id}/disable`)),
    enable: m((id: string) => post<AccountView>(`/api/accounts/${id}/enable`)),
    unlock: m((id: string) => post<AccountView>(`/api/accounts/${id}/unlock`)),
  };
}

export const revealPhone = (id: string) => get<{ phone: string | null }>(`/api/accounts/${id}/phone`);
