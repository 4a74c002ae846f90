import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@server/modules/auth/auth.schema';
import type { ChangePasswordBody, LoginBody } from '@server/modules/auth/auth.schema';
import { ApiError, get, post, setCsrfToken } from './client';

export type { Me };

/** The signed-in user, their orgs and permissions; null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await get<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSessionActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['me'] });
  return {
    login: async (body: LoginBody) => {
      const r = await post<{ mustChangePassword: boolean; csrfToken: string }>('/api/auth/login', body);
      setCsrfToken(r.csrfToken);
      qc.clear();
      await refresh();
      return r;
    },
    logout: async () => {
      await post('/api/auth/logout').catch(() => undefined);
      qc.clear();
      qc.setQueryData(['me'], null);
    },
    changePassword: async (body: ChangePasswordBody) => {
      await post('/api/auth/password', body);
      await refresh();
    },
    switchOrg: async (orgId: string) => {
      const me = await post<Me>('/api/auth/org', { orgId });
      qc.clear();
      qc.setQueryData(['me'], me);
      return me;
    },
  };
}

export { passwordProblem } from '@server/modules/account/password.policy';
