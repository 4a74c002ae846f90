import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@server/modules/auth/auth.schema';
import type { ChangePasswordBody, LoginBody } from '@server/modules/auth/auth.schema';
import { ApiError, get, post, setCsrfToken, setUnauthenticatedHandler } from './client';
import { passwordProblem } from '@server/modules/account/password.policy';

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


/** Any 401 (expired or ended session) returns the app shell to its sign-in page, saying why. */
export function useSignInOnUnauthenticated() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler((e) => {
      qc.setQueryData(['me'], null);
      navigate('/login', { state: { notice: e.code === 'SESSION_EXPIRED' ? e.message : '登录已失效，请重新登录' } });
    });
  }, [navigate, qc]);
}

/** Form rules of the new-password fields, the same on the PC and the phone (antd and antd-mobile share rc-field-form). */
export const newPasswordRules = (loginName: string) => [
  { required: true, message: '请输入新密码' },
  {
    validator: async (_: unknown, v: string) => {
      const problem = v ? passwordProblem(v, loginName) : null;
      if (problem) throw new Error(problem);
    },
  },
];
export const confirmPasswordRules = [
  { required: true, message: '请再次输入新密码' },
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: async (_: unknown, v: string) => {
      if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
    },
  }),
];
export const PASSWORD_HELP = '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含登录名';
