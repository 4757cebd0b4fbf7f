import { REVIEW_REJECT_REASONS } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, QueryInt } from '../../../common/field-shapes.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { KEY_INPUT_FIELDS } from '../review-insights.js';

export const REVIEW_SORTS = ['oldest', 'newest', 'largest', 'smallest'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
const GRAMS = /^\d{1,18}$/;
/** sortValue~id of the last row of the previous page (an instant for oldest/newest, grams for largest/smallest). */
export const REVIEW_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z|\d{1,19})~[0-9a-f-]{36}$/;

export class ReviewQueryDto {
  @ApiPropertyOptional({ example: 'cycling' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  methodology?: string;

  @ApiPropertyOptional({ example: '370102' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;

  @ApiPropertyOptional({ example: 'self', description: "'self' or 'partner:<partner id>'" })
  @IsOptional()
  @Matches(/^(self|partner:[A-Za-z0-9_-]{1,64})$/)
  source?: string;

  @ApiPropertyOptional({ description: 'smallest claimed grams CO2e (integer string)', example: '1000' })
  @IsOptional()
  @Matches(GRAMS)
  minGrams?: string;

  @ApiPropertyOptional({ description: 'largest claimed grams CO2e (integer string)', example: '1000000' })
  @IsOptional()
  @Matches(GRAMS)
  maxGrams?: string;

  @ApiPropertyOptional({
    description: 'only items waiting at least this many hours',
    minimum: 0,
    maximum: 8760,
  })
  @IsOptional()
  @QueryInt()
  @Min(0)
  @Max(8760)
  minAgeHours?: number;

  @ApiPropertyOptional({
    enum: REVIEW_SORTS,
    default: 'oldest',
    description: 'by received time or by claimed grams',
  })
  @IsOptional()
  @IsIn(REVIEW_SORTS)
  sort?: ReviewSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @QueryInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same sort' })
  @IsOptional()
  @Matches(REVIEW_CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class KeyInputDto {
  @ApiProperty({ enum: KEY_INPUT_FIELDS }) name!: string;
  @ApiProperty({
    description: 'as submitted (distances in m, weights in g, energy in kWh, power in kW or W)',
  })
  value!: string;
}

export class OutlierDto {
  @ApiProperty({ example: 'distanceM' }) field!: string;
  @ApiProperty({ example: '46000' }) value!: string;
  @ApiProperty({ example: '50000' }) limit!: string;
  @ApiProperty({ example: 0.92, description: 'value ÷ limit' }) share!: number;
  @ApiProperty({ example: 'eligibility.maxDistanceM' }) bound!: string;
}

export class ClaimPeriodDto {
  @ApiProperty({ description: 'an instant (trips) or a YYYY-MM-DD date (metering periods, credit years)' })
  start!: string;
  @ApiProperty() end!: string;
}

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty() methodology!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, nullable: true }) requestedGrams!: string | null;
  @ApiProperty({ type: String, nullable: true }) grams!: string | null;
  @ApiProperty({ type: String, nullable: true }) points!: string | null;
  @ApiProperty({ type: String, nullable: true }) capApplied!: string | null;
  @ApiProperty({ type: Object, additionalProperties: true }) data!: unknown;
  @ApiProperty({ type: Object, additionalProperties: true, nullable: true }) evidence!: unknown;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: ClaimPeriodDto, nullable: true }) period!: ClaimPeriodDto | null;
  @ApiProperty({ type: [KeyInputDto] }) keyInputs!: KeyInputDto[];
  @ApiProperty({
    type: OutlierDto,
    nullable: true,
    description: "set when an input is at or above 80 % of its methodology's plausibility bound",
  })
  outlier!: OutlierDto | null;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewItemDto] }) items!: ReviewItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ description: 'items waiting that match the filters' }) total!: number;
}

export class BatchDecisionDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100 })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  actionIds!: string[];

  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ enum: REVIEW_REJECT_REASONS, description: 'required to reject, refused to approve' })
  @ValidateIf((body: BatchDecisionDto) => body.decision === 'reject' || body.reason !== undefined)
  @IsIn(REVIEW_REJECT_REASONS, { message: 'reason must be one of the listed reject reasons' })
  reason?: string;

  @ApiPropertyOptional() @IsOptional() @FreeText(1, 1000) note?: string;
}

export const BATCH_OUTCOMES = ['approved', 'rejected', 'already_decided', 'not_found'] as const;

export class BatchItemResultDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty({ enum: BATCH_OUTCOMES }) outcome!: (typeof BATCH_OUTCOMES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'the action status after the call' })
  status!: string | null;
}

export class BatchDecisionResultDto {
  @ApiProperty({ description: 'items this call decided' }) decided!: number;
  @ApiProperty({ type: [BatchItemResultDto], description: 'one per requested id, in request order' })
  results!: BatchItemResultDto[];
}
