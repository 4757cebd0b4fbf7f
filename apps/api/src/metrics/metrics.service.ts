import { QueueName } from '@app/domain';
import { OperationsSnapshotRepository, ReadReplica } from '@app/persistence';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerDatabaseGauges } from './database-gauges.js';
import { createHttpHistogram } from './http-metrics.js';
import { createInvariantBreachCounter } from './invariant-metrics.js';
import { registerQueueGauges } from './queue-gauges.js';
import { registerReplicaGauges } from './replica-gauges.js';

/** Scrapes within this long of the previous one reuse its database and Redis readings. */
const SNAPSHOT_TTL_MS = 2_000;

/**
 * Prometheus metrics: the process, HTTP latency by route (observed by a Fastify hook, see
 * bootstrap.ts), and gauges read at scrape time from PostgreSQL and Redis.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests = createHttpHistogram(this.registry);
  readonly invariantBreaches = createInvariantBreachCounter(this.registry);

  constructor(operations: OperationsSnapshotRepository, moduleRef: ModuleRef, replica: ReadReplica) {
    collectDefaultMetrics({ register: this.registry, prefix: 'carbon_' });
    registerDatabaseGauges(this.registry, operations, SNAPSHOT_TTL_MS);
    // Every queue of the job contract, so a queue added there is measured without a change here.
    const queues = Object.values(QueueName).map((name) =>
      moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    registerQueueGauges(this.registry, queues, SNAPSHOT_TTL_MS);
    registerReplicaGauges(this.registry, replica);
  }
}
