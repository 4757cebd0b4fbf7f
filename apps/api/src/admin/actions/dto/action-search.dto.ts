import { ActionStatus } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, QueryInt } from '../../../common/field-shapes.js';
import { IsIn, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const ACTION_STATUSES = Object.values(ActionStatus);
/** occurredAt~id of the last row of the previous page. */
export const ACTION_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~[0-9a-f-]{36}$/;
/** No control characters (NUL included): a nickname search is printable text. */
const NO_NUL = /^\P{Cc}*$/u;

export class ActionSearchQueryDto {
  @ApiPropertyOptional({
    description: "a citizen's id (UUID), or part of their nickname (case-insensitive)",
    example: '小林',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(NO_NUL)
  citizen?: string;

  @ApiPropertyOptional({ example: '370102', description: 'district code (GB/T 2260)' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;

  @ApiPropertyOptional({ example: 'cycling' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  methodology?: string;

  @ApiPropertyOptional({ example: 'self', description: "'self' or 'partner:<partner id>'" })
  @IsOptional()
  @Matches(/^(self|partner:[A-Za-z0-9_-]{1,64})$/)
  source?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'first occurred date, China Standard Time (the day starts at 16:00 UTC the day before)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'last occurred date, inclusive, China Standard Time',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @QueryInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(ACTION_CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class ActionSearchRowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "null for an organisation's action" })
  citizenId!: string | null;
  @ApiProperty({ type: String, nullable: true }) nickname!: string | null;
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: 'cycling' }) methodology!: string;
  @ApiProperty({ example: 'self' }) source!: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reasonCode!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'credited grams CO2e (integer string)' })
  grams!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'points (integer string)' })
  points!: string | null;
}

export class ActionSearchPageDto {
  @ApiProperty({ type: [ActionSearchRowDto] }) items!: ActionSearchRowDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}
