import { ActionStatus } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageLimit } from '../../common/field-shapes.js';
import { amount, instant, nullableInstant } from '../../common/response-types.js';

const STATUSES = Object.values(ActionStatus);

/**
 * The keyset of the list, newest received first: the receipt time to the microsecond (UTC) and the
 * action id, which breaks ties. Opaque to callers; only a nextCursor is a valid cursor.
 */
export const ACTIONS_CURSOR =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class MyActionsQueryDto {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @Matches(ACTIONS_CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'only actions in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ActionStatus;
}

export class MyActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'cycling' }) methodology!: string;
  @ApiProperty({ example: 'self', description: "'self', 'wechat-werun' or 'partner:<id>'" }) source!: string;
  @ApiProperty({ enum: STATUSES }) status!: ActionStatus;
  @ApiProperty({ type: String, nullable: true, description: 'why it was rejected or is under review' })
  reasonCode!: string | null;
  @ApiProperty(instant()) occurredAt!: string;
  @ApiProperty(instant()) receivedAt!: string;
  @ApiProperty(nullableInstant()) settledAt!: string | null;
  @ApiProperty({ ...amount('grams CO2e credited; null unless settled'), nullable: true })
  grams!: string | null;
  @ApiProperty({ ...amount('points credited; null unless settled'), nullable: true })
  points!: string | null;
}

export class MyActionsPageDto {
  @ApiProperty({ type: [MyActionDto], maxItems: 100, description: 'newest received first' })
  items!: MyActionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' })
  nextCursor!: string | null;
}
