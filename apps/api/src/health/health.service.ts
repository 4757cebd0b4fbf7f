import { QueueName } from '@app/domain';
import { DatabaseHealthRepository } from '@app/persistence';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DependencyCheckDto, ReadinessDto } from './dto/health-responses.dto.js';

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<DependencyCheckDto> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)),
      ),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: PostgreSQL and Redis each answer within the timeout. */
@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseHealthRepository,
    @InjectQueue(QueueName.Actions) private readonly queue: Queue,
  ) {}

  async readiness(): Promise<ReadinessDto> {
    const [postgres, redis] = await Promise.all([
      check(() => this.database.ping()),
      // A real round trip through the queue's own connection.
      check(() => this.queue.getJobCounts('waiting')),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
