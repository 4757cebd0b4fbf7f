import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { FreeText, IsInstant } from '../../../common/field-shapes.js';

export class CreateCampaignDto {
  @ApiProperty({ example: '全国低碳日 · 济南' }) @FreeText(1, 200) name!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['370100'],
    description: 'district codes; omitted = everywhere',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^\d{6}$/, { each: true })
  regionScope?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['cycling', 'bus', 'metro'],
    description: 'omitted = every methodology',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true })
  methodologies?: string[];

  @ApiProperty({ example: '2026-06-15T00:00:00+08:00' }) @IsInstant() startsAt!: string;
  @ApiProperty({ example: '2026-06-16T00:00:00+08:00' }) @IsInstant() endsAt!: string;

  @ApiProperty({ example: '2', description: 'decimal string, 1 to 10, at most 3 decimals' })
  @Matches(/^(10(\.0{1,3})?|[1-9](\.\d{1,3})?)$/)
  multiplier!: string;
}
