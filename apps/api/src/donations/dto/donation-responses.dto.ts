import { ApiProperty } from '@nestjs/swagger';
import { amount, instant } from '../../common/response-types.js';
import { DONATION_TARGETS } from '../donations.service.js';

export class DonationDto {
  @ApiProperty() donationId!: string;
  @ApiProperty({ enum: DONATION_TARGETS }) target!: string;
  @ApiProperty(amount('points donated', '100')) points!: string;
  @ApiProperty(instant()) createdAt!: string;
}

export class DonationTotalDto {
  @ApiProperty({ enum: DONATION_TARGETS }) target!: string;
  @ApiProperty(amount('points donated to date', '100')) points!: string;
}
