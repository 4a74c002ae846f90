import { useQuery } from '@tanstack/react-query';
import type { AssignmentView, ProposalListItem, ProposalListQuery } from '@server/modules/proposal/proposal.schema';
import type { Page } from '@server/core/pagination';
import { get } from '../../api/client';
import { daysLeft } from './proposalTags';

/**
 * What the unit panel, the figures page and the dashboard cards need beyond proposalApi.ts (whose
 * hooks — the unit's actions, figures, the unit report — they use as they are).
 */

/** One scope of proposals for a dashboard card: its total (pageSize 1) or a short list. */
export const useProposalScope = (q: Partial<ProposalListQuery>, enabled: boolean) =>
  useQuery({ queryKey: ['proposals', 'list', q], queryFn: () => get<Page<ProposalListItem>>('/api/proposals', q), enabled, retry: false });

/** 办理中 / 即将到期 / 已超期 of the unit's open assignments in a page of its queue. */
export function unitQueueCounts(items: ProposalListItem[], unitId: string | undefined, soonDays = 10) {
  let handling = 0;
  let soon = 0;
  let overdue = 0;
  for (const p of items)
    for (const a of p.units) {
      if ((unitId && a.unit.id !== unitId) || (a.status !== 'handling' && a.status !== 'objected')) continue;
      handling++;
      if (a.overdue || daysLeft(a.dueOn) < 0) overdue++;
      else if (daysLeft(a.dueOn) <= soonDays) soon++;
    }
  return { handling, soon, overdue };
}

/** The assignment's current contacts (this round): the rules may require one before the reply. */
export const contactsThisRound = (a: AssignmentView) => a.contacts.filter((c) => c.round === a.round);

/** 85.3% or — */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
