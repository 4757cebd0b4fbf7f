import { LedgerWriter, resolveOrder } from '@app/ledger';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CurrentCitizen, type CitizenPrincipal } from '../auth/citizen-principal.js';
import { Public } from '../auth/public.decorator.js';
import { AdminRead, AdminWrite } from '../auth/roles.decorator.js';
import { IdempotencyKey } from '../common/idempotency-key.decorator.js';
import { PartnerIdempotency } from '../partners/partner-idempotency.js';
import { CurrentPartner, type PartnerPrincipal, type PartnerRequest } from '../partners/partner-principal.js';
import { PartnerSignatureGuard } from '../partners/partner-signature.guard.js';
import { toOrderView } from './order-view.js';
import { RedemptionsService } from './redemptions.service.js';
import { RewardsService } from './rewards.service.js';

export class RedeemDto {
  @ApiProperty() @IsUUID() rewardId!: string;
}

export class CreateRewardDto {
  @ApiProperty({ example: 'metro-app' }) @Matches(/^[a-z][a-z0-9-]{1,63}$/) partnerId!: string;
  @ApiProperty({ example: '地铁单程票' }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ example: '500', description: 'price in points (string: integer)' })
  @Matches(/^[1-9]\d{0,15}$/)
  points!: string;
  @ApiProperty({ example: 1000 }) @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) stock!: number;
  @ApiProperty({ example: 2 }) @Type(() => Number) @IsInt() @Min(1) @Max(1000) perCitizenLimit!: number;
  @ApiProperty() @IsISO8601({ strict: true }) validFrom!: string;
  @ApiProperty() @IsISO8601({ strict: true }) validTo!: string;
}

export class UpdateRewardDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) stock?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ReasonDto {
  @ApiProperty({ example: 'COUPONS_EXHAUSTED' }) @Matches(/^[A-Z][A-Z0-9_]{2,63}$/) reason!: string;
}

export class FulfilDto {
  @ApiProperty({ example: 'MT-2026-88F3' }) @IsString() @Length(1, 128) couponCode!: string;
}

export class StatusQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['pending', 'fulfilled', 'failed', 'cancelled', 'delivered', 'parked'])
  status?: string;
}

@ApiTags('citizen catalog')
@ApiBearerAuth()
@Controller('v1')
export class CitizenCatalogController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Get('rewards')
  @ApiOperation({ summary: 'Rewards available now' })
  rewards() {
    return this.redemptions.available();
  }

  @Post('redemptions')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({
    summary: 'Redeem a reward: 201 with a pending order; the coupon appears once the partner fulfils it',
  })
  async redeem(
    @CurrentCitizen() citizen: CitizenPrincipal,
    @IdempotencyKey() key: string,
    @Body() body: RedeemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { order, replayed } = await this.redemptions.redeem(citizen, key, body.rewardId);
    reply.status(replayed ? 200 : 201);
    return order;
  }

  @Get('me/orders')
  @ApiOperation({ summary: 'My orders, newest first' })
  orders(@CurrentCitizen() citizen: CitizenPrincipal) {
    return this.redemptions.mine(citizen);
  }

  @Get('me/orders/:id')
  @ApiOperation({ summary: 'One of my orders, with its coupon code once fulfilled' })
  order(@CurrentCitizen() citizen: CitizenPrincipal, @Param('id') id: string) {
    return this.redemptions.one(citizen, id);
  }
}

@ApiTags('admin: catalog')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1')
export class AdminCatalogController {
  constructor(private readonly rewards: RewardsService) {}

  @Get('rewards')
  listRewards() {
    return this.rewards.list();
  }

  @AdminWrite()
  @Post('rewards')
  createReward(@Body() body: CreateRewardDto) {
    return this.rewards.create(body);
  }

  @AdminWrite()
  @Patch('rewards/:id')
  updateReward(@Param('id') id: string, @Body() body: UpdateRewardDto) {
    return this.rewards.update(id, body);
  }

  @Get('orders')
  listOrders(@Query() query: StatusQueryDto) {
    return this.rewards.orders(query.status);
  }

  @AdminWrite()
  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending order: the points are refunded by a reversing posting, once' })
  cancel(@Param('id') id: string, @Body() body: ReasonDto) {
    return this.rewards.cancel(id, body.reason);
  }

  @Get('webhooks')
  @ApiOperation({ summary: 'Webhook deliveries (status=parked for the ones that gave up)' })
  deliveries(@Query() query: StatusQueryDto) {
    return this.rewards.deliveries(query.status);
  }

  @AdminWrite()
  @Post('webhooks/:id/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a parked delivery again, with fresh attempts' })
  redrive(@Param('id') id: string) {
    return this.rewards.redrive(id);
  }
}

/** The partner's side of an order: fulfil it with a coupon code, or fail it (the citizen is refunded). */
@ApiTags('partner')
@Public()
@UseGuards(PartnerSignatureGuard)
@Controller('partner/v1/orders')
export class PartnerOrdersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: PartnerIdempotency,
    private readonly ledger: LedgerWriter,
  ) {}

  @Post(':id/fulfil')
  @HttpCode(200)
  fulfil(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @Param('id') id: string,
    @Body() body: FulfilDto,
    @Req() request: PartnerRequest,
  ) {
    return this.resolve(partner, key, id, request, body, { kind: 'fulfil', couponCode: body.couponCode });
  }

  @Post(':id/fail')
  @HttpCode(200)
  fail(
    @CurrentPartner() partner: PartnerPrincipal,
    @IdempotencyKey() key: string,
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Req() request: PartnerRequest,
  ) {
    return this.resolve(partner, key, id, request, body, { kind: 'fail', reason: body.reason });
  }

  private async resolve(
    partner: PartnerPrincipal,
    key: string,
    id: string,
    request: PartnerRequest,
    body: unknown,
    outcome: { kind: 'fulfil'; couponCode: string } | { kind: 'fail'; reason: string },
  ) {
    const response = await this.idempotency.run(request, key, body, async (m) => ({
      statusCode: 200,
      body: toOrderView(await resolveOrder(m, this.ledger, id, outcome, partner.partnerId)),
    }));
    return response.body;
  }
}
