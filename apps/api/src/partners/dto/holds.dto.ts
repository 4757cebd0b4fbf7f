import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FreeText } from '../../common/field-shapes.js';

export class CreateHoldDto {
  @ApiProperty() @IsString() @Length(4, 64) partnerCitizenId!: string;
  @ApiProperty({ example: '100', description: 'points to reserve (string: integer)' })
  @Matches(/^[1-9]\d{0,15}$/)
  points!: string;

  @ApiPropertyOptional({
    default: 900,
    minimum: 60,
    maximum: 86_400,
    description: 'seconds before an unresolved hold expires',
  })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  ttlSeconds?: number;

  @ApiPropertyOptional({ example: 'order-7781' })
  @IsOptional()
  @FreeText(1, 128)
  reference?: string;
}

export class ConfirmHoldDto {
  @ApiPropertyOptional({ description: 'points to take, at most the points held; default all' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,15}$/)
  points?: string;
}
