import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead, AdminWrite } from '../auth/roles.decorator.js';
import { CreateRewardDto, ReasonDto, StatusQueryDto, UpdateRewardDto } from './dto/catalog.dto.js';
import { RewardsService } from './rewards.service.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../common/api-error.dto.js';
import { OrderDto, RedrivenDeliveryDto, RewardDto, WebhookDeliveryDto } from './dto/catalog-responses.dto.js';
import { ApiOkList } from '../common/response-types.js';

@ApiTags('admin: catalog')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1')
export class AdminCatalogController {
  constructor(
    private readonly rewards: RewardsService,
    private readonly webhooks: WebhookDeliveriesService,
  ) {}

  @Get('rewards')
  @ApiOperation({ summary: 'Every reward, active or not, newest first' })
  @ApiOkList(RewardDto, 500, 'newest first')
  listRewards() {
    return this.rewards.list();
  }

  @AdminWrite()
  @Post('rewards')
  @ApiOperation({ summary: 'Add a reward of a redemption partner to the catalog' })
  @ApiCreatedResponse({ type: RewardDto })
  @ApiErrors(ErrorCode.PartnerNotFound, ErrorCode.RedemptionNotAllowed)
  createReward(@Body() body: CreateRewardDto) {
    return this.rewards.create(body);
  }

  @AdminWrite()
  @Patch('rewards/:id')
  @ApiOperation({ summary: 'Change the stock of a reward, or take it off the shelf (active: false)' })
  @ApiOkResponse({ type: RewardDto })
  @ApiErrors(ErrorCode.RewardNotFound)
  updateReward(@UuidParam('id') id: string, @Body() body: UpdateRewardDto) {
    return this.rewards.update(id, body);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Orders, newest first (status=pending for the ones waiting on a partner)' })
  @ApiOkList(OrderDto, 500, 'newest first')
  listOrders(@Query() query: StatusQueryDto) {
    return this.rewards.orders(query.status);
  }

  @AdminWrite()
  @Post('orders/:id/cancel')
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.OrderNotFound, ErrorCode.OrderResolved)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending order: the points are refunded by a reversing posting, once' })
  cancel(@UuidParam('id') id: string, @Body() body: ReasonDto) {
    return this.rewards.cancel(id, body.reason);
  }

  @Get('webhooks')
  @ApiOkList(WebhookDeliveryDto, 500, 'newest first')
  @ApiOperation({ summary: 'Webhook deliveries (status=parked for the ones that gave up)' })
  deliveries(@Query() query: StatusQueryDto) {
    return this.webhooks.deliveries(query.status);
  }

  @AdminWrite()
  @Post('webhooks/:id/redrive')
  @ApiOkResponse({ type: RedrivenDeliveryDto })
  @ApiErrors(ErrorCode.DeliveryNotFound)
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a parked delivery again, with fresh attempts' })
  redrive(@UuidParam('id') id: string) {
    return this.webhooks.redrive(id);
  }
}
