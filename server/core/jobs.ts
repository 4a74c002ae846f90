import type { AppDeps } from './context.js';
import { purgeExpiredAudit } from '../modules/audit/audit.service.js';
import { lapseCoSignInvitations, runProposalReminders } from '../modules/proposal/proposal.jobs.js';
import { runRequestHousekeeping, runRequestReminders } from '../modules/request/request.jobs.js';
import { reindexStale } from '../modules/search/search.reindex.js';

export { runRequestHousekeeping, runRequestReminders } from '../modules/request/request.jobs.js';
export { lapseCoSignInvitations, runProposalReminders } from '../modules/proposal/proposal.jobs.js';

type Log = { info(o: object, m: string): void; error(o: object, m: string): void };

/**
 * Scheduled jobs, in-process timers. Each is idempotent (deadline reminders are deduplicated in the
 * outbox and the timeline; housekeeping acts on rows past a date; re-indexing only touches stale rows), so several app processes running
 * the same schedule do no harm (see docs/decisions.md on why this is not pg-boss yet). Each job is a
 * function of { db, clock, crypto }: tests call them directly with the ManualClock.
 */
export function startJobs(deps: AppDeps, log: Log) {
  const ctx = () => ({ db: deps.database.db, clock: deps.clock, crypto: deps.crypto, actor: null, ip: null, userAgent: 'scheduler' });
  const purge = () =>
    purgeExpiredAudit(ctx())
      .then((n) => n > 0 && log.info({ removed: n }, 'audit retention: expired entries removed'))
      .catch((err) => log.error({ err }, 'audit retention job failed'));
  // one after the other: PGlite runs one query at a time
  const reminders = async () => {
    await runRequestReminders(ctx())
      .then((n) => n > 0 && log.info({ sent: n }, 'request reminders sent'))
      .catch((err) => log.error({ err }, 'request reminder job failed'));
    await runProposalReminders(ctx())
      .then((n) => n > 0 && log.info({ sent: n }, 'proposal deadline reminders sent'))
      .catch((err) => log.error({ err }, 'proposal reminder job failed'));
    await lapseCoSignInvitations(ctx())
      .then((n) => n > 0 && log.info({ lapsed: n }, 'proposal co-sign invitations lapsed'))
      .catch((err) => log.error({ err }, 'proposal invitation job failed'));
  };
  const housekeeping = () =>
    runRequestHousekeeping(ctx())
      .then((r) => (r.closed || r.erased || r.photos) && log.info(r, 'request housekeeping done'))
      .catch((err) => log.error({ err }, 'request housekeeping job failed'));
  // after a dictionary change (DICT_VERSION), rows indexed with the old one are redone in the background
  const reindex = () =>
    reindexStale(deps.database.db)
      .then((n) => n > 0 && log.info({ reindexed: n }, 'search index: items re-segmented with the current dictionary'))
      .catch((err) => log.error({ err }, 'search re-index failed'));
  const daily = () => {
    void purge();
    void housekeeping();
  };
  const timers = [setTimeout(reindex, 5_000), setTimeout(daily, 60_000), setInterval(daily, 24 * 3600_000), setTimeout(reminders, 90_000), setInterval(reminders, 10 * 60_000)];
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
