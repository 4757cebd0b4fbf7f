import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';
import { cachedFor } from './cached.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

interface QueueSnapshot {
  queue: string;
  counts: Record<(typeof STATES)[number], number>;
  oldestWaitingAgeSeconds: number;
}

async function readQueue(queue: Queue): Promise<QueueSnapshot> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts(...STATES),
    // Ascending: the job that has been waiting longest (the next one a worker takes).
    queue.getJobs(['waiting'], 0, 0, true),
  ]);
  return {
    queue: queue.name,
    counts: Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0])) as QueueSnapshot['counts'],
    oldestWaitingAgeSeconds: oldest[0] ? Math.max(0, (Date.now() - oldest[0].timestamp) / 1000) : 0,
  };
}

/** Depth and age of every BullMQ queue, read from Redis at scrape time. */
export function registerQueueGauges(registry: Registry, queues: Queue[], ttlMs: number): void {
  const logger = new Logger('Metrics');
  const load = cachedFor(ttlMs, () => Promise.all(queues.map(readQueue)));
  // Redis being away leaves these gauges out of the scrape instead of failing all of it.
  const snapshot = () =>
    load().catch((error: Error) => {
      logger.warn(`queue metrics unavailable: ${error.message}`);
      return [];
    });

  new Gauge({
    name: 'carbon_queue_jobs',
    help: 'jobs in each BullMQ queue by state (completed jobs are removed at once, so it stays near 0)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of await snapshot())
        for (const state of STATES) this.set({ queue, state }, counts[state]);
    },
  });
  new Gauge({
    name: 'carbon_queue_oldest_waiting_age_seconds',
    help: 'age of the oldest job waiting for a worker in each queue (since it was added); 0 when none waits',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, oldestWaitingAgeSeconds } of await snapshot())
        this.set({ queue }, oldestWaitingAgeSeconds);
    },
  });
}
