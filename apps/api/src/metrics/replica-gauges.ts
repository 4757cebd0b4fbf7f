import type { ReadReplica } from '@app/persistence';
import { Gauge, type Registry } from 'prom-client';

/**
 * The read replica as the API sees it (measured at most once per READ_REPLICA_CHECK_INTERVAL_MS);
 * nothing is registered without DATABASE_READ_URL.
 */
export function registerReplicaGauges(registry: Registry, replica: ReadReplica): void {
  if (!replica.configured) return;
  const choice = () => replica.choose().catch(() => undefined);
  new Gauge({
    name: 'carbon_read_replica_lag_seconds',
    help: "the read replica's lag behind the primary; absent while it does not answer or its lag is unknown",
    registers: [registry],
    async collect() {
      this.remove();
      const current = await choice();
      if (current?.replicaLagMs !== null && current?.replicaLagMs !== undefined)
        this.set(current.replicaLagMs / 1000);
    },
  });
  new Gauge({
    name: 'carbon_read_replica_serving',
    help: '1 when reports and audits are read from the read replica, 0 when they fall back to the primary',
    registers: [registry],
    async collect() {
      const current = await choice();
      this.set(current?.source === 'replica' ? 1 : 0);
    },
  });
}
