import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoverageView, KeeperOption, LinkCreateBody, LinkListQuery, LinkView, LiaisonScheme, UncoveredQuery } from '@server/modules/liaison/liaison.schema';
import type { MemberBrief } from '@server/modules/member/member.schema';
import type { Page } from '@server/core/pagination';
import type { z } from 'zod';
import { api, get, post, put } from '../../api/client';

export type { CoverageView, LinkView, MemberBrief };
export type Keeper = z.infer<typeof KeeperOption>;

export const useCoverage = (enabled = true) => useQuery({ queryKey: ['liaison', 'coverage'], queryFn: () => get<CoverageView>('/api/liaison/coverage'), enabled });
export const useUncovered = (q: Partial<UncoveredQuery> & { level: number }) =>
  useQuery({ queryKey: ['liaison', 'uncovered', q], queryFn: () => get<Page<MemberBrief>>('/api/liaison/uncovered', q), placeholderData: (p) => p });
export const useLinks = (q: Partial<LinkListQuery>) =>
  useQuery({ queryKey: ['liaison', 'links', q], queryFn: () => get<Page<LinkView>>('/api/liaison/links', q), placeholderData: (p) => p });
export const searchKeepers = (level: number, q: string) => get<Page<Keeper>>('/api/liaison/keepers', { level, q, pageSize: 30 });

export function useLiaisonActions() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: ['liaison'] }), qc.invalidateQueries({ queryKey: ['members', 'relations'] })]);
  return {
    link: useMutation({ mutationFn: (b: LinkCreateBody) => post<{ created: number; already: number }>('/api/liaison/links', b), onSuccess: done }),
    unlink: useMutation({ mutationFn: (id: string) => api('DELETE', `/api/liaison/links/${id}`), onSuccess: done }),
    saveScheme: useMutation({ mutationFn: (levels: LiaisonScheme) => put<CoverageView>('/api/liaison/scheme', { levels }), onSuccess: done }),
  };
}
