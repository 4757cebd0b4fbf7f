import { UuidParam } from '../../common/path-params.js';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { ReviewsService } from './reviews.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { ApproveDto, RejectDto } from './dto/review-decision.dto.js';
import { ReviewDecisionDto } from './dto/review-responses.dto.js';

@ApiTags('admin: reviews')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @AdminWrite()
  @Post(':actionId/approve')
  @ApiOkResponse({ type: ReviewDecisionDto })
  @ApiErrors(ErrorCode.ActionNotFound, ErrorCode.ReviewAlreadyDecided)
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: the action is settled (once); a second decision is 409' })
  approve(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('actionId') actionId: string,
    @Body() body: ApproveDto,
  ) {
    return this.reviews.approve(admin, actionId, body.note);
  }

  @AdminWrite()
  @Post(':actionId/reject')
  @ApiOkResponse({ type: ReviewDecisionDto })
  @ApiErrors(ErrorCode.ActionNotFound, ErrorCode.ReviewAlreadyDecided)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason code; nothing is credited' })
  reject(
    @CurrentAdmin() admin: AdminPrincipal,
    @UuidParam('actionId') actionId: string,
    @Body() body: RejectDto,
  ) {
    return this.reviews.reject(admin, actionId, body.reason, body.note);
  }
}
