import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { FreeText } from '../../../common/field-shapes.js';

export class RetireDto {
  @ApiProperty({ description: 'grams CO2e to retire (string: 64-bit integer)', example: '1000000' })
  @Matches(/^[1-9]\d{0,17}$/)
  grams!: string;

  @ApiProperty({ example: '2026 全国低碳日 济南主会场碳中和' })
  @FreeText(1, 500)
  purpose!: string;

  @ApiPropertyOptional({ example: '济南市生态环境局' })
  @IsOptional()
  @FreeText(1, 200)
  beneficiary?: string;
}

export class RegionQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{6}$/) region?: string;
}
