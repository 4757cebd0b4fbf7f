import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { amount } from '../../../common/response-types.js';
import { PoolDto } from '../../pools/pool-responses.dto.js';
import { BREAKDOWNS, GRANULARITIES } from './report-query.dto.js';
import { ClosedMonthChangeDto } from './report-tables.dto.js';

const day = (description: string) => ({
  example: '2026-11-30',
  description: `${description}, Asia/Shanghai`,
});
const tonnes = { example: '0.000169', description: 'tonnes CO2e, exact, six decimals' };

class RangeDto {
  @ApiProperty(day('first day')) from!: string;
  @ApiProperty(day('last day, inclusive')) to!: string;
}

export class ReductionRowDto {
  @ApiProperty({ example: '2026-11-30', description: 'the first day of the period' }) period!: string;
  @ApiProperty({ example: 'cycling', description: 'the breakdown key' }) key!: string;
  @ApiProperty({ example: '骑行', description: "the key's name" }) label!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams credited')) grams!: string;
  @ApiProperty(tonnes) tonnes!: string;
  @ApiProperty(amount('points issued')) pointsIssued!: string;
}

export class ReductionsReportDto extends RangeDto {
  @ApiProperty({ enum: GRANULARITIES }) granularity!: string;
  @ApiProperty({ enum: BREAKDOWNS }) by!: string;
  @ApiProperty({ type: [ReductionRowDto] }) rows!: ReductionRowDto[];
}

export class PointsFlowRowDto {
  @ApiProperty({ example: '2026-11-30' }) period!: string;
  @ApiProperty(amount('points issued')) issued!: string;
  @ApiProperty(amount('points redeemed, net of refunds')) redeemed!: string;
  @ApiProperty(amount('points expired')) expired!: string;
  @ApiProperty(amount('points donated')) donated!: string;
}

export class PointsReportDto extends RangeDto {
  @ApiProperty({ enum: GRANULARITIES }) granularity!: string;
  @ApiProperty({ type: [PointsFlowRowDto] }) rows!: PointsFlowRowDto[];
}

export class CitizensRowDto {
  @ApiProperty({ example: '2026-11-30' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'citizens with a settled action' }) activeCitizens!: number;
  @ApiProperty({ type: 'integer' }) actions!: number;
}

export class CitizensReportDto extends RangeDto {
  @ApiProperty({ enum: GRANULARITIES }) granularity!: string;
  @ApiProperty({ type: [CitizensRowDto] }) rows!: CitizensRowDto[];
}

export class PoolsReportDto {
  @ApiProperty({ type: [PoolDto] }) rows!: PoolDto[];
}

export class IndicatorsDto {
  @ApiProperty({ type: 'integer', description: 'methodologies with settled actions (应用场景)' })
  liveScenarios!: number;
  @ApiProperty({ type: 'integer', example: 2 }) liveScenarioTarget!: number;
  @ApiProperty({ type: [String] }) liveMethodologies!: string[];
  @ApiProperty({ type: 'integer' }) greenTrips!: number;
  @ApiProperty({ type: 'integer', description: 'all trips partners reported' }) reportedTrips!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'green trips over all reported trips; null when no partner reports trips',
  })
  greenTripShare!: number | null;
}

export class IndicatorsReportDto extends IndicatorsDto {
  @ApiProperty(day('first day')) from!: string;
  @ApiProperty(day('last day, inclusive')) to!: string;
}

export class DashboardTotalsDto {
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams credited')) grams!: string;
  @ApiProperty(tonnes) tonnes!: string;
  @ApiProperty(amount('points issued')) pointsIssued!: string;
  @ApiProperty(amount('points redeemed')) pointsRedeemed!: string;
  @ApiProperty(amount('points expired')) pointsExpired!: string;
  @ApiProperty(amount('points donated')) pointsDonated!: string;
  @ApiProperty({ type: 'integer' }) activeCitizens!: number;
}

export class DailyReductionDto {
  @ApiProperty({ example: '2026-11-30', description: "the period's first day (a Monday for weeks)" })
  period!: string;
  @ApiProperty({ example: 'cycling' }) methodologyId!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams credited')) grams!: string;
}

export class DistrictReductionDto {
  @ApiProperty({ example: '370102' }) districtCode!: string;
  @ApiProperty({ example: '历下区' }) districtName!: string;
  @ApiProperty({ type: 'integer' }) actions!: number;
  @ApiProperty(amount('grams credited')) grams!: string;
}

export class DateBasisDto {
  @ApiProperty({ enum: ['occurred'], description: 'reductions count by the date the action occurred' })
  reductions!: 'occurred';
  @ApiProperty({ enum: ['settled'], description: 'points flows count by the date they were posted' })
  points!: 'settled';
}

export class DashboardDto extends RangeDto {
  @ApiProperty({ enum: GRANULARITIES, description: 'the series are per day, week (from Monday) or month' })
  granularity!: string;
  @ApiProperty({ type: DateBasisDto }) dateBasis!: DateBasisDto;
  @ApiProperty({ type: DashboardTotalsDto }) totals!: DashboardTotalsDto;
  @ApiProperty({ type: [DailyReductionDto] }) reductionsByPeriod!: DailyReductionDto[];
  @ApiProperty({ type: [DistrictReductionDto] }) reductionsByDistrict!: DistrictReductionDto[];
  @ApiProperty({ type: [PointsFlowRowDto] }) pointsFlowsByPeriod!: PointsFlowRowDto[];
  @ApiProperty({
    type: [ClosedMonthChangeDto],
    description: 'occurred months of the range whose figures changed after the month ended',
  })
  closedMonthChanges!: ClosedMonthChangeDto[];
  @ApiProperty({ type: IndicatorsDto }) indicators!: IndicatorsDto;
  @ApiProperty({ type: [PoolDto] }) pools!: PoolDto[];
}

/** A report answered as JSON, or with `format=csv` as a spreadsheet download. */
export const ApiJsonOrCsvResponse = (type: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description:
        'JSON; with format=csv a UTF-8 CSV with a BOM, for Excel (Content-Disposition: attachment)',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
  );
