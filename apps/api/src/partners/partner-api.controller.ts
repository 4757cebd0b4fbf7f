import type { IdempotentResult } from '@app/persistence';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { BindingsService } from './bindings.service.js';
import { ExchangeCodeDto, PushBatchDto, PushBatchResultDto } from './dto/push.dto.js';
import type { PartnerRequest } from './partner-principal.js';
import { PartnerSignatureGuard } from './partner-signature.guard.js';
import { PushService } from './push.service.js';
import { TripStatisticsDto } from './dto/trip-statistics.dto.js';
import { TripStatisticsService } from './trip-statistics.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { BindingExchangedDto } from './dto/binding-responses.dto.js';
import { TripStatisticsRecordedDto } from './dto/partner-responses.dto.js';

/** /partner/v1: signed requests only (README: "Partner request signing"); every write is idempotent. */
@ApiTags('partner')
@ApiHeader({ name: 'X-Key-Id', required: true })
@ApiHeader({ name: 'X-Timestamp', required: true, description: 'Unix seconds' })
@ApiHeader({ name: 'X-Nonce', required: true })
@ApiHeader({ name: 'X-Signature', required: true, description: 'hex HMAC-SHA256 of the string to sign' })
@ApiHeader({ name: 'Idempotency-Key', required: true })
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1')
export class PartnerApiController {
  constructor(
    private readonly bindings: BindingsService,
    private readonly pushes: PushService,
    private readonly tripStatistics: TripStatisticsService,
  ) {}

  @Post('bindings/exchange')
  @ApiOkResponse({ type: BindingExchangedDto })
  @ApiErrors(ErrorCode.BindingCodeInvalid)
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: "Exchange a citizen's one-time binding code for a partner-scoped citizen id" })
  exchange(
    @IdempotencyKey() key: string,
    @Body() body: ExchangeCodeDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<BindingExchangedDto>> {
    return this.bindings.exchange(request, key, body);
  }

  @Post('actions::batch')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Push up to 1,000 verified actions; a result per item: accepted, duplicate, or rejected with a code',
  })
  @ApiOkResponse({ type: PushBatchResultDto })
  push(
    @IdempotencyKey() key: string,
    @Body() body: PushBatchDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<PushBatchResultDto>> {
    return this.pushes.pushBatch(request, key, body);
  }

  @Post('trip-statistics')
  @ApiOkResponse({ type: TripStatisticsRecordedDto })
  @ApiErrors(ErrorCode.DistrictUnknown)
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      "Report a day's green and total trips per district (for the green-trip share); replaces earlier figures",
  })
  reportTrips(
    @IdempotencyKey() key: string,
    @Body() body: TripStatisticsDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<TripStatisticsRecordedDto>> {
    return this.tripStatistics.record(request, key, body);
  }
}
