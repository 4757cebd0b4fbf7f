import { isInvariantBreach } from '@app/domain';
import type { Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** The worker's own metrics (it serves no HTTP; a scrape endpoint or push would read this registry). */
export const workerMetrics = new Registry();

/** Invariant breaches (INVARIANT_BREACHES in libs/domain) a job or a periodic task ran into, by code. */
export const workerInvariantBreaches = new Counter({
  name: 'carbon_worker_invariant_breaches_total',
  help: 'ledger invariant breaches a worker job or periodic task ran into, by error code and where',
  labelNames: ['code', 'where'],
  registers: [workerMetrics],
});

/**
 * Logs an invariant breach at error level and counts it; says whether the error was one. Other
 * errors are left to the caller (a transient fault is retried and logged as it was before).
 */
export function reportInvariantBreach(logger: Logger, error: unknown, where: string): boolean {
  if (!isInvariantBreach(error)) return false;
  workerInvariantBreaches.inc({ code: error.code, where });
  logger.error({
    msg: `invariant breach ${error.code} in ${where}: ${error.message}`,
    code: error.code,
    where,
    details: error.details,
    stack: error.stack,
  });
  return true;
}
