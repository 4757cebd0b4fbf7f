import { QueueName } from '@app/domain';
import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { SkipRateLimit } from '../common/rate-limit.guard.js';
import { Public } from '../auth/public.decorator.js';
import { LivenessDto, ReadinessDto } from './health-responses.dto.js';

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
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

@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Actions) private readonly queue: Queue,
  ) {}

  @Get()
  @ApiOkResponse({ type: LivenessDto })
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'a dependency is down' })
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (503 otherwise)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      // A real round trip through the queue's own connection.
      check(() => this.queue.getJobCounts('waiting')),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
