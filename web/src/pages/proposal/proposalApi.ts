import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignBody,
  CategoryCorrectionBody,
  ContactBody,
  CoSignResponseBody,
  ExtensionBody,
  ExtensionDecisionBody,
  FollowUpBody,
  KeyBody,
  ObjectionBody,
  ObjectionDecisionBody,
  ProposalBody,
  ProposalFileView,
  ProposalFigures,
  ProposalListItem,
  ProposalListQuery,
  ProposalRules,
  ProposalRulesUpdate,
  ProposalUpdateBody,
  ProposalView,
  PublicProposal,
  PublishBody,
  RatingBody,
  RatingOnBehalfBody,
  RehandleBody,
  ReplyBody,
  ReplyView,
  ReviewBody,
  SignOffBody,
  SimilarProposal,
  SupervisionBody,
  SupervisorsBody,
  UnitReportRow,
} from '@server/modules/proposal/proposal.schema';
import type { WorkCalendar } from '@server/core/workdays';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitAccountsBody, type UnitBody, type UnitDeleteResult, type UnitUpdateBody, type UnitView } from '@server/modules/unit/unit.schema';
import type { Page } from '@server/core/pagination';
import type { z } from 'zod';
import { api, get, patch, post, put, withQuery } from '../../api/client';

/**
 * 提案 hooks shared by the console pages (staff, leaders, units) and the members' phone pages: keep
 * the names stable. Every write on a proposal answers with the fresh ProposalView, which replaces the
 * cached one; lists and figures are refetched in the background.
 */
export type { ProposalFileView, ProposalFigures, ProposalListItem, ProposalRules, ProposalView, PublicProposal, ReplyView, UnitReportRow, WorkCalendar };
export type SimilarProposalView = z.infer<typeof SimilarProposal>;

/** list filters as a page keeps them (the server parses strings) */
export type ProposalFilters = Partial<ProposalListQuery>;

export interface ProposalSession {
  id: string;
  name: string;
  termId: string;
  startDate: string;
  endDate: string;
  current: boolean;
}
export interface ProposalRulesView {
  rules: ProposalRules;
  calendar: WorkCalendar;
  sessions: ProposalSession[];
}

/** 承办单位 (GET /api/units): see server/modules/unit/unit.schema.ts */
export type { UnitView };
export { UNIT_KIND_LABELS, UNIT_KINDS };

/* ------------------------------------------------------------------ queries */

export const useProposals = (q: ProposalFilters, enabled = true) =>
  useQuery({ queryKey: ['proposals', 'list', q], queryFn: () => get<Page<ProposalListItem>>('/api/proposals', q), placeholderData: (p) => p, enabled });

export const useProposal = (id: string | null | undefined) =>
  useQuery({ queryKey: ['proposals', 'one', id], queryFn: () => get<ProposalView>(`/api/proposals/${id}`), enabled: !!id, retry: false });

export const useProposalRules = () => useQuery({ queryKey: ['proposal-rules'], queryFn: () => get<ProposalRulesView>('/api/proposal-rules') });

/** Earlier proposals like the one being written (while drafting). */
export const useSimilarProposals = (q: { title?: string; text?: string; exceptId?: string }, enabled = true) =>
  useQuery({
    queryKey: ['proposals', 'similar', q],
    queryFn: () => get<{ items: SimilarProposalView[] }>('/api/proposals/similar', q),
    enabled: enabled && ((q.title?.length ?? 0) >= 4 || (q.text?.length ?? 0) >= 20),
    placeholderData: (p) => p,
    retry: false,
  });

/** every handling unit of the org (inactive ones included; filter on `active` for pickers) */
export const useUnits = (enabled = true) =>
  useQuery({ queryKey: ['units', 'list'], queryFn: () => get<Page<UnitView>>('/api/units', { pageSize: 200 }).then((p) => p.items), enabled });
/** the signed-in unit account's own unit */
export const useMyUnit = (enabled = true) => useQuery({ queryKey: ['units', 'mine'], queryFn: () => get<UnitView>('/api/units/mine'), enabled, retry: false });

export const useProposalFigures = (sessionId?: string) =>
  useQuery({ queryKey: ['proposal-figures', sessionId ?? ''], queryFn: () => get<ProposalFigures>('/api/proposal-figures', { sessionId }), placeholderData: (p) => p });
export const useUnitReport = (year: number) =>
  useQuery({ queryKey: ['proposal-unit-report', year], queryFn: () => get<{ year: number; rows: UnitReportRow[] }>('/api/proposal-unit-report', { year }), placeholderData: (p) => p });

/* ------------------------------------------------------------------ files and documents (plain links: the cookie goes along) */

/** Uploads one attachment (the file itself is the body); save the proposal with its id in fileIds. */
export const uploadProposalFile = (file: File) => api<ProposalFileView>('POST', withQuery('/api/proposals/files', { name: file.name }), file);
export const proposalFileUrl = (proposalId: string, fileId: string) => `/api/proposals/${proposalId}/files/${fileId}`;
/** 提案 printed form */
export const proposalDocxUrl = (id: string) => `/api/proposals/${id}/document.docx`;
/** 复文 */
export const replyLetterUrl = (replyId: string) => `/api/proposal-replies/${replyId}/letter.docx`;
/** 会议提案汇编 */
export const compilationUrl = (sessionId: string) => `/api/proposal-sessions/${sessionId}/compilation.docx`;
/** the list as Excel, with the list's filters (page and pageSize left out) */
export const exportUrl = (q: ProposalFilters) => {
  const { page: _p, pageSize: _s, ...rest } = q;
  return withQuery('/api/proposals/export.xlsx', rest);
};
export const unitReportXlsxUrl = (year: number) => withQuery('/api/proposal-unit-report.xlsx', { year });

/* ------------------------------------------------------------------ writes */

type WithId<B> = B & { id: string };
/** bodies as the pages send them: zod's input types (fields with defaults may be left out) */
type In<S extends z.ZodType> = z.input<S>;

export function useProposalActions() {
  const qc = useQueryClient();
  const into = (v: ProposalView) => {
    qc.setQueryData(['proposals', 'one', v.id], v);
    // the dialog that saved closes at once; lists, figures and related proposals refresh behind it
    void Promise.all([
      qc.invalidateQueries({ queryKey: ['proposals', 'list'] }),
      qc.invalidateQueries({ queryKey: ['proposals', 'one'], predicate: (q) => q.queryKey[2] !== v.id }),
      qc.invalidateQueries({ queryKey: ['proposal-figures'] }),
      qc.invalidateQueries({ queryKey: ['units'] }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
  };
  const on = <B>(url: (id: string) => string) =>
    useMutation({ mutationFn: ({ id, ...b }: WithId<B>) => post<ProposalView>(url(id), b), onSuccess: into });
  return {
    /* members */
    /** a member writes: saved as a draft, co-signers invited */
    create: useMutation({ mutationFn: (b: In<typeof ProposalBody>) => post<ProposalView>('/api/proposals', b), onSuccess: into }),
    /** the writer changes a draft or a returned proposal */
    update: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof ProposalUpdateBody>>) => put<ProposalView>(`/api/proposals/${id}`, b), onSuccess: into }),
    submit: useMutation({ mutationFn: (id: string) => post<ProposalView>(`/api/proposals/${id}/submit`), onSuccess: into }),
    withdraw: useMutation({ mutationFn: (id: string) => post<ProposalView>(`/api/proposals/${id}/withdraw`), onSuccess: into }),
    /** the invited member answers: { id: proposalId, accept } */
    respondInvitation: on<In<typeof CoSignResponseBody>>((id) => `/api/proposals/${id}/invitation`),
    /** { id: replyId, handling, result, comment } */
    rate: on<In<typeof RatingBody>>((id) => `/api/proposal-replies/${id}/rating`),

    /* staff */
    review: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof ReviewBody>>) => post<ProposalView>(`/api/proposals/${id}/review`, b), onSuccess: into }),
    assign: on<In<typeof AssignBody>>((id) => `/api/proposals/${id}/assign`),
    /** { id: assignmentId, action: keep|reassign, … } */
    decideObjection: useMutation({
      mutationFn: ({ id, ...b }: WithId<In<typeof ObjectionDecisionBody>>) => post<ProposalView>(`/api/proposal-assignments/${id}/objection/decision`, b),
      onSuccess: into,
    }),
    /** { id: extensionId, … } */
    decideExtension: on<In<typeof ExtensionDecisionBody>>((id) => `/api/proposal-extensions/${id}/decision`),
    /** { id: assignmentId, reason, dueOn } */
    rehandle: on<In<typeof RehandleBody>>((id) => `/api/proposal-assignments/${id}/rehandle`),
    /** { id: replyId, category, note } */
    correctCategory: on<In<typeof CategoryCorrectionBody>>((id) => `/api/proposal-replies/${id}/category`),
    /** { id: replyId, memberId, handling, result, comment } */
    rateOnBehalf: on<In<typeof RatingOnBehalfBody>>((id) => `/api/proposal-replies/${id}/rating-on-behalf`),
    key: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof KeyBody>>) => post<ProposalView>(`/api/proposals/${id}/key`, b), onSuccess: into }),
    setSupervisors: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof SupervisorsBody>>) => put<ProposalView>(`/api/proposals/${id}/supervisors`, b), onSuccess: into }),
    addSupervision: on<In<typeof SupervisionBody>>((id) => `/api/proposals/${id}/supervisions`),
    publish: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof PublishBody>>) => post<ProposalView>(`/api/proposals/${id}/publication`, b), onSuccess: into }),

    /* units ({ id: assignmentId }) */
    object: on<In<typeof ObjectionBody>>((id) => `/api/proposal-assignments/${id}/objection`),
    requestExtension: on<In<typeof ExtensionBody>>((id) => `/api/proposal-assignments/${id}/extensions`),
    recordContact: on<In<typeof ContactBody>>((id) => `/api/proposal-assignments/${id}/contacts`),
    signOff: on<In<typeof SignOffBody>>((id) => `/api/proposal-assignments/${id}/sign-off`),
    reply: on<In<typeof ReplyBody>>((id) => `/api/proposal-assignments/${id}/reply`),
    followUp: on<In<typeof FollowUpBody>>((id) => `/api/proposal-assignments/${id}/follow-up`),
  };
}

/* ------------------------------------------------------------------ rules and units */

export function useSaveProposalRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: In<typeof ProposalRulesUpdate>) => patch<ProposalRulesView>('/api/proposal-rules', b),
    onSuccess: (d) => qc.setQueryData(['proposal-rules'], d),
  });
}

export function useUnitActions() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: ['units'] }), qc.invalidateQueries({ queryKey: ['accounts'] })]);
  return {
    create: useMutation({ mutationFn: (b: In<typeof UnitBody>) => post<UnitView>('/api/units', b), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof UnitUpdateBody>>) => put<UnitView>(`/api/units/${id}`, b), onSuccess: done }),
    /** deleted, or kept as inactive when it has handled proposals (the answer says which) */
    remove: useMutation({ mutationFn: (id: string) => api<UnitDeleteResult>('DELETE', `/api/units/${id}`), onSuccess: done }),
    setAccounts: useMutation({ mutationFn: ({ id, ...b }: WithId<In<typeof UnitAccountsBody>>) => put<UnitView>(`/api/units/${id}/accounts`, b), onSuccess: done }),
  };
}
