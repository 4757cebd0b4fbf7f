import { Counter, type Registry } from 'prom-client';

/**
 * Invariant breaches (INVARIANT_BREACHES in libs/domain) the API answered with a 500, by code. Any
 * increase is a bug to look at: alert on it.
 */
export function createInvariantBreachCounter(registry: Registry): Counter<'code'> {
  return new Counter({
    name: 'carbon_invariant_breaches_total',
    help: 'ledger invariant breaches answered with a 500, by error code',
    labelNames: ['code'],
    registers: [registry],
  });
}
