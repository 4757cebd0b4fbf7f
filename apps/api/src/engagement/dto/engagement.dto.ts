import { LedgerQueryDto } from '../../account/dto/account.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreeText, PageLimit, QueryInt } from '../../common/field-shapes.js';
import { IsIn, IsOptional, Matches, Max, Min } from 'class-validator';

export class UpdateProfileDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'shown to friends and on leaderboards; null (the default) means anonymous',
    example: '骑行的小李',
  })
  @IsOptional()
  @FreeText(1, 24)
  nickname?: string | null;
}

export class CodeDto {
  @ApiProperty({ description: 'an invite code', example: 'K7Q2M9XD4T' })
  @Matches(/^[A-Z0-9]{10}$/)
  code!: string;
}

export class LeaderboardQueryDto {
  @ApiProperty({ enum: ['week', 'all'] })
  @IsIn(['week', 'all'])
  period!: 'week' | 'all';

  @ApiProperty({ enum: ['district', 'friends'] })
  @IsIn(['district', 'friends'])
  scope!: 'district' | 'friends';

  @PageLimit()
  limit?: number;
}

export class CreateTeamDto {
  @ApiProperty({ example: '历下区文化东路社区' })
  @FreeText(1, 60)
  name!: string;

  @ApiProperty({ enum: ['community', 'school', 'workplace', 'other'] })
  @IsIn(['community', 'school', 'workplace', 'other'])
  kind!: 'community' | 'school' | 'workplace' | 'other';
}

export class CreateChallengeDto {
  @ApiProperty({ description: 'the CST month, YYYY-MM', example: '2026-11' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month!: string;

  @ApiProperty({ description: 'grams CO2e the team aims to reduce that month (string)', example: '500000' })
  @Matches(/^[1-9]\d{0,14}$/)
  targetGrams!: string;
}

export class SummaryQueryDto {
  @ApiPropertyOptional({ description: 'calendar year (CST); default this year', example: 2026 })
  @IsOptional()
  @QueryInt()
  @Min(2020)
  @Max(2100)
  year?: number;
}

/** Same paging as the ledger: newest first, by entry id. */
export class TimelineQueryDto extends LedgerQueryDto {}
