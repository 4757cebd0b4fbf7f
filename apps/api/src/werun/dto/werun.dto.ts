import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export class WerunSyncDto {
  @ApiProperty({ description: 'encryptedData from wx.getWeRunData(), base64', maxLength: 16384 })
  @IsString()
  @Length(16, 16384)
  @Matches(BASE64)
  encryptedData!: string;

  @ApiProperty({
    description: 'iv from wx.getWeRunData(), base64 of 16 bytes',
    example: 'r7BXXKkLb8qrSNn05n0qiA==',
  })
  @IsString()
  @Length(24, 24)
  @Matches(BASE64)
  iv!: string;
}

export const WERUN_DAY_STATUSES = ['recorded', 'replaced', 'unchanged', 'skipped'] as const;
export type WerunDayStatus = (typeof WERUN_DAY_STATUSES)[number];

export class WerunDayResultDto {
  @ApiProperty({ description: 'China Standard Time calendar day', example: '2026-11-20' }) date!: string;
  @ApiProperty({ description: 'steps WeChat counted that day' }) steps!: number;
  @ApiProperty({
    enum: WERUN_DAY_STATUSES,
    description:
      'recorded: a new walking action; replaced: a new count replacing the earlier one (the ledger moves by the difference); unchanged: the same count as before; skipped: see reason',
  })
  status!: WerunDayStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the walking action now holding this day (null when skipped before any report)',
  })
  actionId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'why a day was skipped: NO_STEPS, METHODOLOGY_NOT_IN_FORCE (older than the methodology allows), ACTION_IN_FUTURE, INPUT_INVALID, WERUN_DATA_STALE',
  })
  reason!: string | null;
}

export class WerunSyncResultDto {
  @ApiProperty({ type: [WerunDayResultDto], description: 'one entry per day, oldest first' })
  days!: WerunDayResultDto[];
}

export class WerunSampleDayDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;

  @ApiProperty({ example: 8000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  steps!: number;
}

export class WerunSampleDto {
  @ApiProperty({ type: [WerunSampleDayDto] })
  @ValidateNested({ each: true })
  @Type(() => WerunSampleDayDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(31)
  days!: WerunSampleDayDto[];

  @ApiPropertyOptional({ description: 'watermark appid; defaults to ours (set another to test the check)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  appId?: string;
}

export class WerunSampleResultDto {
  @ApiProperty({ description: 'as wx.getWeRunData() gives it' }) encryptedData!: string;
  @ApiProperty() iv!: string;
}
