import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../common/field-shapes.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const MAX_TRIP_STATISTICS = 1_000;

export class TripStatisticDto {
  @ApiProperty({ description: 'the day, Asia/Shanghai', example: '2026-11-20' })
  @IsCalendarDate()
  day!: string;

  @ApiProperty({ example: '370102' }) @Matches(/^\d{6}$/) districtCode!: string;

  @ApiProperty({ description: 'trips by bike, bus, metro or on foot', example: 5230 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  greenTrips!: number;

  @ApiProperty({ description: 'every trip the partner saw, green or not (≥ greenTrips)', example: 12000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  totalTrips!: number;
}

export class TripStatisticsDto {
  @ApiProperty({ type: [TripStatisticDto], maxItems: MAX_TRIP_STATISTICS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRIP_STATISTICS)
  @ValidateNested({ each: true })
  @Type(() => TripStatisticDto)
  items!: TripStatisticDto[];
}
