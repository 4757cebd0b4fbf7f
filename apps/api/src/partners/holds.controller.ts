import { UuidParam } from '../common/path-params.js';
import { ErrorCode } from '@app/domain';
import type { IdempotentResult } from '@app/persistence';
import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { CurrentPartner, type PartnerPrincipal, type PartnerRequest } from './partner-principal.js';
import { PartnerSignatureGuard } from './partner-signature.guard.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { ConfirmHoldDto, CreateHoldDto } from './dto/holds.dto.js';
import { HoldDto } from './dto/partner-responses.dto.js';
import { HoldsService } from './holds.service.js';

/** Partner-initiated redemption: reserve a bound citizen's points, then confirm or cancel, once. */
@ApiTags('partner')
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post()
  @ApiCreatedResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.RedemptionNotAllowed, ErrorCode.BindingNotFound, ErrorCode.InsufficientPoints)
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary: "Reserve a bound citizen's points (422 INSUFFICIENT_POINTS when they do not have them)",
  })
  create(
    @IdempotencyKey() key: string,
    @Body() body: CreateHoldDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<HoldDto>> {
    return this.holds.create(request, key, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.HoldNotFound)
  @ApiOperation({ summary: 'One of my holds' })
  get(@CurrentPartner() partner: PartnerPrincipal, @UuidParam('id') id: string): Promise<HoldDto> {
    return this.holds.get(partner.partnerId, id);
  }

  @Post(':id/confirm')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(
    ErrorCode.HoldNotFound,
    ErrorCode.HoldResolved,
    ErrorCode.HoldExpired,
    ErrorCode.ConfirmExceedsHold,
  )
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Take all or part of the held points; the rest goes back. 409 if resolved or expired.',
  })
  confirm(
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Body() body: ConfirmHoldDto,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<HoldDto>> {
    return this.holds.settle(request, key, id, body, {
      kind: 'confirm',
      points: body.points ? BigInt(body.points) : undefined,
    });
  }

  @Post(':id/cancel')
  @ApiOkResponse({ type: HoldDto })
  @ApiErrors(ErrorCode.HoldNotFound, ErrorCode.HoldResolved, ErrorCode.HoldExpired)
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Give all the held points back. 409 if resolved or expired.' })
  cancel(
    @IdempotencyKey() key: string,
    @UuidParam('id') id: string,
    @Req() request: PartnerRequest,
  ): Promise<IdempotentResult<HoldDto>> {
    return this.holds.settle(request, key, id, {}, { kind: 'cancel' });
  }
}
