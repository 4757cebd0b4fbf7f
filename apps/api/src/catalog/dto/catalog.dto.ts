import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, IsInstant } from '../../common/field-shapes.js';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class RedeemDto {
  @ApiProperty() @IsUUID() rewardId!: string;
}

export class CreateRewardDto {
  @ApiProperty({ example: 'metro-app' }) @Matches(/^[a-z][a-z0-9-]{1,63}$/) partnerId!: string;
  @ApiProperty({ example: '地铁单程票' }) @FreeText(1, 200) title!: string;
  @ApiProperty({ example: '500', description: 'price in points (string: integer)' })
  @Matches(/^[1-9]\d{0,15}$/)
  points!: string;
  @ApiProperty({ example: 1000 }) @IsInt() @Min(0) @Max(10_000_000) stock!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(1000) perCitizenLimit!: number;
  @ApiProperty() @IsInstant() validFrom!: string;
  @ApiProperty() @IsInstant() validTo!: string;
}

export class UpdateRewardDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) stock?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ReasonDto {
  @ApiProperty({ example: 'COUPONS_EXHAUSTED' }) @Matches(/^[A-Z][A-Z0-9_]{2,63}$/) reason!: string;
}

export class FulfilDto {
  @ApiProperty({ example: 'MT-2026-88F3' }) @FreeText(1, 128) couponCode!: string;
}

export class StatusQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['pending', 'fulfilled', 'failed', 'cancelled', 'delivered', 'parked'])
  status?: string;
}
