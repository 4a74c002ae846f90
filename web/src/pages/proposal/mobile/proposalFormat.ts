import dayjs from 'dayjs';
import type { ProposalStatus, Rating } from '@server/modules/proposal/proposal.schema';

/** antd-mobile Tag colours per proposal status (primary is the brand red). */
export const STATUS_COLORS: Record<ProposalStatus, string> = {
  draft: 'default',
  submitted: 'primary',
  returned: 'warning',
  filed: 'primary',
  declined: 'danger',
  converted: 'default',
  merged: 'default',
  assigned: 'primary',
  replied: 'success',
  closed: 'success',
};
export const RATING_COLORS: Record<Rating, string> = { satisfied: 'success', basic: 'primary', unsatisfied: 'danger' };
export const SIGNER_COLORS: Record<string, string> = { confirmed: 'success', invited: 'warning', declined: 'danger', lapsed: 'default' };

export const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');
export const minute = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

/** Characters as the server counts them (trimmed). */
export const len = (s: string | undefined | null) => (s ?? '').trim().length;

/** 第0001号 with the session where it helps. */
export const numberWithSession = (p: { numberLabel: string | null; session: { name: string } | string }) => {
  const session = typeof p.session === 'string' ? p.session : p.session.name;
  return p.numberLabel ? `${session}${p.numberLabel}` : session;
};
