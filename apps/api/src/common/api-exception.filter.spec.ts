import { DomainError, ErrorCode, type ErrorCode as Code } from '@app/domain';
import { accountOf, assertBalanced } from '@app/ledger';
import { MemoryLogger } from '@app/logging';
import { Controller, Get, HttpStatus, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { createInvariantBreachCounter } from '../metrics/invariant-metrics.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { statusForCode } from './error-status.js';

@Controller('fail')
class FailingController {
  /** A posting that does not sum to zero, refused by the ledger's own check. */
  @Get('unbalanced')
  unbalanced(): void {
    assertBalanced({
      idempotencyKey: 'spec:unbalanced',
      causeType: 'action',
      causeId: 'spec',
      reason: 'spec',
      lines: [
        { account: accountOf.citizenPoints('c1'), amount: 5n },
        { account: accountOf.pointsIssuance(), amount: -4n },
      ],
    });
  }

  @Get('methodology-reason')
  methodologyReason(): void {
    throw new DomainError(ErrorCode.DistanceTooShort, 'a trip must be at least 100 m', { minDistanceM: 100 });
  }

  @Get('forged-code')
  forgedCode(): void {
    throw new DomainError('NOT_A_CODE' as Code, 'built from a cast string');
  }
}

const registry = new Registry();
const invariantBreaches = createInvariantBreachCounter(registry);

@Module({
  controllers: [FailingController],
  providers: [
    { provide: MetricsService, useValue: { invariantBreaches } },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
class FailingModule {}

async function breaches(code: string): Promise<number> {
  const metric = await registry.getSingleMetric('carbon_invariant_breaches_total')!.get();
  return metric.values.find((v) => v.labels.code === code)?.value ?? 0;
}

describe('ApiExceptionFilter on a real Fastify app', () => {
  let app: NestFastifyApplication;
  const logs = new MemoryLogger();

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      FailingModule,
      new FastifyAdapter({ genReqId: () => 'req-spec-0001' }),
      { logger: logs },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('answers an invariant breach 500 with its code and no internals, logs it with the request id and counts it', async () => {
    const before = await breaches(ErrorCode.LedgerUnbalanced);
    const response = await app.inject({ method: 'GET', url: '/fail/unbalanced' });

    expect(response.statusCode).toBe(HttpStatus.INTERNAL_SERVER_ERROR);
    expect(response.json()).toEqual({ code: 'LEDGER_UNBALANCED', message: 'internal error' });
    expect(response.body).not.toContain('spec:unbalanced');
    expect(await breaches(ErrorCode.LedgerUnbalanced)).toBe(before + 1);
    expect(logs.at('error')).toContainEqual(
      expect.objectContaining({
        requestId: 'req-spec-0001',
        code: 'LEDGER_UNBALANCED',
        details: { idempotencyKey: 'spec:unbalanced' },
        msg: expect.stringContaining('POINTS is off by 1'),
      }),
    );
  });

  it('answers a methodology reason 422 with its code and details, neither logged as an error nor counted', async () => {
    const errorsBefore = logs.at('error').length;
    const response = await app.inject({ method: 'GET', url: '/fail/methodology-reason' });

    expect(response.statusCode).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(response.json()).toEqual({
      code: 'DISTANCE_TOO_SHORT',
      message: 'a trip must be at least 100 m',
      details: { minDistanceM: 100 },
    });
    expect(logs.at('error')).toHaveLength(errorsBefore);
    expect(await breaches(ErrorCode.DistanceTooShort)).toBe(0);
  });

  it('answers a code outside ErrorCode as an internal error (500), never a guessed 422', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/forged-code' });

    expect(response.statusCode).toBe(HttpStatus.INTERNAL_SERVER_ERROR);
    expect(response.json()).toEqual({ code: 'INTERNAL_ERROR', message: 'internal error' });
  });
});

describe('statusForCode', () => {
  it('gives every ErrorCode member a status, and 500 exactly to the invariant breaches and INTERNAL_ERROR', () => {
    const codes = Object.values(ErrorCode);
    expect(codes.filter((code) => statusForCode(code) === undefined)).toEqual([]);
    expect(codes.filter((code) => statusForCode(code) === HttpStatus.INTERNAL_SERVER_ERROR).sort()).toEqual(
      ['INTERNAL_ERROR', 'LEDGER_ACCOUNT_MISSING', 'LEDGER_UNBALANCED', 'POINTS_LOTS_SHORT'].sort(),
    );
  });

  it('keeps the methodology reasons 422, as they were before the map was exhaustive', () => {
    expect(statusForCode(ErrorCode.NoSaving)).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(statusForCode(ErrorCode.ConsumptionImplausible)).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
  });
});
