import { DomainError, ErrorCode, cstDate, isCalendarDate, shiftDate } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3 * 366;
const DEFAULT_DAYS = 30;

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const BREAKDOWNS = ['total', 'methodology', 'district', 'source'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export class ReportFormatDto {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv answers text/csv (UTF-8 with BOM, for Excel)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ReportRangeDto extends ReportFormatDto {
  @ApiPropertyOptional({
    description: 'first day, Asia/Shanghai (default: 29 days before `to`)',
    example: '2026-11-01',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    description: 'last day, inclusive, Asia/Shanghai (default: today)',
    example: '2026-11-30',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

export class ReportSeriesDto extends ReportRangeDto {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day', description: 'weeks start on Monday' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}

export class ReductionsQueryDto extends ReportSeriesDto {
  @ApiPropertyOptional({ enum: BREAKDOWNS, default: 'total' })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;
}

export interface DayRange {
  from: string;
  to: string;
}

/** The inclusive day range a report covers; a range that is reversed, impossible or over 3 years is refused. */
export function resolveRange(query: ReportRangeDto): DayRange {
  const to = query.to ?? cstDate(new Date());
  const from = query.from ?? shiftDate(to, -(DEFAULT_DAYS - 1));
  for (const [field, day] of Object.entries({ from, to })) {
    if (!isCalendarDate(day))
      throw new DomainError(ErrorCode.ReportRangeInvalid, `${field} is not a date`, { field });
  }
  if (from > to) throw new DomainError(ErrorCode.ReportRangeInvalid, 'from is after to', { field: 'from' });
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) {
    throw new DomainError(ErrorCode.ReportRangeInvalid, `a report covers at most ${MAX_DAYS} days`, {
      field: 'from',
      days,
    });
  }
  return { from, to };
}
