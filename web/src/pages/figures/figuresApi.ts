import { useQuery } from '@tanstack/react-query';
import type { MemberFigures, OpinionFigures, PeriodQuery, RequestFigures, RequestFiguresQuery, RequestStats } from '@server/modules/figures/figures.schema';
import { get, withQuery } from '../../api/client';

/** 统计 hooks: concerns and opinion reports of a period (the staff dashboard, the figures page), one member's year. */
export type { MemberFigures, OpinionFigures, PeriodQuery, RequestFigures, RequestFiguresQuery, RequestStats };

export const useRequestFigures = (q: Partial<RequestFiguresQuery>, enabled = true) =>
  useQuery({ queryKey: ['figures', 'requests', q], queryFn: () => get<RequestFigures>('/api/figures/requests', q), placeholderData: (p) => p, enabled, retry: false });

export const useOpinionFigures = (q: Partial<PeriodQuery>, enabled = true) =>
  useQuery({ queryKey: ['figures', 'opinions', q], queryFn: () => get<OpinionFigures>('/api/figures/opinions', q), placeholderData: (p) => p, enabled, retry: false });

/** A member's duty figures for a year: staff and leaders see anyone's, a member only their own (403 otherwise). */
export const useMemberFigures = (memberId: string, year?: number, enabled = true) =>
  useQuery({ queryKey: ['figures', 'member', memberId, year], queryFn: () => get<MemberFigures>(`/api/members/${memberId}/figures`, { year }), enabled: enabled && !!memberId, retry: false });

/** The workbook of the period (a plain link: the browser downloads it with the session cookie; the export is audited). */
export const figuresExportUrl = (q: Partial<RequestFiguresQuery>) => withQuery('/api/figures/export.xlsx', { from: q.from, to: q.to, townshipId: q.townshipId });

/** 85.3% or — */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
