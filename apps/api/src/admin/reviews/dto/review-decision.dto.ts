import { REVIEW_REJECT_REASONS } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FreeText } from '../../../common/field-shapes.js';

export class ApproveDto {
  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) note?: string;
}

export class RejectDto {
  @ApiProperty({
    enum: REVIEW_REJECT_REASONS,
    description: 'a reason the citizen sees (as its Chinese sentence)',
  })
  @IsIn(REVIEW_REJECT_REASONS)
  reason!: string;

  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) note?: string;
}
