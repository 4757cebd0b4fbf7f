import { UuidParam } from '../../common/path-params.js';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { FreeText, IsInstant, QueryInt } from '../../common/field-shapes.js';
import { IsOptional, Matches, Max, Min } from 'class-validator';
import { CurrentAdmin, type AdminPrincipal } from '../../auth/citizen-principal.js';
import { AdminRead, AdminWrite } from '../../auth/roles.decorator.js';
import { ReviewsService } from './reviews.service.js';
import { ErrorCode } from '@app/domain';
import { ApiErrors } from '../../common/api-error.dto.js';
import { ReviewDecisionDto, ReviewPageDto } from './review-responses.dto.js';

export class ReviewQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @QueryInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsInstant()
  cursor?: string;
}

export class ApproveDto {
  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) note?: string;
}

export class RejectDto {
  @ApiProperty({ example: 'EVIDENCE_INSUFFICIENT', description: 'a reason code the citizen sees' })
  @Matches(/^[A-Z][A-Z0-9_]{2,63}$/)
  reason!: string;

  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) note?: string;
}

@ApiTags('admin: reviews')
@ApiBearerAuth()
@AdminRead()
@Controller('admin/v1/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiOperation({ summary: 'Actions waiting for review, oldest first' })
  pending(@Query() query: ReviewQueryDto) {
    return this.reviews.pending(query.limit ?? 50, query.cursor);
  }

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
