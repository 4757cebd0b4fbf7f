import { ApiProperty } from '@nestjs/swagger';
import { amount, instant, nullableInstant } from '../../common/response-types.js';

export class OrganisationActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'rooftop-pv' }) methodology!: string;
  @ApiProperty({ type: 'integer', nullable: true }) methodologyVersion!: number | null;
  @ApiProperty({ enum: ['received', 'quantified', 'settled', 'rejected', 'review'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reasonCode!: string | null;
  @ApiProperty({ ...amount('grams CO2e credited to the organisation'), nullable: true }) grams!:
    string | null;
  @ApiProperty({ ...amount('points issued (0 unless the program credits organisations)'), nullable: true })
  points!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the member who submitted it; null when a partner pushed it',
  })
  submittedBy!: string | null;
  @ApiProperty({ example: 'self', description: "'self' (a member) or the pushing partner's id" })
  source!: string;
  @ApiProperty(instant()) occurredAt!: string;
  @ApiProperty(instant()) receivedAt!: string;
  @ApiProperty(nullableInstant()) settledAt!: string | null;
}

export class OrganisationEntryDto {
  @ApiProperty({ example: '42' }) postingId!: string;
  @ApiProperty({ example: 'ACTION_SETTLED' }) reason!: string;
  @ApiProperty({ description: 'the action (or other cause) of the entry' }) causeId!: string;
  @ApiProperty(amount('grams CO2e')) grams!: string;
  @ApiProperty(amount('the record after this entry')) balanceAfter!: string;
  @ApiProperty(instant()) at!: string;
}

/** 碳普惠 record: what the organisation's actions have credited, and how. */
export class OrganisationRecordDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty(amount('grams CO2e credited to the organisation in all')) carbonGrams!: string;
  @ApiProperty(amount('points credited to it (0 unless the program credits organisations)', '0'))
  points!: string;
  @ApiProperty({ enum: ['none', 'credited'], description: 'the program setting for organisations’ points' })
  pointsSetting!: string;
  @ApiProperty({ type: [OrganisationEntryDto], description: 'the latest 50 entries, newest first' })
  entries!: OrganisationEntryDto[];
}
