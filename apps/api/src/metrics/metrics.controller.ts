import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { SkipRateLimit } from '../common/rate-limit.guard.js';
import { bearerToken } from '../auth/bearer-token.js';
import { Public } from '../auth/public.decorator.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus text format. With METRICS_TOKEN set, scrapers must send it as a Bearer token. */
@ApiExcludeController()
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const expected = this.config.http.metricsToken;
    if (expected) {
      const given = Buffer.from(bearerToken(authorization) ?? '');
      const wanted = Buffer.from(expected);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
        throw new DomainError(ErrorCode.AuthRequired, 'metrics need the scrape token');
      }
    }
    void reply
      .header('content-type', this.metrics.registry.contentType)
      .send(await this.metrics.registry.metrics());
  }
}
