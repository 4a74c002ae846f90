import type { AppDeps } from './context.js';
import { purgeExpiredAudit } from '../modules/audit/audit.service.js';

/**
 * Scheduled jobs. Each is idempotent, so several app processes running the same schedule do no
 * harm (see docs/decisions.md on why this is not pg-boss yet).
 */
export function startJobs(deps: AppDeps, log: { info(o: object, m: string): void; error(o: object, m: string): void }) {
  const ctx = () => ({ db: deps.database.db, clock: deps.clock, crypto: deps.crypto, actor: null, ip: null, userAgent: 'scheduler' });
  const purge = () =>
    purgeExpiredAudit(ctx())
      .then((n) => n > 0 && log.info({ removed: n }, 'audit retention: expired entries removed'))
      .catch((err) => log.error({ err }, 'audit retention job failed'));
  const first = setTimeout(purge, 60_000);
  const daily = setInterval(purge, 24 * 3600_000);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
