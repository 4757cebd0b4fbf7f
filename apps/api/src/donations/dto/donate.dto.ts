import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { DONATION_TARGETS, type DonationTarget } from '../donations.service.js';

export class DonateDto {
  @ApiProperty({ enum: DONATION_TARGETS }) @IsIn(DONATION_TARGETS) target!: DonationTarget;
  @ApiProperty({ example: '100', description: 'points (string: integer)' })
  @Matches(/^[1-9]\d{0,15}$/)
  points!: string;
}
