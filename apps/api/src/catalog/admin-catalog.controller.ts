import { UuidParam } from '../common/path-params.js';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRead, AdminWrite } from '../auth/roles.decorator.js';
import { CreateRewardDto, ReasonDto, StatusQueryDto, UpdateRewardDto } from './dto/catalog.dto.js';
import { RewardsService } from './rewards.service.js';

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
  updateReward(@UuidParam('id') id: string, @Body() body: UpdateRewardDto) {
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
  cancel(@UuidParam('id') id: string, @Body() body: ReasonDto) {
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
  redrive(@UuidParam('id') id: string) {
    return this.rewards.redrive(id);
  }
}
