import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import {
  BatchDecisionDto,
  BatchDecisionResultDto,
  ReviewPageDto,
  ReviewQueryDto,
} from './dto/review-queue.dto.js';
import { ReviewQueueService } from './review-queue.service.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('admin: reviews')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/reviews')
export class ReviewQueueController {
  constructor(
    private readonly queue: ReviewQueueService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Actions waiting for review, filtered and sorted, with key inputs, period and an outlier flag',
  })
  @ApiOkResponse({ type: ReviewPageDto })
  pending(@Query() query: ReviewQueryDto): Promise<ReviewPageDto> {
    return this.queue.page(query);
  }

  @AdminWrite()
  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve or reject many actions with one reason, in one call; each is decided exactly once',
    description:
      'Per-item outcome: approved, rejected, already_decided (someone decided first; nothing changed) or not_found.',
  })
  @ApiOkResponse({ type: BatchDecisionResultDto })
  decide(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: BatchDecisionDto,
  ): Promise<BatchDecisionResultDto> {
    return this.reviews.decideMany(admin, body);
  }
}
