import type { OpinionStatus } from '@server/modules/opinion/opinion.schema';

/** antd-mobile Tag colours per report status (primary is the brand red). */
export const OPINION_STATUS_COLORS: Record<OpinionStatus, string> = {
  draft: 'default',
  submitted: 'primary',
  returned: 'warning',
  adopted: 'success',
  forwarded: 'success',
  declined: 'danger',
};

/** Characters of the body as the server counts them (trimmed). */
export const bodyLength = (s: string | undefined) => (s ?? '').trim().length;
