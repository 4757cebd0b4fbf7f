import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { Idempotent } from '../common/idempotent.interceptor.js';
import { RedeemDto } from './dto/catalog.dto.js';
import { RedemptionsService } from './redemptions.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { AvailableRewardDto, OrderDto } from './dto/catalog-responses.dto.js';
import { ApiOkList } from '../common/response-types.js';

@ApiTags('citizen catalog')
@ApiBearerAuth()
@Controller('v1')
export class CitizenCatalogController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Get('rewards')
  @ApiOkList(AvailableRewardDto, 200, 'cheapest first')
  @ApiOperation({ summary: 'Rewards available now' })
  rewards() {
    return this.redemptions.available();
  }

  @Post('redemptions')
  @Idempotent({ replayStatus: 200 })
  @ApiCreatedResponse({ type: OrderDto, description: 'the pending order' })
  @ApiOkResponse({ type: OrderDto, description: 'the same Idempotency-Key again: the first order' })
  @ApiErrors(
    ErrorCode.RewardNotFound,
    ErrorCode.RewardUnavailable,
    ErrorCode.OutOfStock,
    ErrorCode.LimitReached,
    ErrorCode.InsufficientPoints,
  )
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary: 'Redeem a reward: 201 with a pending order; the coupon appears once the partner fulfils it',
  })
  redeem(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: RedeemDto,
  ) {
    return this.redemptions.redeem(citizen, key, body.rewardId);
  }

  @Get('me/orders')
  @ApiOkList(OrderDto, 100, 'newest first')
  @ApiOperation({ summary: 'My orders, newest first' })
  orders(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.redemptions.mine(citizen);
  }

  @Get('me/orders/:id')
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.OrderNotFound)
  @ApiOperation({ summary: 'One of my orders, with its coupon code once fulfilled' })
  order(@CurrentCitizen() citizen: CitizenPrincipal, @UuidParam('id') id: string) {
    return this.redemptions.one(citizen, id);
  }
}
