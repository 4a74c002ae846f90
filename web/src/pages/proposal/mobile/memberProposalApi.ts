import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@server/core/pagination';
import type { CommitteeView, SectorView } from '@server/modules/sector/sector.schema';
import type { GroupView } from '@server/modules/group/group.schema';
import type { WorkCalendar } from '@server/core/workdays';
import type {
  CoSignResponseBody,
  ProposalBody,
  ProposalFileView,
  ProposalListItem,
  ProposalRules,
  ProposalView,
  PublicProposal,
  RatingBody,
  ReplyView,
} from '@server/modules/proposal/proposal.schema';
import type { z } from 'zod';
import type { SimilarProposal as SimilarProposalSchema } from '@server/modules/proposal/proposal.schema';
import { ApiError, api, get, post, put, withQuery } from '../../../api/client';

export type { ProposalFileView, ProposalListItem, ProposalView, PublicProposal, ReplyView };
export type SimilarProposal = z.infer<typeof SimilarProposalSchema>;

/** The members' segments of 我的提案: what each asks the server for. */
export const SEGMENTS = [
  { key: 'mine', title: '我的提案' },
  { key: 'invitations', title: '联名邀请' },
  { key: 'torate', title: '待测评' },
] as const;
export type SegmentKey = (typeof SEGMENTS)[number]['key'];

const PAGE_SIZE = 20;
/** A wrong link or id (4xx) is not tried again; a network or server failure once. */
const retry = (n: number, e: Error) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 1;

export const useProposalSegment = (scope: SegmentKey) =>
  useInfiniteQuery({
    queryKey: ['proposals', 'member', scope],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => get<Page<ProposalListItem>>('/api/proposals', { scope, page: pageParam, pageSize: PAGE_SIZE }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

/** How many a segment holds (the badges on 联名邀请, 待测评 and the 提案 tab). */
export const useProposalCount = (scope: SegmentKey, enabled = true) =>
  useQuery({
    queryKey: ['proposals', 'member', scope, 'count'],
    enabled,
    queryFn: () => get<Page<ProposalListItem>>('/api/proposals', { scope, page: 1, pageSize: 1 }).then((p) => p.total),
    retry: false,
  });

export const useProposal = (id: string | undefined) =>
  useQuery({ queryKey: ['proposals', 'detail', id], enabled: !!id, queryFn: () => get<ProposalView>(`/api/proposals/${id}`), retry });

export interface SessionOption {
  id: string;
  name: string;
  termId: string;
  startDate: string;
  endDate: string;
  current: boolean;
}
export interface RulesView {
  rules: ProposalRules;
  calendar: WorkCalendar;
  sessions: SessionOption[];
}
export const useProposalRules = () => useQuery({ queryKey: ['proposal-rules'], queryFn: () => get<RulesView>('/api/proposal-rules'), staleTime: 5 * 60_000 });

/** 承办单位 (the suggested units); the list may come as an array or a page. */
export interface UnitOption {
  id: string;
  name: string;
  active?: boolean;
}
export const useUnits = () =>
  useQuery({
    queryKey: ['units', 'options'],
    queryFn: () => get<UnitOption[] | Page<UnitOption>>('/api/units', { pageSize: 200 }).then((r) => (Array.isArray(r) ? r : r.items).filter((u) => u.active !== false)),
    staleTime: 5 * 60_000,
  });

/** The bodies a collective proposal may come from. */
export const useSectors = (enabled: boolean) => useQuery({ queryKey: ['sectors'], enabled, queryFn: () => get<SectorView[]>('/api/sectors'), staleTime: 5 * 60_000 });
export const useGroups = (enabled: boolean) => useQuery({ queryKey: ['groups'], enabled, queryFn: () => get<GroupView[]>('/api/groups'), staleTime: 5 * 60_000 });
export const useCommittees = (enabled: boolean) =>
  useQuery({ queryKey: ['committees'], enabled, queryFn: () => get<CommitteeView[]>('/api/committees'), staleTime: 5 * 60_000 });

/** "已有N件相似提案": asked once the title or suggestion says enough; a failure just shows nothing. */
export const useSimilarProposals = (title: string, text: string, exceptId: string | undefined) =>
  useQuery({
    queryKey: ['proposals', 'similar', title, text, exceptId],
    enabled: title.length >= 4 || text.length >= 10,
    queryFn: () => get<{ items: SimilarProposal[] }>('/api/proposals/similar', { title, text: text.slice(0, 2000), exceptId }).then((r) => r.items),
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });

/** An attachment: the file itself is the body, its name in the address. */
export const uploadProposalFile = (file: File) => api<ProposalFileView>('POST', withQuery('/api/proposals/files', { name: file.name }), file);
export const proposalFileUrl = (proposalId: string, fileId: string) => `/api/proposals/${proposalId}/files/${fileId}`;

export function useProposalActions() {
  const qc = useQueryClient();
  const into = (p: ProposalView) => {
    qc.setQueryData(['proposals', 'detail', p.id], p);
    void qc.invalidateQueries({ queryKey: ['proposals', 'member'] });
  };
  return {
    create: useMutation({ mutationFn: (b: ProposalBody) => post<ProposalView>('/api/proposals', b), onSuccess: into }),
    update: useMutation({ mutationFn: ({ id, ...b }: ProposalBody & { id: string }) => put<ProposalView>(`/api/proposals/${id}`, b), onSuccess: into }),
    submit: useMutation({ mutationFn: (id: string) => post<ProposalView>(`/api/proposals/${id}/submit`), onSuccess: into }),
    withdraw: useMutation({ mutationFn: (id: string) => post<ProposalView>(`/api/proposals/${id}/withdraw`), onSuccess: into }),
    respond: useMutation({
      mutationFn: ({ id, ...b }: CoSignResponseBody & { id: string }) => post<ProposalView>(`/api/proposals/${id}/invitation`, b),
      onSuccess: into,
    }),
    rate: useMutation({ mutationFn: ({ replyId, ...b }: RatingBody & { replyId: string }) => post<ProposalView>(`/api/proposal-replies/${replyId}/rating`, b), onSuccess: into }),
  };
}

/* ───────── the public page (no account) ───────── */

const org = (regionCode: string) => `/api/public/orgs/${regionCode}`;

export const usePublicProposals = (regionCode: string, q: string) =>
  useInfiniteQuery({
    queryKey: ['public', 'proposals', regionCode, q],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => get<Page<PublicProposal>>(`${org(regionCode)}/proposals`, { q: q || undefined, page: pageParam, pageSize: PAGE_SIZE }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    retry,
  });

export const usePublicProposal = (regionCode: string, id: string) =>
  useQuery({ queryKey: ['public', 'proposal', regionCode, id], queryFn: () => get<PublicProposal>(`${org(regionCode)}/proposals/${id}`), retry });
