import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../common/field-shapes.js';
import { instant } from '../../common/response-types.js';

export class CampaignsQueryDto {
  @ApiPropertyOptional({ description: 'start of the window; default now (no offset = China time)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'end of the window; default `from`, so one instant' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class CampaignInForceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '全国低碳日 · 济南' }) name!: string;
  @ApiProperty({ example: '2', description: 'points are multiplied by this (a decimal string)' })
  multiplier!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'the methodologies it covers; null = all' })
  methodologies!: string[] | null;
  @ApiProperty(instant()) startsAt!: string;
  @ApiProperty(instant('exclusive')) endsAt!: string;
}
