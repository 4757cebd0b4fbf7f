import { ApiProperty } from '@nestjs/swagger';
import { amount, capApplied, instant } from '../../../common/response-types.js';

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty({ example: 'clothes-recycling' }) methodology!: string;
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: 'self', description: 'self, or partner:<id>' }) source!: string;
  @ApiProperty({ ...amount('grams computed before caps'), nullable: true }) requestedGrams!: string | null;
  @ApiProperty({ ...amount('grams that would be credited'), nullable: true }) grams!: string | null;
  @ApiProperty({ ...amount('points that would be credited'), nullable: true }) points!: string | null;
  @ApiProperty(capApplied()) capApplied!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the methodology input' })
  data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'kind, reference, sha256',
  })
  evidence!: unknown;
  @ApiProperty(instant()) receivedAt!: string;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewItemDto], maxItems: 100, description: 'oldest first' }) items!: ReviewItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last' })
  nextCursor!: string | null;
}

export class ReviewDecisionDto {
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty({
    enum: ['quantified', 'rejected'],
    description: 'quantified: approved, settles shortly; rejected: nothing credited',
  })
  status!: string;
}
