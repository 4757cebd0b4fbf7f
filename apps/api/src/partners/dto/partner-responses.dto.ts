import { ApiProperty } from '@nestjs/swagger';
import { amount, instant, nullableInstant } from '../../common/response-types.js';

/** A partner's hold on a bound citizen's points, as the partner sees it. */
export class HoldDto {
  @ApiProperty({ format: 'uuid' }) holdId!: string;
  @ApiProperty({ description: 'the partner-scoped citizen id from the binding exchange' })
  partnerCitizenId!: string;
  @ApiProperty(amount('points reserved', '100')) points!: string;
  @ApiProperty({ ...amount('points taken at confirmation', '60'), nullable: true }) confirmedPoints!:
    string | null;
  @ApiProperty({ enum: ['active', 'confirmed', 'cancelled', 'expired'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'order-7781' }) reference!: string | null;
  @ApiProperty(instant('an active hold expires (its points come back) at this time')) expiresAt!: string;
  @ApiProperty(nullableInstant()) resolvedAt!: string | null;
}

export class TripStatisticsRecordedDto {
  @ApiProperty({
    type: 'integer',
    description: 'rows recorded (replacing earlier figures of the same day and district)',
  })
  recorded!: number;
}
